// What a passer-by sees: the whole screen is one button. The language can be chosen before starting.
import type { Locale } from '../../src/i18n/locales';
import { useLocale } from '../app/i18n';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { TakeCardBack } from '../components/TakeCardBack';

export function AttractScreen({ onTouch, onLocale }: { onTouch: () => void; onLocale: (locale: Locale) => void }) {
  const { t } = useLocale();
  return (
    // A tap anywhere starts, except on the language buttons (they choose the language first).
    <main className="attract" data-testid="screen-attract" onClick={(e) => !(e.target as HTMLElement).closest('.languages') && onTouch()}>
      <TakeCardBack large />
      <h1 className="title">{t('attract.title')}</h1>
      <p className="subtitle">{t('attract.subtitle')}</p>
      <button type="button" className="touch button on-dark" data-testid="attract-start">
        {t('attract.touchToStart')}
      </button>
      <LanguageSwitch onChange={onLocale} />
    </main>
  );
}
