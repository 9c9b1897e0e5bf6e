// What a passer-by sees: the whole screen is one button. The language can be chosen before starting, and an
// elder can start straight in 长辈模式 (large type, voice on, more time). While the kiosk is still starting
// (`starting`, renderer/app/firstScreen.tsx) the same screen takes touches and, once touched, says to wait.
import type { Locale } from '../../src/i18n/locales';
import { useLocale } from '../context/i18n';
import { useCanSpeak } from '../context/voice';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { TakeCardBack } from '../components/TakeCardBack';

interface AttractProps {
  onTouch: () => void;
  onElder?: () => void;
  onLocale: (locale: Locale) => void;
  /** Drawn before the kiosk is ready: `touched` once a touch is waiting for it. */
  starting?: 'idle' | 'touched';
}

export function AttractScreen({ onTouch, onElder, onLocale, starting }: AttractProps) {
  const { t, locale } = useLocale();
  // Voice is promised only when there is one (drawn at build time, before any voice is known: without it).
  const speaks = useCanSpeak(locale);
  return (
    // A tap anywhere starts, except on the language buttons (they choose the language first) and 长辈模式.
    <main
      className="attract"
      data-testid={starting ? 'screen-starting' : 'screen-attract'}
      onClick={(e) => !(e.target as HTMLElement).closest('.languages, .elder-start') && onTouch()}
    >
      <TakeCardBack large />
      <h1 className="title">{t('attract.title')}</h1>
      <p className="subtitle">{t('attract.subtitle')}</p>
      <p className="subtitle metro-area">{t('attract.metroArea')}</p>
      <button type="button" className="touch button on-dark" data-testid="attract-start">
        {t('attract.touchToStart')}
      </button>
      {onElder && (
        <button type="button" className="elder-start button on-dark" onClick={onElder} data-testid="attract-elder">
          {t(speaks ? 'attract.elderStart' : 'attract.elderStartSilent')}
        </button>
      )}
      {starting === 'touched' && (
        <p className="subtitle" role="status" data-testid="attract-starting">
          {t('attract.starting')}
        </p>
      )}
      <LanguageSwitch onChange={onLocale} />
    </main>
  );
}
