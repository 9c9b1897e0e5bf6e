// "Place your ID card": an animated prompt, then plain-word errors with one retry button. A resident without
// a card (or with a reader that is out of order) can always go on to read the guide.
import type { MessageKey } from '../../src/i18n';
import type { Locale } from '../../src/i18n/locales';
import { useLocale } from '../context/i18n';
import { useSpeakOnMount } from '../context/voice';
import { Screen } from '../components/Screen';
import { CardPrompt } from './parts/CardPrompt';
import './screens.css';

export type IdentifyState = 'waiting' | 'reading' | 'error' | 'readerUnavailable';
export type IdentifyError = 'unreadable' | 'expired' | 'invalidNumber' | 'unsupported';

export interface IdentifyScreenProps {
  state: IdentifyState;
  /** Why the last read failed (state 'error'); null otherwise. */
  error: IdentifyError | null;
  /** For 'expired': the card's last valid day (YYYY-MM-DD), shown in the message. Default: not shown. */
  expiredOn?: string | null;
  onRetry: () => void;
  onNoCard: () => void;
  onBack: () => void;
  onHome: () => void;
  onLocale: (locale: Locale) => void;
}

const errorKeys: Record<IdentifyError, MessageKey> = {
  unreadable: 'card.error.unreadable',
  expired: 'card.error.expired',
  invalidNumber: 'card.error.invalidNumber',
  unsupported: 'card.error.unsupported',
};

/** The message for a failed read, in words (an expired card without a known date says so without one). */
export function identifyErrorText(t: (key: MessageKey, params?: Record<string, string | number>) => string, error: IdentifyError, expiredOn?: string | null): string {
  if (error === 'expired') return expiredOn ? t('card.error.expired', { date: expiredOn }) : t('card.error.expiredPlain');
  return t(errorKeys[error]);
}

export function IdentifyScreen({ state, error, expiredOn, onRetry, onNoCard, onBack, onHome, onLocale }: IdentifyScreenProps) {
  const { t, locale } = useLocale();
  const message =
    state === 'readerUnavailable' ? t('card.error.readerUnavailable') : state === 'error' ? identifyErrorText(t, error ?? 'unreadable', expiredOn) : null;
  useSpeakOnMount(message ?? (state === 'reading' ? t('identify.reading') : t('identify.prompt')), locale);

  return (
    <Screen title={t('identify.title')} testId="screen-identify" waitsForCard={state !== 'readerUnavailable'} onBack={onBack} onHome={onHome} onLocale={onLocale}>
      {message === null ? (
        <CardPrompt state={state === 'reading' ? 'reading' : 'waiting'} />
      ) : (
        <div className="error-panel" role="alert" data-testid="identify-error" data-error={state === 'error' ? (error ?? 'unreadable') : 'readerUnavailable'}>
          <span className="error-icon" aria-hidden="true">!</span>
          <p>{message}</p>
          {state === 'error' && (
            <button type="button" className="button primary main-action" onClick={onRetry} data-testid="identify-retry">
              {t('common.retry')}
            </button>
          )}
        </div>
      )}
      <div className="no-card">
        <p>{t('identify.noCard')}</p>
        <button type="button" className="button" onClick={onNoCard} data-testid="identify-no-card">
          {t('identify.guideOnly')}
        </button>
      </div>
    </Screen>
  );
}
