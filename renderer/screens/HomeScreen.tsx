// Home: 常办事项 first (six big tiles with icons, straight to the guide), then the ways to find anything else,
// and the 跨市通办 line that says this cabin serves the whole metropolitan area.
import type { Catalog } from '../../src/domain/catalog';
import { popularItems } from '../../src/domain/popularItems';
import type { Locale } from '../../src/i18n/locales';
import type { MessageKey } from '../../src/i18n';
import { useLocale } from '../context/i18n';
import { useSpeakOnMount } from '../context/voice';
import { PopularIcon } from '../components/PopularIcon';
import { Screen } from '../components/Screen';

export type HomeChoice = 'byCity' | 'byDepartment' | 'byLifeEvent' | 'search' | 'myApplications';

const tiles: { choice: HomeChoice; title: MessageKey }[] = [
  { choice: 'byCity', title: 'home.byCity' },
  { choice: 'search', title: 'home.search' },
  { choice: 'byDepartment', title: 'home.byDepartment' },
  { choice: 'byLifeEvent', title: 'home.byLifeEvent' },
  { choice: 'myApplications', title: 'home.myApplications' },
];

export interface HomeScreenProps {
  /** For the 常办事项 names; items missing from a published catalogue are left out. Default: none shown. */
  catalog?: Catalog;
  onItem?: (id: string) => void;
  onChoose: (choice: HomeChoice) => void;
  onLocale: (l: Locale) => void;
  onFinish: () => void;
}

export function HomeScreen({ catalog, onItem, onChoose, onLocale, onFinish }: HomeScreenProps) {
  const { t, locale } = useLocale();
  useSpeakOnMount(`${t('home.title')}。${t('help.purpose.home')}`, locale);
  const popular = popularItems.flatMap((p) => {
    const item = catalog?.items.find((i) => i.id === p.id);
    return item ? [{ ...p, item }] : [];
  });
  return (
    <Screen title={t('home.title')} testId="screen-home" onLocale={onLocale} footer={<button type="button" className="button" onClick={onFinish} data-testid="finish">{t('common.done')}</button>}>
      <p className="metro-area" data-testid="home-metro-area">{t('attract.metroArea')}</p>
      {popular.length > 0 && onItem && (
        <section aria-labelledby="home-popular" className="popular">
          <h2 id="home-popular">{t('home.popular')}</h2>
          <div className="popular-tiles">
            {popular.map(({ id, icon, item }) => (
              <button key={id} type="button" className="tile popular-tile" onClick={() => onItem(id)} data-testid={`home-popular-${id}`}>
                <PopularIcon name={icon} />
                <span>{item.name[locale]}</span>
              </button>
            ))}
          </div>
        </section>
      )}
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
