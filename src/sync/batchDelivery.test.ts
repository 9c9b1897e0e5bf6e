// The one batch delivery core (batchDelivery.ts) on a scripted hub: the rules both the outbox and the rating
// sync rely on. The users' own tests (engine.test.ts, ratingSync.test.ts) cover what each does with a verdict.
import { describe, expect, it } from 'vitest';
import { encodeHubFailure } from '../bridge/contract/hub';
import { err, ok } from '../bridge/result';
import type { Result } from '../bridge/result';
import { deliverBatch, missingResult } from './batchDelivery';
import type { ItemAnswer } from './batchDelivery';

const id = (n: number) => `01890a5d-ac96-774b-bcce-${String(n).padStart(12, '0')}`;
type Item = { id: string };
type Answer = ItemAnswer & { reason?: string };
const items = (count: number): Item[] => Array.from({ length: count }, (_, i) => ({ id: id(i + 1) }));
const acceptAll = (batch: Item[]): Result<{ results: Answer[] }> => ok({ results: batch.map((item) => ({ id: item.id, status: 'accepted' })) });
const refused = (httpStatus: number, reason: string) => err('invalid_argument', 'refused', encodeHubFailure({ retryable: false, httpStatus, reason }));

function scripted(answer: (batch: Item[]) => Result<{ results: Answer[] }> | Promise<Result<{ results: Answer[] }>>) {
  const sizes: number[] = [];
  return {
    sizes,
    port: {
      idOf: (item: Item) => item.id,
      send: async (batch: Item[]) => {
        sizes.push(batch.length);
        return answer(batch);
      },
    },
  };
}

describe('deliverBatch', () => {
  it.each([
    ['400', refused(400, 'bad_request: items.0: x')],
    ['413', refused(413, 'payload_too_large')],
  ])('halves a batch the hub refuses as a whole (%s) until the bad item stands alone; only that one is at fault', async (_status, refusal) => {
    const all = items(8);
    const poisoned = all[5]?.id;
    const hub = scripted((batch) => (batch.some((item) => item.id === poisoned) ? refusal : acceptAll(batch)));
    const report = await deliverBatch(all, hub.port);
    expect(hub.sizes).toEqual([8, 4, 4, 2, 1, 1, 2]); // depth first: 1–4 pass, 5–8 → 5–6 → 5, 6; then 7–8
    expect(report.unreachable).toBeNull();
    expect(report.answered).toBe(true);
    const faults = report.verdicts.filter((v) => v.verdict.kind === 'itemFault');
    expect(faults).toEqual([{ item: { id: poisoned }, verdict: { kind: 'itemFault', reason: expect.stringMatching(/^hub_refused_4\d\d: /) } }]);
    expect(report.verdicts.filter((v) => v.verdict.kind === 'answered')).toHaveLength(7);
    expect(report.verdicts.map((v) => v.item)).toEqual(all); // one verdict per item, in the order given
  });

  it('gives each item its own answer, whatever the status, and the hub’s order does not matter', async () => {
    const hub = scripted((batch) =>
      ok({ results: [...batch].reverse().map((item, i) => (i === 0 ? { id: item.id, status: 'conflict', reason: 'other content' } : { id: item.id, status: 'duplicate' })) }),
    );
    const report = await deliverBatch(items(3), hub.port);
    expect(report.verdicts.map((v) => v.verdict)).toEqual([
      { kind: 'answered', answer: { id: id(1), status: 'duplicate' } },
      { kind: 'answered', answer: { id: id(2), status: 'duplicate' } },
      { kind: 'answered', answer: { id: id(3), status: 'conflict', reason: 'other content' } },
    ]);
  });

  it('counts an item left out of the answer as its own fault, never as delivered, and goes on with the others', async () => {
    const hub = scripted((batch) => ok({ results: batch.slice(1).map((item) => ({ id: item.id, status: 'accepted' })) }));
    const report = await deliverBatch(items(3), hub.port);
    expect(report.verdicts[0]?.verdict).toEqual({ kind: 'itemFault', reason: missingResult });
    expect(report.verdicts.slice(1).every((v) => v.verdict.kind === 'answered')).toBe(true);
    expect(report.unreachable).toBeNull();
    // An answer for an id that was not sent settles nothing.
    const stranger = scripted(() => ok({ results: [{ id: id(99), status: 'accepted' }] }));
    expect((await deliverBatch(items(1), stranger.port)).verdicts[0]?.verdict).toEqual({ kind: 'itemFault', reason: missingResult });
  });

  it('matches ids case-insensitively (the hub keys by the lower-case UUID) and takes the first answer for an id', async () => {
    const upper: Item[] = [{ id: id(1).toUpperCase() }];
    const hub = scripted((batch) =>
      ok({
        results: [
          { id: (batch[0]?.id ?? '').toLowerCase(), status: 'accepted' },
          { id: batch[0]?.id ?? '', status: 'rejected', reason: 'a second answer for the same id' },
        ],
      }),
    );
    const report = await deliverBatch(upper, hub.port);
    expect(report.verdicts[0]?.verdict).toEqual({ kind: 'answered', answer: { id: id(1), status: 'accepted' } });
  });

  it.each([
    ['no answer (transport)', () => err('transport', 'ECONNRESET')],
    ['a 503', () => err('transport', 'the hub answered 503', encodeHubFailure({ retryable: true, httpStatus: 503, reason: 'unavailable' }))],
    ['a 429', () => err('unavailable', 'slow down', encodeHubFailure({ retryable: true, httpStatus: 429, reason: 'rate_limited' }))],
    ['a refused credential', () => err('forbidden', 'revoked', encodeHubFailure({ retryable: false, httpStatus: 401, reason: 'unauthorized' }))],
    ['a hub without the route', () => err('unavailable', 'not found', encodeHubFailure({ retryable: false, httpStatus: 404, reason: 'not_found' }))],
    ['a 413 the hub calls retryable', () => err('invalid_argument', 'busy', encodeHubFailure({ retryable: true, httpStatus: 413, reason: 'payload_too_large' }))],
    [
      'a link that throws',
      () => {
        throw new Error('bridge closed');
      },
    ],
  ])('blames no item for %s: every item keeps its place, the rest is not sent', async (_name, failure: () => Result<{ results: Answer[] }>) => {
    const all = items(8);
    // The first half goes through; the second half meets the failure, after which nothing more is sent.
    let calls = 0;
    const hub = scripted((batch) => (++calls === 1 && batch.length === 8 ? refused(400, 'bad_request') : calls === 2 ? acceptAll(batch) : failure()));
    const report = await deliverBatch(all, hub.port);
    expect(hub.sizes).toEqual([8, 4, 4]);
    expect(report.unreachable).not.toBeNull();
    expect(report.answered).toBe(true);
    expect(report.verdicts.slice(0, 4).every((v) => v.verdict.kind === 'answered')).toBe(true);
    expect(report.verdicts.slice(4).map((v) => v.verdict)).toEqual(Array(4).fill({ kind: 'notSent', reason: report.unreachable }));
  });

  it('sends nothing for no items', async () => {
    const hub = scripted(acceptAll);
    expect(await deliverBatch([], hub.port)).toEqual({ verdicts: [], unreachable: null, answered: false });
    expect(hub.sizes).toEqual([]);
  });
});
