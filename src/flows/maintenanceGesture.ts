// The hidden gesture that opens maintenance mode (issue 11, docs/technician.md): five taps in the top-left
// corner of the attract screen within 3 seconds. Residents never find it by accident (a tap elsewhere
// starts a visit) and a technician needs no keyboard. Pure, with the time passed in, so tests step it.

export const gestureRules = {
  taps: 5,
  windowMs: 3_000,
  /** The corner square, CSS pixels from the top-left of the screen. */
  cornerPx: 120,
} as const;

/** Counts taps; `tap(at)` is true on the tap that completes the gesture (and starts counting afresh). */
export function createTapGesture(rules: { taps: number; windowMs: number } = gestureRules) {
  let taps: number[] = [];
  return {
    tap(at: number): boolean {
      taps = [...taps.filter((t) => at - t < rules.windowMs), at];
      if (taps.length < rules.taps) return false;
      taps = [];
      return true;
    },
  };
}
