// 个人信息使用授权, asked before the ID card is read (issue 16 §3; the personal information law's 单独同意):
// what is read, where it goes, and two plain answers. The reader is not listened to until 同意 is tapped, so a
// card laid down early is not read; 不同意 goes back to the guide, which needs no card.
import type { Locale } from '../../src/i18n/locales';
import { useLocale } from '../context/i18n';
import { useSpeakOnMount } from '../context/voice';
import { Screen } from '../components/Screen';
import './screens.css';

export interface ConsentScreenProps {
  /** The service's name in the session's language. */
  service: string;
  onAgree: () => void;
  onBack: () => void;
  onHome: () => void;
  onLocale: (locale: Locale) => void;
}

export function ConsentScreen({ service, onAgree, onBack, onHome, onLocale }: ConsentScreenProps) {
  const { t, locale } = useLocale();
  useSpeakOnMount(`${t('consent.title')}。${t('consent.body', { service })}`, locale);
  const footer = (
    <div className="actions">
      <button type="button" className="button" onClick={onBack} data-testid="consent-disagree">
        {t('consent.disagree')}
      </button>
      <button type="button" className="button primary main-action" onClick={onAgree} data-testid="consent-agree">
        {t('consent.agree')}
      </button>
    </div>
  );
  // A card laid down already is fine here (no "take your card" reminder): it is read once the resident agrees.
  return (
    <Screen title={t('consent.title')} testId="screen-consent" waitsForCard onBack={onBack} onHome={onHome} onLocale={onLocale} footer={footer}>
      <section className="consent" aria-labelledby="consent-heading">
        <h2 id="consent-heading">{service}</h2>
        <p data-testid="consent-body">{t('consent.body', { service })}</p>
      </section>
    </Screen>
  );
}
