// Case status in the background (issue 13): the kiosk learns what the handling city did without waiting for a
// resident to open "我的办件" — at start, every few minutes, and whenever the hub comes back online — so a
// resident who opens it while the hub is out of reach still sees the last status, with "as of" when. One pull
// at a time: a visit to "我的办件" during a background pull waits for it instead of reading the feed twice.
import type { BridgeClient } from '../bridge/client';
import { pullCaseChanges, type CaseFeedLink, type CaseStatusStore, type PullOutcome } from './caseStatusSync';
import { systemClock, type Clock } from './ports';

export interface CaseStatusPuller {
  /** Pulls now, or joins the pull already running. Never rejects: a failure leaves the stored statuses. */
  pull(): Promise<PullOutcome | null>;
  /** Starts the background schedule (first pull at once); returns its stop. */
  start(): () => void;
}

export interface CaseStatusPullerOptions {
  link: CaseFeedLink;
  store: CaseStatusStore;
  /** Default: the system clock and timers. */
  clock?: Clock;
  /** Between background pulls (default 5 minutes: a status a day old is news, one a minute old is not worth the traffic). */
  intervalMs?: number;
}

export function createCaseStatusPuller({ link, store, clock = systemClock, intervalMs = 5 * 60_000 }: CaseStatusPullerOptions): CaseStatusPuller {
  let running: Promise<PullOutcome | null> | null = null;
  const pull = () =>
    (running ??= pullCaseChanges(link, store, () => new Date(clock.now()))
      .catch(() => null) // the store itself failed (IndexedDB): the next pull tries again
      .finally(() => {
        running = null;
      }));
  return {
    pull,
    start() {
      let stopped = false;
      let timer: unknown = null;
      const tick = async () => {
        await pull();
        if (!stopped) timer = clock.setTimeout(() => void tick(), intervalMs);
      };
      void tick();
      return () => {
        stopped = true;
        if (timer !== null) clock.clearTimeout(timer);
      };
    },
  };
}

/** Pulls when the hub comes back online (the bridge's 'hub.status'); returns the unsubscribe. */
export function pullCaseStatusWhenOnline(puller: Pick<CaseStatusPuller, 'pull'>, client: Pick<BridgeClient, 'on'>): () => void {
  let last: string | null = null;
  return client.on('hub.status', (status) => {
    if (status.state === 'online' && last !== 'online') void puller.pull();
    last = status.state;
  });
}
