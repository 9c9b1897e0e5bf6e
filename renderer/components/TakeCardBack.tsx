// 请取回您的证件 (issue 16 §4): shown, and said, on every screen after a read and at the end of a visit for as
// long as the reader still senses a card, so nobody walks away without their ID card.
import { useLocale } from '../context/i18n';
import { useSpeakOnMount } from '../context/voice';
import { useCardOnReader } from '../context/cardOnReader';

function Reminder({ large }: { large: boolean }) {
  const { t, locale } = useLocale();
  useSpeakOnMount(t('identify.removeCard'), locale);
  return (
    <p className={`take-card-back${large ? ' large' : ''}`} role="alert" data-testid="take-card-back">
      <span className="take-card-icon" aria-hidden="true">▣ </span>
      {t('identify.removeCard')}
    </p>
  );
}

/** Renders nothing unless a card lies on the reader; `large` for the attract screen after a visit. */
export function TakeCardBack({ large = false }: { large?: boolean }) {
  return useCardOnReader() ? <Reminder large={large} /> : null;
}
