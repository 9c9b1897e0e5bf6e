// A drawn face for each 好差评 level (no emoji: kiosk Chromium may lack a colour emoji font). The levels differ
// in three ways at once, so no one has to read a mouth curve alone (issue 16 §3): the colour (green to red),
// the eyes (closed smiling arcs, round, round under frowning brows) and the mouth. The word under it still
// carries the meaning; dark ink on light fills keeps every face above 3:1.
import type { RatingLevel } from '../../../src/domain/rating';

interface FaceShape {
  fill: string;
  mouth: string;
  /** Drawn eyes (stroked paths) or null for round dots. */
  eyes: string | null;
  /** Eyebrows (stroked), or null for none. */
  brows: string | null;
}

const faces: Record<RatingLevel, FaceShape> = {
  verySatisfied: { fill: '#86efac', mouth: 'M28 58 Q50 88 72 58 Z', eyes: 'M27 42 Q35 32 43 42 M57 42 Q65 32 73 42', brows: null },
  satisfied: { fill: '#bef264', mouth: 'M32 63 Q50 76 68 63', eyes: null, brows: null },
  basicallySatisfied: { fill: '#fde68a', mouth: 'M33 67 L67 67', eyes: null, brows: null },
  dissatisfied: { fill: '#fdba74', mouth: 'M33 70 Q50 60 67 70', eyes: null, brows: 'M26 30 L42 33 M58 33 L74 30' },
  veryDissatisfied: { fill: '#fca5a5', mouth: 'M31 76 Q50 52 69 76', eyes: null, brows: 'M26 26 L43 34 M57 34 L74 26' },
};

export function Face({ level }: { level: RatingLevel }) {
  const face = faces[level];
  return (
    <svg className="face" viewBox="0 0 100 100" aria-hidden="true" focusable="false" data-face={level}>
      <circle cx="50" cy="50" r="44" fill={face.fill} stroke="#111827" strokeWidth="5" />
      {face.eyes ? (
        <path d={face.eyes} fill="none" stroke="#111827" strokeWidth="5" strokeLinecap="round" />
      ) : (
        <>
          <circle cx="35" cy="42" r="5.5" fill="#111827" />
          <circle cx="65" cy="42" r="5.5" fill="#111827" />
        </>
      )}
      {face.brows && <path d={face.brows} fill="none" stroke="#111827" strokeWidth="5" strokeLinecap="round" />}
      <path d={face.mouth} fill={face.mouth.endsWith('Z') ? '#111827' : 'none'} stroke="#111827" strokeWidth="6" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
