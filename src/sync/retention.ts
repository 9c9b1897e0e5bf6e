// Retention of accepted applications on the kiosk (ADR 0006): once the hub has accepted an application the
// kiosk has no use for its sealed payload beyond a grace period (a technician may still need to show it was
// sent), so after `settings.acceptedRetentionDays` it is dropped; the receipt number, case number and status
// stay for "my applications". Runs at start and then every few hours on the injected clock.
import type { Clock } from './ports';
import { systemClock } from './ports';

export const dayMs = 86_400_000;

export interface RetentionStore {
  purgeAccepted(cutoff: number, now: number): Promise<{ purged: number; stamped: number }>;
}

export interface RetentionOptions {
  store: RetentionStore;
  /** Days after acceptance (settings.acceptedRetentionDays, default 30). */
  retentionDays: number;
  /** Default: the system clock. */
  clock?: Clock;
  /** Between passes, ms (default 6 hours: a day's precision is plenty for a 30-day rule). */
  everyMs?: number;
  /** Told about each pass that changed something, and about a failed pass (then retried next time). */
  onPass?: (result: { purged: number; stamped: number } | { error: unknown }) => void;
}

export interface Retention {
  /** One pass now; resolves with what it did. */
  runOnce(): Promise<{ purged: number; stamped: number }>;
  stop(): void;
}

export function startRetention({ store, retentionDays, clock = systemClock, everyMs = 6 * 3_600_000, onPass }: RetentionOptions): Retention {
  let timer: unknown = null;
  let stopped = false;
  const runOnce = () => {
    const now = clock.now();
    return store.purgeAccepted(now - retentionDays * dayMs, now);
  };
  const pass = async () => {
    try {
      const result = await runOnce();
      if (result.purged + result.stamped > 0) onPass?.(result);
    } catch (error) {
      onPass?.({ error });
    }
    if (!stopped) timer = clock.setTimeout(() => void pass(), everyMs);
  };
  void pass();
  return {
    runOnce,
    stop() {
      stopped = true;
      if (timer !== null) clock.clearTimeout(timer);
    },
  };
}
