// 好差评 after every service: five big faces with words (never colour alone, never a level pre-selected),
// reasons only for 不满意 / 非常不满意 and always optional, a short comment under 其他 typed on the on-screen
// keyboard (which takes the footer's place while open, as on the search screen), then a thank-you. Skipping is
// as easy as rating.
import { lazy, Suspense, useState } from 'react';
import { isLowRating, maxRatingCommentLength, ratingLevelLabelKey, ratingLevels, ratingReasonLabelKey, ratingReasons, type RatingLevel, type RatingReason } from '../../src/domain/rating';
import type { MessageKey } from '../../src/i18n';
import type { Locale } from '../../src/i18n/locales';
import { useLocale } from '../context/i18n';
import { useSpeakOnMount } from '../context/voice';
import { Screen } from '../components/Screen';
import { Face } from './parts/Face';
import './screens.css';

export interface RatingScreenProps {
  /** The chosen level; null until the resident picks one (nothing is pre-selected). */
  level: RatingLevel | null;
  reasons: readonly RatingReason[];
  onLevel: (level: RatingLevel) => void;
  onToggleReason: (reason: RatingReason) => void;
  /** What is typed under 其他. */
  comment: string;
  onComment: (text: string) => void;
  onSubmit: () => void;
  onSkip: () => void;
  /** True once the rating is stored: the screen thanks the resident. */
  thanks: boolean;
  onHome: () => void;
  onLocale: (locale: Locale) => void;
  /** The question asked (default rating.prompt; "我的办件" asks about the result). */
  promptKey?: MessageKey;
}

// The keyboard and its IME lexicon load only when a comment is typed, as in the application flow.
const OnScreenKeyboard = lazy(() => import('../components/keyboard/OnScreenKeyboard').then((m) => ({ default: m.OnScreenKeyboard })));

export function RatingScreen(props: RatingScreenProps) {
  const { level, reasons, comment, onLevel, onToggleReason, onComment, onSubmit, onSkip, thanks, onHome, onLocale, promptKey = 'rating.prompt' } = props;
  const { t, locale } = useLocale();
  const [typing, setTyping] = useState(false);
  const low = level !== null && isLowRating(level);
  const commenting = low && reasons.includes('other');
  useSpeakOnMount(thanks ? t('rating.thanks') : t(promptKey), locale);

  if (thanks) {
    return (
      <Screen title={t('rating.title')} testId="screen-rating" onHome={onHome} onLocale={onLocale}>
        <div className="thanks" role="status" data-testid="rating-thanks">
          <p className="thanks-title">{t('rating.thanks')}</p>
          {low && <p>{t('rating.followUp')}</p>}
          <button type="button" className="button primary main-action" onClick={onHome} data-testid="rating-done">
            {t('common.done')}
          </button>
        </div>
      </Screen>
    );
  }

  const footer = commenting && typing ? (
    <Suspense fallback={null}>
      <OnScreenKeyboard value={comment} onChange={onComment} mode={locale === 'en' ? 'latin' : 'pinyin'} allowModes={['pinyin', 'latin', 'numeric']} maxLength={maxRatingCommentLength} onDone={() => setTyping(false)} />
    </Suspense>
  ) : (
    <div className="actions">
      <button type="button" className="button" onClick={onSkip} data-testid="rating-skip">
        {t('rating.skip')}
      </button>
      <button type="button" className="button primary main-action" onClick={onSubmit} disabled={level === null} data-testid="rating-submit">
        {t('rating.submit')}
      </button>
    </div>
  );

  return (
    <Screen title={t('rating.title')} testId="screen-rating" onHome={onHome} onLocale={onLocale} footer={footer}>
      <h2 id="rating-prompt" className="prompt-text">
        {t(promptKey)}
      </h2>
      <div className="rating-levels" role="group" aria-labelledby="rating-prompt">
        {ratingLevels.map((l) => (
          <button key={l} type="button" className={`rating-level level-${l}`} aria-pressed={level === l} onClick={() => onLevel(l)} data-testid={`rating-level-${l}`}>
            <Face level={l} />
            <span>{t(ratingLevelLabelKey(l))}</span>
          </button>
        ))}
      </div>
      {low && (
        <section className="rating-reasons" aria-labelledby="rating-reasons-title">
          <h2 id="rating-reasons-title">{t('rating.reasonsTitle')}</h2>
          <div className="reason-grid">
            {ratingReasons.map((r) => (
              <button key={r} type="button" className="reason" aria-pressed={reasons.includes(r)} onClick={() => onToggleReason(r)} data-testid={`rating-reason-${r}`}>
                <span className="check" aria-hidden="true">{reasons.includes(r) ? '✓' : ''}</span>
                {t(ratingReasonLabelKey(r))}
              </button>
            ))}
          </div>
          {commenting && (
            <div className="rating-comment">
              <p id="rating-comment-label">{t('rating.commentLabel')}</p>
              <button type="button" className={`comment-box${typing ? ' typing' : ''}`} aria-labelledby="rating-comment-label" aria-describedby="rating-comment-hint" onClick={() => setTyping(true)} data-testid="rating-comment">
                {comment || <span className="placeholder">{t('rating.commentPlaceholder')}</span>}
              </button>
              <p id="rating-comment-hint" className="note">{t('rating.commentHint')}</p>
            </div>
          )}
        </section>
      )}
    </Screen>
  );
}
