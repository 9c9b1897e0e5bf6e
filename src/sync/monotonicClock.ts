// The sync loops' clock (issue 15 §2, ADR 0014): retry times, backoff pauses and leases are measured on a
// monotonic clock, so a wall clock stepped by hand, by a dead RTC battery or by NTP catching up never makes a
// due row wait (a step back) or a lease end early (a step forward) while the kiosk runs. `now()` is epoch-like
// (the wall time when the clock was made, plus the monotonic time since), so the times the outbox stores stay
// comparable with `createdAt`; after a restart the new clock starts from the wall time again, and the engine
// pulls back whatever a step back left in the far future (engine.ts, `undoClockStepBack`). Timers are the
// platform's, which already run on monotonic time in Node and Chromium. Runs anywhere.
import type { Clock } from './ports';

export interface MonotonicSources {
  /** Wall time, epoch ms (default Date.now); read once to anchor, and for `wallNow`. */
  wallNow(): number;
  /** A clock that never steps, ms (default performance.now). */
  monoNow(): number;
  /** Timers on monotonic time (default the platform's). */
  timers: Pick<Clock, 'setTimeout' | 'clearTimeout'>;
}

// `performance` is a global in Node and in browsers; the run-anywhere lib has no type for it.
const performanceNow = () => (globalThis as unknown as { performance: { now(): number } }).performance.now();

const platformTimers: MonotonicSources['timers'] = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  // `as never`: the handle's type differs between the run-anywhere globals and DOM's; it is only passed back.
  clearTimeout: (handle) => clearTimeout(handle as never),
};

export function createMonotonicClock(sources: Partial<MonotonicSources> = {}): Clock & { wallNow(): number } {
  const wallNow = sources.wallNow ?? (() => Date.now());
  const monoNow = sources.monoNow ?? performanceNow;
  const timers = sources.timers ?? platformTimers;
  const anchorWall = wallNow();
  const anchorMono = monoNow();
  return {
    now: () => anchorWall + Math.floor(monoNow() - anchorMono),
    wallNow,
    setTimeout: timers.setTimeout,
    clearTimeout: timers.clearTimeout,
  };
}

/** The default clock of the sync loops, made once per page (or process). */
export const monotonicSystemClock = createMonotonicClock();
