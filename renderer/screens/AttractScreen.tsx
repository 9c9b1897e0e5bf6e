// What a passer-by sees: the whole screen is one button. The language can be chosen before starting, and an
// elder can start straight in 长辈模式 (large type, voice on, more time).
import type { Locale } from '../../src/i18n/locales';
import { useLocale } from '../context/i18n';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { TakeCardBack } from '../components/TakeCardBack';

export function AttractScreen({ onTouch, onElder, onLocale }: { onTouch: () => void; onElder?: () => void; onLocale: (locale: Locale) => void }) {
  const { t } = useLocale();
  return (
    // A tap anywhere starts, except on the language buttons (they choose the language first) and 长辈模式.
    <main className="attract" data-testid="screen-attract" onClick={(e) => !(e.target as HTMLElement).closest('.languages, .elder-start') && onTouch()}>
      <TakeCardBack large />
      <h1 className="title">{t('attract.title')}</h1>
      <p className="subtitle">{t('attract.subtitle')}</p>
      <p className="subtitle metro-area">{t('attract.metroArea')}</p>
      <button type="button" className="touch button on-dark" data-testid="attract-start">
        {t('attract.touchToStart')}
      </button>
      {onElder && (
        <button type="button" className="elder-start button on-dark" onClick={onElder} data-testid="attract-elder">
          {t('attract.elderStart')}
        </button>
      )}
      <LanguageSwitch onChange={onLocale} />
    </main>
  );
}
