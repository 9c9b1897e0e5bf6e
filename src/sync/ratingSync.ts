// 好差评 sync: sends the ratings stored on the kiosk to the hub ('hub.sendRatings' → POST /v1/ratings:batch).
// Runs anywhere; the store is a port (src/db/ratingStore.ts implements it over Dexie) and the hub a link (the
// bridge in the renderer). Much simpler than the application outbox: a rating is small, carries nothing
// personal, is not sealed and prints no receipt, so there are no leases or per-row strikes. One pass at a
// time sends the unsent ratings in batches until none is left or the hub cannot be reached; then it sleeps
// until woken (a rating saved, the hub back online), the backoff timer, or the poll timer.
//
// The batch logic is the shared core (batchDelivery.ts, ADR 0014). Only an explicit per-item answer settles a
// rating: `accepted`/`duplicate` mark it sent, `rejected`/`conflict` flag it (kept, never deleted, never re-sent
// by itself). A rating the hub refuses as a whole batch (400/413) is isolated by halving, so one bad rating
// never holds back the others; refused alone or left out of an answer, it gets a strike, and the K-th flags it.
// Everything else — no answer, 5xx, 429, a refused credential, not enrolled, a hub without the route (404) —
// leaves every rating unsent and backs off with jitter. The hub deduplicates on the rating id, so re-sending
// after a crash mid-request is safe.
import type { BridgeClient } from '../bridge/client';
import type { Result } from '../bridge/result';
import { hubLimits } from '../domain/hubApi';
import type { RatingBatchRequest, RatingBatchResponse } from '../domain/hubApi';
import { ratingSchema } from '../domain/rating';
import type { Rating } from '../domain/rating';
import { defaultBackoff } from './backoff';
import type { BackoffPolicy } from './backoff';
import { deliverBatch } from './batchDelivery';
import { bestEffort, createPassLoop, createStatusStream } from './passLoop';
import { monotonicSystemClock } from './monotonicClock';
import type { Clock } from './ports';

/** How one rating ends a pass. `flagged` keeps it with its reason and stops sending it. */
export type RatingOutcome = { id: string; status: 'sent' } | { id: string; status: 'flagged'; reason: string };

export interface RatingCounts {
  unsent: number;
  flagged: number;
}

/** The rating sync's view of the local store. */
export interface RatingStore {
  /**
   * Up to `limit` unsent ratings, oldest first, parsed with ratingSchema. A stored rating that fails to parse
   * is flagged in the same transaction and its key returned in `unreadable` (never skipped silently).
   */
  readUnsent(limit: number): Promise<{ ratings: Rating[]; unreadable: string[] }>;
  /** Applies the outcomes of one request in one transaction; only ratings still unsent change. */
  settle(outcomes: RatingOutcome[]): Promise<void>;
  counts(): Promise<RatingCounts>;
}

/** The way to the hub; over the bridge in the renderer. */
export interface RatingLink {
  sendRatings(request: RatingBatchRequest): Promise<Result<RatingBatchResponse>>;
}

export type RatingWakeReason = 'start' | 'saved' | 'online' | 'timer';

export interface RatingSyncStatus {
  state: 'stopped' | 'idle' | 'sending' | 'backingOff';
  unsent: number;
  flagged: number;
  /** ISO time the hub last answered; null before the first answer since start. */
  lastSuccessAt: string | null;
  /** The last failure (codes and the hub's reasons, nothing personal) with its ISO time. */
  lastError: { at: string; message: string } | null;
}

export type RatingSyncEvent = { type: 'flagged'; id: string; reason: string } | { type: 'unreachable'; reason: string; retryInMs: number };

export interface RatingSyncOptions {
  store: RatingStore;
  link: RatingLink;
  /** Default: the monotonic clock (monotonicClock.ts) and the platform's timers. */
  clock?: Clock;
  /** Uniform in [0, 1) for the jitter; default Math.random. */
  random?: () => number;
  /** Safety-net pass even when nothing woke it, ms (default 300,000: ratings are not urgent). */
  pollMs?: number;
  /** Backoff while the hub is unreachable (default 1 s doubling to a 5 min cap, full jitter). */
  backoff?: BackoffPolicy;
  /** Failures for one reason of the rating's own (refused alone, left out of an answer) before it is flagged (default 3). */
  maxStrikes?: number;
  /** Ratings per request (default hubLimits.maxBatchItems = 100). */
  maxBatchItems?: number;
  /** Reports flagged ratings and unreachable hubs (for a log; nothing personal); default none. */
  onEvent?: (event: RatingSyncEvent) => void;
}

export interface RatingSync {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Asks for a pass soon. A backoff in force is kept, except for `online`, which tries at once. */
  wake(reason?: RatingWakeReason): void;
  status(): RatingSyncStatus;
  subscribe(listener: (status: RatingSyncStatus) => void): () => void;
  /** Resolves when no pass is running or requested. */
  idle(): Promise<void>;
}

/** Strikes of the ratings that failed for their own reason, in memory: ratings keep no strike fields on disk. */
type StrikeBook = Map<string, { reason: string; strikes: number }>;

/**
 * One request's verdicts (the shared core, batchDelivery.ts) as rating outcomes. A rating's own fault (refused
 * alone, left out of an answer) is a strike: the K-th for one reason in a row flags it, earlier ones leave it
 * unsent and make the pass back off (ratings have no per-item retry time, so going on would re-send it at once).
 */
async function send(ratings: Rating[], link: RatingLink, book: StrikeBook, maxStrikes: number) {
  const batch = await deliverBatch(ratings, { idOf: (rating) => rating.id, send: (items) => link.sendRatings({ items }) });
  const outcomes: RatingOutcome[] = [];
  let struck: string | null = null;
  for (const { item: rating, verdict } of batch.verdicts) {
    if (verdict.kind === 'notSent') continue;
    if (verdict.kind === 'answered') {
      book.delete(rating.id);
      const { answer } = verdict;
      if (answer.status === 'accepted' || answer.status === 'duplicate') outcomes.push({ id: rating.id, status: 'sent' });
      else outcomes.push({ id: rating.id, status: 'flagged', reason: `hub_${answer.status}: ${answer.reason}` });
      continue;
    }
    const before = book.get(rating.id);
    const strikes = before?.reason === verdict.reason ? before.strikes + 1 : 1;
    if (strikes >= maxStrikes) {
      book.delete(rating.id);
      outcomes.push({ id: rating.id, status: 'flagged', reason: `${verdict.reason} (${strikes} times)` });
    } else {
      book.set(rating.id, { reason: verdict.reason, strikes });
      struck ??= verdict.reason;
    }
  }
  return { outcomes, answered: batch.answered, unreachable: batch.unreachable ?? struck };
}

export function createRatingSync(options: RatingSyncOptions): RatingSync {
  const { store, link } = options;
  const clock = options.clock ?? monotonicSystemClock;
  const random = options.random ?? Math.random;
  const pollMs = options.pollMs ?? 300_000;
  const backoff = options.backoff ?? defaultBackoff;
  const maxItems = Math.min(options.maxBatchItems ?? hubLimits.maxBatchItems, hubLimits.maxBatchItems);
  const maxStrikes = options.maxStrikes ?? 3;
  const strikes: StrikeBook = new Map();

  const stream = createStatusStream<RatingSyncStatus>({ state: 'stopped', unsent: 0, flagged: 0, lastSuccessAt: null, lastError: null });
  const { publish } = stream;
  const emit = bestEffort(options.onEvent);
  const iso = (ms: number) => new Date(ms + (clock.wallNow ? clock.wallNow() - clock.now() : 0)).toISOString();
  const refreshCounts = async () => publish(await store.counts());
  const passes = createPassLoop<boolean>({
    clock,
    random,
    backoff,
    pass,
    // A store failure (quota, a closed database) must not kill the sync: report it, retry on the poll timer.
    onPassError: (error) => publish({ lastError: { at: iso(clock.now()), message: `store: ${error instanceof Error ? error.name : 'failure'}` } }),
    afterPasses(unreachable = false) {
      // After a failure, come back when the pause ends — at once if the pass outlasted it (a slow store or
      // link), never only on the poll timer, which would leave ratings waiting minutes for nothing.
      if (unreachable) {
        passes.schedule(passes.pausedUntil());
        return;
      }
      passes.schedule(clock.now() + pollMs);
      publish({ state: 'idle' });
    },
  });

  /** One pass; true when it ended because the hub could not be reached. */
  async function pass(): Promise<boolean> {
    if (clock.now() < passes.pausedUntil()) return true;
    publish({ state: 'sending' });
    for (;;) {
      if (passes.stopped) return false;
      const { ratings, unreadable } = await store.readUnsent(maxItems);
      for (const id of unreadable) emit({ type: 'flagged', id, reason: 'unreadable rating' });
      if (ratings.length === 0) {
        if (unreadable.length > 0) continue; // only bad ones this time; good ones may follow
        return false;
      }
      // A rating that fails the schema here would be refused by the hub too: flag it without a round trip.
      const outcomes: RatingOutcome[] = [];
      const sendable = ratings.filter((rating) => {
        const parsed = ratingSchema.safeParse(rating);
        if (!parsed.success) outcomes.push({ id: rating.id, status: 'flagged', reason: `invalid_rating: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.code}`).join('; ')}` });
        return parsed.success;
      });
      const sent = await send(sendable, link, strikes, maxStrikes);
      const report = { ...sent, outcomes: [...outcomes, ...sent.outcomes] };
      await store.settle(report.outcomes);
      for (const outcome of report.outcomes) if (outcome.status === 'flagged') emit({ type: 'flagged', id: outcome.id, reason: outcome.reason });
      const now = clock.now();
      if (report.answered) publish({ lastSuccessAt: iso(now) });
      const flagged = report.outcomes.find((o): o is Extract<RatingOutcome, { status: 'flagged' }> => o.status === 'flagged');
      if (flagged) publish({ lastError: { at: iso(now), message: flagged.reason } });
      await refreshCounts();
      if (report.unreachable !== null) {
        const retryInMs = passes.backOff(now);
        publish({ state: 'backingOff', lastError: { at: iso(now), message: report.unreachable } });
        emit({ type: 'unreachable', reason: report.unreachable, retryInMs });
        return true;
      }
      passes.forgetFailures();
    }
  }

  function wake(reason: RatingWakeReason = 'saved'): void {
    passes.wake(reason === 'online');
  }

  return {
    async start() {
      if (!passes.start()) return;
      publish({ state: 'idle' });
      try {
        await refreshCounts();
      } catch {
        // Counted again after the first pass.
      }
      wake('start');
    },
    async stop() {
      await passes.stop();
      publish({ state: 'stopped' });
    },
    wake,
    status: stream.current,
    subscribe: stream.subscribe,
    idle: passes.idle,
  };
}

/** The renderer's RatingLink: the bridge's 'hub.sendRatings'. */
export const createBridgeRatingLink = (client: Pick<BridgeClient, 'call'>): RatingLink => ({
  sendRatings: (request) => client.call('hub.sendRatings', request),
});

/** Wakes the rating sync when the host says the hub became reachable; returns an unsubscribe. */
export function connectRatingSyncToBridge(sync: RatingSync, client: Pick<BridgeClient, 'on'>): () => void {
  let lastState: string | null = null;
  return client.on('hub.status', (hub) => {
    if (hub.state === 'online' && lastState !== 'online') sync.wake('online');
    lastState = hub.state;
  });
}
