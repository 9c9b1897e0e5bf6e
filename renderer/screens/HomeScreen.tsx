// Home: the few ways into a service, as large tiles.
import type { Locale } from '../../src/i18n/locales';
import type { MessageKey } from '../../src/i18n';
import { useLocale } from '../app/i18n';
import { Screen } from '../components/Screen';

export type HomeChoice = 'byCity' | 'byDepartment' | 'byLifeEvent' | 'search' | 'myApplications';

const tiles: { choice: HomeChoice; title: MessageKey }[] = [
  { choice: 'byCity', title: 'home.byCity' },
  { choice: 'search', title: 'home.search' },
  { choice: 'byDepartment', title: 'home.byDepartment' },
  { choice: 'byLifeEvent', title: 'home.byLifeEvent' },
  { choice: 'myApplications', title: 'home.myApplications' },
];

export function HomeScreen({ onChoose, onLocale, onFinish }: { onChoose: (choice: HomeChoice) => void; onLocale: (l: Locale) => void; onFinish: () => void }) {
  const { t } = useLocale();
  return (
    <Screen title={t('home.title')} testId="screen-home" onLocale={onLocale} footer={<button type="button" className="button" onClick={onFinish} data-testid="finish">{t('common.done')}</button>}>
      <div className="tiles">
        {tiles.map((tile) => (
          <button key={tile.choice} type="button" className="tile" onClick={() => onChoose(tile.choice)} data-testid={`home-${tile.choice}`}>
            {t(tile.title)}
          </button>
        ))}
      </div>
    </Screen>
  );
}
