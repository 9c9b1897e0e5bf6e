// The idle warning: a large countdown over the whole screen and one big "continue" button. Touching
// anywhere on it also continues, so nobody loses their visit because they missed the button.
import { useLocale } from '../context/i18n';

export function CountdownOverlay({ secondsLeft, onContinue }: { secondsLeft: number; onContinue: () => void }) {
  const { t } = useLocale();
  return (
    <div className="overlay" role="alertdialog" aria-modal="true" aria-labelledby="idle-title" data-testid="idle-countdown" onClick={onContinue}>
      <div className="dialog">
        <p id="idle-title" className="title">{t('idle.title')}</p>
        <p className="seconds" aria-live="assertive">
          {t('idle.countdown', { seconds: secondsLeft })}
        </p>
        {/* Say what a timeout costs, so nobody lets it run out thinking the visit will wait. */}
        <p className="wipe-notice" data-testid="idle-wipe-notice">
          {t('idle.wipeNotice')}
        </p>
        <button type="button" className="button primary" onClick={onContinue} data-testid="idle-continue" autoFocus>
          {t('idle.continue')}
        </button>
      </div>
    </div>
  );
}
