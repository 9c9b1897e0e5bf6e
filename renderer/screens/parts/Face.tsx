// A drawn face for each 好差评 level (no emoji: kiosk Chromium may lack a colour emoji font). The mouth
// curves from a wide smile to a deep frown; the word under it carries the meaning, the face only helps.
import type { RatingLevel } from '../../../src/domain/rating';

const mouths: Record<RatingLevel, string> = {
  verySatisfied: 'M30 60 Q50 84 70 60',
  satisfied: 'M32 63 Q50 76 68 63',
  basicallySatisfied: 'M33 66 Q50 70 67 66',
  dissatisfied: 'M33 70 Q50 60 67 70',
  veryDissatisfied: 'M31 74 Q50 54 69 74',
};

export function Face({ level }: { level: RatingLevel }) {
  return (
    <svg className="face" viewBox="0 0 100 100" aria-hidden="true" focusable="false">
      <circle cx="50" cy="50" r="44" fill="#fde68a" stroke="#111827" strokeWidth="5" />
      <circle cx="35" cy="40" r="5.5" fill="#111827" />
      <circle cx="65" cy="40" r="5.5" fill="#111827" />
      <path d={mouths[level]} fill="none" stroke="#111827" strokeWidth="6" strokeLinecap="round" />
    </svg>
  );
}
