// The sync engine (DESIGN.md §4, issue 5 §3). Runs in the renderer next to the outbox; talks to the hub only
// through a HubLink. One pass at a time: release expired leases, claim due rows, deliver, settle, repeat until
// nothing is due or the hub is unreachable; then sleep until the next due moment, the poll timer, an enqueue,
// or the network coming back.
//
// Durability rules (why it is safe to crash anywhere): a row is marked `sending` with a lease and its attempt
// counted *before* the request goes out (ODK's pessimistic rule), so a crash mid-request leaves it `sending`;
// the lease returns it to `queued`; the hub deduplicates on the application id, so the re-send answers
// `duplicate` with the original case number and the application counts once.
import { hubLimits } from '../domain/hubApi';
import { defaultBackoff } from './backoff';
import type { BackoffPolicy } from './backoff';
import { checkSendable, deliver, wireSize } from './deliver';
import { bestEffort, createPassLoop, createStatusStream } from './passLoop';
import type { Clock, HubLink, OutboxStore, RowOutcome } from './ports';
import { monotonicSystemClock } from './monotonicClock';

export type WakeReason = 'start' | 'enqueue' | 'online' | 'timer' | 'manual';

export interface SyncStatus {
  state: 'stopped' | 'idle' | 'sending' | 'backingOff';
  queued: number;
  sending: number;
  quarantined: number;
  /** ISO time the hub last answered a batch; null before the first. */
  lastSuccessAt: string | null;
  /** The last failure (no personal data: codes and the hub's reasons), with its ISO time; kept until replaced. */
  lastError: { at: string; message: string } | null;
  /** Epoch ms of the next planned pass, null when none is planned. */
  nextAttemptAt: number | null;
}

export type SyncEvent =
  | { type: 'quarantined'; id: string; reason: string }
  | { type: 'delivered'; accepted: number; requeued: number; quarantined: number }
  | { type: 'unreachable'; reason: string; retryInMs: number };

export interface SyncEngineOptions {
  store: OutboxStore;
  hub: HubLink;
  /** Default: the monotonic clock (monotonicClock.ts) and the platform's timers. */
  clock?: Clock;
  /** Uniform in [0, 1); default Math.random. Only jitter uses it. */
  random?: () => number;
  /** Safety-net wake-up even when nothing seems due, ms (default 60,000). */
  pollMs?: number;
  /** How long a claimed row belongs to a pass, ms (default 120,000; keep it above the host's hub timeout). */
  leaseMs?: number;
  /** Backoff while the hub is unreachable (default 1 s doubling to a 5 min cap, full jitter). */
  networkBackoff?: BackoffPolicy;
  /** Backoff for a row that failed for its own reason (default the same). */
  rowBackoff?: BackoffPolicy;
  /** Failures for one non-network reason before a row is quarantined (default 3). */
  maxStrikes?: number;
  /** Batch bounds (default hubLimits: 100 items, 4 MiB body less 4 KiB for the envelope). */
  maxBatchItems?: number;
  maxBatchBytes?: number;
  /** Reports quarantines and deliveries (for a log that carries no personal data); default none. */
  onEvent?: (event: SyncEvent) => void;
}

export interface SyncEngine {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Asks for a pass soon. `online` also forgets the network backoff: the link is worth trying at once. */
  wake(reason: WakeReason): void;
  status(): SyncStatus;
  /** Calls the listener with the current status at once and on every change; returns an unsubscribe. */
  subscribe(listener: (status: SyncStatus) => void): () => void;
  /** Resolves when no pass is running or requested (tests, and a clean shutdown). */
  idle(): Promise<void>;
}

export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const { store, hub } = options;
  const clock = options.clock ?? monotonicSystemClock;
  const random = options.random ?? Math.random;
  const pollMs = options.pollMs ?? 60_000;
  const leaseMs = options.leaseMs ?? 120_000;
  const networkBackoff = options.networkBackoff ?? defaultBackoff;
  const rowBackoff = options.rowBackoff ?? defaultBackoff;
  const maxStrikes = options.maxStrikes ?? 3;
  const maxItems = options.maxBatchItems ?? hubLimits.maxBatchItems;
  const maxBytes = options.maxBatchBytes ?? hubLimits.maxBodyBytes - 4096;

  const stream = createStatusStream<SyncStatus>({ state: 'stopped', queued: 0, sending: 0, quarantined: 0, lastSuccessAt: null, lastError: null, nextAttemptAt: null });
  const { publish } = stream;
  const emit = bestEffort(options.onEvent);
  // Times people read are wall times; `ms` is the engine clock's, shifted by however far the wall has moved.
  const iso = (ms: number) => new Date(ms + (clock.wallNow ? clock.wallNow() - clock.now() : 0)).toISOString();
  const refreshCounts = async () => {
    const counts = await store.counts();
    publish({ queued: counts.queued, sending: counts.sending, quarantined: counts.quarantined });
  };

  const passes = createPassLoop<void>({
    clock,
    random,
    backoff: networkBackoff,
    pass,
    // A store failure (quota, a closed database) must not kill the loop: report it, retry on the timer.
    onPassError: (error) => publish({ lastError: { at: iso(clock.now()), message: `store: ${error instanceof Error ? error.name : 'failure'}` } }),
    afterPasses: plan,
  });
  const schedule = (at: number) => {
    passes.schedule(at);
    publish({ nextAttemptAt: at });
  };

  async function pass(): Promise<void> {
    const now = clock.now();
    if (now < passes.pausedUntil()) return; // still backing off; the timer set at the failure will come back
    publish({ state: 'sending' });
    await store.undoClockStepBack(now, { maxDelayMs: rowBackoff.capMs, leaseMs });
    await store.releaseExpiredLeases(now);
    for (;;) {
      if (passes.stopped) return;
      const claimedAt = clock.now();
      const claim = await store.claimDue({ now: claimedAt, leaseMs, maxItems, maxBytes, sizeOf: wireSize });
      for (const id of claim.quarantined) emit({ type: 'quarantined', id, reason: 'unreadable row' });
      if (claim.rows.length === 0) {
        if (claim.quarantined.length > 0) continue; // only bad rows this time; good ones may be behind them
        return;
      }

      const local: RowOutcome[] = [];
      const sendable = claim.rows.filter((row) => {
        const problem = checkSendable(row, hubLimits.maxSealedBytes);
        if (problem !== null) local.push({ id: row.id, status: 'quarantined', lastError: problem });
        return problem === null;
      });
      const report = await deliver(sendable, { hub, now: claimedAt, random, maxStrikes, rowBackoff });
      const outcomes = [...local, ...report.outcomes];
      await store.settle(outcomes);

      const finishedAt = clock.now();
      let accepted = 0;
      let quarantined = 0;
      for (const outcome of outcomes) {
        if (outcome.status === 'accepted') accepted++;
        if (outcome.status === 'quarantined') {
          quarantined++;
          emit({ type: 'quarantined', id: outcome.id, reason: outcome.lastError });
        }
      }
      emit({ type: 'delivered', accepted, requeued: outcomes.length - accepted - quarantined, quarantined });
      if (report.answered) {
        passes.forgetFailures();
        const lastSuccessAt = iso(finishedAt);
        await store.writeSyncMeta({ lastSuccessAt });
        publish({ lastSuccessAt });
      }
      const failure = outcomes.find((o): o is Exclude<RowOutcome, { status: 'accepted' }> => o.status !== 'accepted' && o.lastError !== null);
      if (failure?.lastError) publish({ lastError: { at: iso(finishedAt), message: failure.lastError } });
      await refreshCounts();

      if (report.unreachable !== null) {
        const retryInMs = passes.backOff(finishedAt);
        emit({ type: 'unreachable', reason: report.unreachable, retryInMs });
        publish({ state: 'backingOff' });
        return;
      }
    }
  }

  /** After the passes: sleep until the next due moment, the poll timer or the end of the backoff. */
  async function plan(): Promise<void> {
    try {
      await refreshCounts();
      const due = await store.nextWakeAt();
      const now = clock.now();
      let next = now + pollMs;
      if (due !== null) next = Math.min(next, Math.max(due, now));
      if (passes.pausedUntil() > now) next = passes.pausedUntil(); // backing off: neither sooner (due rows) nor later (poll)
      schedule(next);
    } catch {
      schedule(clock.now() + pollMs);
    }
    if (stream.current().state !== 'backingOff' || clock.now() >= passes.pausedUntil()) publish({ state: 'idle' });
  }

  function wake(reason: WakeReason): void {
    passes.wake(reason === 'online');
  }

  return {
    async start() {
      if (!passes.start()) return;
      const meta = await store.readSyncMeta();
      publish({ state: 'idle', lastSuccessAt: meta.lastSuccessAt });
      // Rows damaged on disk (a bad migration, a power cut) are found once at start-up, not just when due.
      for (const id of await store.quarantineUnreadable()) emit({ type: 'quarantined', id, reason: 'unreadable row' });
      await refreshCounts();
      wake('start');
    },
    async stop() {
      await passes.stop();
      publish({ state: 'stopped', nextAttemptAt: null });
    },
    wake,
    status: stream.current,
    subscribe: stream.subscribe,
    idle: passes.idle,
  };
}
