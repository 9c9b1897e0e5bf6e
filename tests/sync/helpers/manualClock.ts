// A clock whose time moves only when a test says so; timers fire in order as it passes them.
import type { Clock } from '../../../src/sync/ports';

export interface ManualClock extends Clock {
  /** Moves time forward, firing due timers one by one (each may schedule more). */
  advance(ms: number): void;
  /** The earliest pending timer's time, or null. */
  nextTimerAt(): number | null;
  pendingTimers(): number;
}

export function createManualClock(start = Date.UTC(2026, 4, 1, 9, 0, 0)): ManualClock {
  let now = start;
  let seq = 0;
  const timers = new Map<number, { at: number; callback: () => void }>();
  return {
    now: () => now,
    setTimeout(callback, ms) {
      const handle = ++seq;
      timers.set(handle, { at: now + Math.max(0, ms), callback });
      return handle;
    },
    clearTimeout(handle) {
      timers.delete(handle as number);
    },
    advance(ms) {
      const target = now + ms;
      for (;;) {
        let first: [number, { at: number; callback: () => void }] | null = null;
        for (const entry of timers) if (entry[1].at <= target && (!first || entry[1].at < first[1].at)) first = entry;
        if (!first) break;
        timers.delete(first[0]);
        now = Math.max(now, first[1].at);
        first[1].callback();
      }
      now = target;
    },
    nextTimerAt() {
      let at: number | null = null;
      for (const timer of timers.values()) at = at === null ? timer.at : Math.min(at, timer.at);
      return at;
    },
    pendingTimers: () => timers.size,
  };
}
