// The rating sync's decisions, on an in-memory store and a scripted link: a rating's own fault (refused alone,
// left out of an answer; the batch rules are the core's, batchDelivery.test.ts) is a strike, the third flags
// it; answers that are nobody's fault (404, 5xx) leave every rating unsent and back off on the timer; `online`
// forgets the backoff.
import { describe, expect, it } from 'vitest';
import { encodeHubFailure } from '../bridge/contract/hub';
import { err, ok } from '../bridge/result';
import type { Result } from '../bridge/result';
import type { RatingBatchRequest, RatingBatchResponse } from '../domain/hubApi';
import { createRating } from '../domain/rating';
import type { Rating } from '../domain/rating';
import { createRatingSync } from './ratingSync';
import type { RatingOutcome, RatingStore } from './ratingSync';
import { createManualClock } from '../../tests/sync/helpers/manualClock';

const rating = (n: number): Rating =>
  createRating({ id: `01890a5d-ac96-774b-bcce-${String(n).padStart(12, '0')}`, applicationId: null, receiptNo: null, serviceId: 'WHMA-SB-01', level: 'satisfied', ratedAt: '2026-05-01T09:00:00.000Z', division: '420102' });

function memoryStore(ratings: Rating[]): RatingStore & { state: Map<string, RatingOutcome | null> } {
  const state = new Map<string, RatingOutcome | null>(ratings.map((r) => [r.id, null]));
  return {
    state,
    readUnsent: async (limit) => ({ ratings: ratings.filter((r) => state.get(r.id) === null).slice(0, limit), unreadable: [] }),
    settle: async (outcomes) => {
      for (const o of outcomes) if (state.get(o.id) === null) state.set(o.id, o);
    },
    counts: async () => ({ unsent: [...state.values()].filter((v) => v === null).length, flagged: [...state.values()].filter((v) => v?.status === 'flagged').length }),
  };
}

const accepted = (request: RatingBatchRequest): Result<RatingBatchResponse> => ok({ results: request.items.map((r) => ({ id: r.id, status: 'accepted' as const })) });

describe('rating sync', () => {
  it('isolates the rating that makes the hub refuse a batch (400), sends the others, and flags it at the third strike', async () => {
    const ratings = Array.from({ length: 8 }, (_, i) => rating(i + 1));
    const poisoned = ratings[5]?.id;
    const sizes: number[] = [];
    const store = memoryStore(ratings);
    const clock = createManualClock();
    const sync = createRatingSync({
      store,
      link: {
        sendRatings: async (request) => {
          sizes.push(request.items.length);
          if (request.items.some((r) => r.id === poisoned)) return err('invalid_argument', 'refused', encodeHubFailure({ retryable: false, httpStatus: 400, reason: 'bad_request: items.0: x' }));
          return accepted(request);
        },
      },
      clock,
      random: () => 0.5,
      backoff: { baseMs: 1_000, capMs: 1_000 },
    });
    await sync.start();
    await sync.idle();
    expect(sizes).toEqual([8, 4, 4, 2, 1, 1, 2]); // depth first: 1–4 pass, 5–8 → 5–6 → 5, 6; then 7–8
    expect([...store.state.values()].filter((o) => o?.status === 'sent')).toHaveLength(7);
    // One strike: still unsent, and the pass backs off rather than sending it again at once.
    expect(store.state.get(poisoned ?? '')).toBeNull();
    expect(sync.status()).toMatchObject({ state: 'backingOff', unsent: 1, flagged: 0 });
    clock.advance(500);
    await sync.idle();
    expect(store.state.get(poisoned ?? '')).toBeNull();
    clock.advance(500);
    await sync.idle();
    expect(sizes.slice(7)).toEqual([1, 1]);
    expect(store.state.get(poisoned ?? '')).toEqual({ id: poisoned, status: 'flagged', reason: 'hub_refused_400: bad_request: items.0: x (3 times)' });
    expect(sync.status()).toMatchObject({ state: 'idle', unsent: 0, flagged: 1 });
    await sync.stop();
  });

  it('flags a rating the hub keeps leaving out of its answers after three strikes, like an application', async () => {
    const clock = createManualClock();
    const store = memoryStore([rating(1), rating(2)]);
    const skipped = rating(1).id;
    let calls = 0;
    const sync = createRatingSync({
      store,
      clock,
      random: () => 0.5,
      backoff: { baseMs: 1_000, capMs: 1_000 },
      // The hub answers with upper-case ids: still matched (UUIDs compare case-insensitively).
      link: { sendRatings: async (request) => (calls++, ok({ results: request.items.filter((r) => r.id !== skipped).map((r) => ({ id: r.id.toUpperCase(), status: 'accepted' as const })) })) },
    });
    await sync.start();
    await sync.idle();
    expect(store.state.get(rating(2).id)).toEqual({ id: rating(2).id, status: 'sent' });
    expect(store.state.get(skipped)).toBeNull();
    for (let i = 0; i < 4; i++) {
      clock.advance(500);
      await sync.idle();
    }
    expect(calls).toBe(3);
    expect(store.state.get(skipped)).toEqual({ id: skipped, status: 'flagged', reason: 'missing_result (3 times)' });
    await sync.stop();
  });

  it.each([
    ['a hub without the route (404)', 2, () => err('unavailable', 'not found at the hub', encodeHubFailure({ retryable: false, httpStatus: 404, reason: 'not_found: no route' }))],
    ['a 503', 2, () => err('transport', 'the hub answered 503', encodeHubFailure({ retryable: true, httpStatus: 503, reason: 'unavailable' }))],
    // The rating that was answered is settled; the one left out waits.
    ['an answer that leaves a rating out', 1, (request: RatingBatchRequest) => ok({ results: request.items.slice(1).map((r) => ({ id: r.id, status: 'accepted' as const })) })],
  ])('keeps ratings unsent after %s, backs off on the timer, and tries at once when the hub is online', async (_name, unsentAfter, failure: (request: RatingBatchRequest) => Result<RatingBatchResponse>) => {
    const clock = createManualClock();
    const store = memoryStore([rating(1), rating(2)]);
    let healthy = false;
    let calls = 0;
    const sync = createRatingSync({
      store,
      clock,
      random: () => 0.5,
      backoff: { baseMs: 1_000, capMs: 8_000 },
      link: { sendRatings: async (request) => (calls++, healthy ? accepted(request) : failure(request)) },
    });
    await sync.start();
    await sync.idle();
    expect(calls).toBe(1);
    expect(sync.status()).toMatchObject({ state: 'backingOff', unsent: unsentAfter });
    expect([...store.state.values()].filter((o) => o?.status === 'flagged')).toHaveLength(0);
    sync.wake('saved'); // a new rating does not break the backoff
    await sync.idle();
    expect(calls).toBe(1);
    clock.advance(500); // the first backoff is 1,000 × 0.5
    await sync.idle();
    expect(calls).toBe(2);
    clock.advance(900); // the second is 2,000 × 0.5: not yet
    await sync.idle();
    expect(calls).toBe(2);
    healthy = true;
    sync.wake('online');
    await sync.idle();
    expect(calls).toBe(3);
    expect(sync.status()).toMatchObject({ state: 'idle', unsent: 0, flagged: 0 });
    await sync.stop();
  });

  it('tries again when the pause ends even if the failing pass outlasted it, not only on the poll timer', async () => {
    // A loaded machine: counting the store after the failure takes longer than the backoff itself.
    const clock = createManualClock();
    const store = memoryStore([rating(1)]);
    let calls = 0;
    const sync = createRatingSync({
      store: { ...store, counts: async () => (calls === 1 && clock.advance(1_000), store.counts()) },
      clock,
      random: () => 0.5,
      pollMs: 60_000,
      backoff: { baseMs: 100, capMs: 100 },
      link: {
        sendRatings: async (request) =>
          ++calls > 1 ? accepted(request) : err('transport', 'the hub is unreachable (ECONNRESET)', encodeHubFailure({ retryable: true, reason: 'ECONNRESET' })),
      },
    });
    await sync.start();
    await sync.idle();
    expect(calls).toBe(1);
    clock.advance(0); // the pause is over already: the retry is due now, not in a minute
    await sync.idle();
    expect(calls).toBe(2);
    expect(sync.status()).toMatchObject({ state: 'idle', unsent: 0 });
    await sync.stop();
  });
});
