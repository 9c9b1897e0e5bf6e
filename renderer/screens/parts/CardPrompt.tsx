// "Place your ID card here": a card sliding down onto a reader, drawn in CSS (screens.css, .card-prompt).
// Shared by the identify screen and "my applications". The motion stops for residents whose system asks for
// reduced motion; the words below say the same thing, so nothing depends on seeing the animation.
import { useLocale } from '../../context/i18n';
import { useCardOnReader } from '../../context/cardOnReader';
import type { MessageKey } from '../../../src/i18n';

export interface CardPromptProps {
  /** 'reading' holds the card on the reader and shows the reading message. */
  state: 'waiting' | 'reading';
  /** The instruction under the picture. Default 'identify.prompt'. */
  promptKey?: MessageKey;
  testId?: string;
}

export function CardPrompt({ state, promptKey = 'identify.prompt', testId = 'identify-prompt' }: CardPromptProps) {
  const { t } = useLocale();
  // A card lying there since before this screen is read again by the host (card.readAgain); if the reader
  // does not answer, lifting and placing it again always works, so say so.
  const alreadyOnReader = useCardOnReader() && state === 'waiting';
  return (
    <div className={`card-prompt ${state}`} data-testid={testId}>
      <div className="card-stage" aria-hidden="true">
        <div className="card-reader">
          <span className="card-reader-light" />
        </div>
        <div className="id-card">
          <span className="id-card-photo" />
          <span className="id-card-line" />
          <span className="id-card-line short" />
          <span className="id-card-chip" />
        </div>
      </div>
      <p className="prompt-text" role="status" aria-live="polite">
        {state === 'reading' ? t('identify.reading') : t(promptKey)}
      </p>
      {alreadyOnReader && (
        <p className="prompt-text lift-again" role="alert" data-testid="card-lift-again">
          {t('card.liftAndPlace')}
        </p>
      )}
    </div>
  );
}
