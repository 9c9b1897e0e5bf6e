// How the Electron shell answers a renderer that crashed or hung (issue 15 §1), as a pure policy over an
// injected clock so its counting is tested without Electron. A failure is answered by a reload, unless it is
// the `limit`-th within `windowMs` (3 in 10 minutes): then the kiosk is out of service — a reload loop would
// show residents a flickering screen and hide the fault from the hub. After `restMs` (30 minutes) out of
// service it tries once more with a clean count, so a passing cause (a full disk since freed, a hub that
// answered garbage) does not keep a cabin dark until someone drives out.
import type { Clock } from '../../src/domain/clock';

export type RendererFailure = 'crashed' | 'unresponsive';
export type FailureAnswer = 'reload' | 'outOfService';

export interface RendererFailurePolicyOptions {
  clock: Clock;
  /** Failures within the window that take the kiosk out of service (default 3). */
  limit?: number;
  /** The window, ms (default 600,000: 10 minutes). */
  windowMs?: number;
  /** How long out of service lasts before one more try, ms (default 1,800,000: 30 minutes). */
  restMs?: number;
}

export interface RendererFailurePolicy {
  /** Records a failure now and says what to do about it. */
  record(kind: RendererFailure): FailureAnswer;
  /** Whether the kiosk is out of service at this moment. */
  isOutOfService(): boolean;
  /** How long out of service still lasts, ms, or null when in service. */
  restRemainingMs(): number | null;
  /** Failures counted in the current window (for the log and the hub). */
  recent(): number;
}

export function createRendererFailurePolicy({ clock, limit = 3, windowMs = 10 * 60_000, restMs = 30 * 60_000 }: RendererFailurePolicyOptions): RendererFailurePolicy {
  let failures: number[] = [];
  let until: number | null = null;
  const prune = (now: number) => {
    failures = failures.filter((at) => now - at < windowMs);
    if (until !== null && now >= until) until = null;
  };
  return {
    record() {
      const now = clock.now();
      prune(now);
      if (until !== null) return 'outOfService';
      failures.push(now);
      if (failures.length < limit) return 'reload';
      until = now + restMs;
      failures = [];
      return 'outOfService';
    },
    isOutOfService() {
      prune(clock.now());
      return until !== null;
    },
    restRemainingMs() {
      const now = clock.now();
      prune(now);
      return until === null ? null : until - now;
    },
    recent() {
      prune(clock.now());
      return failures.length;
    },
  };
}
