// POST /v1/ratings:batch — 好差评 intake, shaped like the applications batch (hub/routes/applicationBatch.ts): a body that
// is not a batch (not JSON, no items, too many, an item without a usable id) is a 400 and nothing is written;
// an item with a usable id that fails `ratingSchema` is answered 'rejected' while the others are stored.
// Nothing personal is in a rating; the log still carries counts only.
import type { FastifyInstance } from 'fastify';
import type { RatingBatchResponse, RatingItemResult } from '../../src/domain/hubApi';
import { ratingSchema, type Rating } from '../../src/domain/rating';
import { countByStatus, readBatch, rejectMalformed, type Unanswerable } from './batchIntake';
import type { HubContext } from './context';
import { ratingContentHash, storeRatings } from '../store/ratings';

type Checked = { ok: true; rating: Rating } | { ok: false; result: RatingItemResult };

function checkItem(raw: unknown): Checked | Unanswerable {
  const parsed = ratingSchema.safeParse(raw);
  return parsed.success ? { ok: true, rating: parsed.data } : rejectMalformed(raw, parsed.error);
}

export function registerRatingsRoute(app: FastifyInstance, ctx: HubContext): void {
  // '::' is an escaped ':' in Fastify paths: the URL really is /v1/ratings:batch.
  app.post('/v1/ratings::batch', async (request, reply) => {
    const batch = await readBatch(ctx, request, reply, checkItem);
    if (!batch) return reply;
    const { kiosk, checked } = batch;
    const keyOf = (one: Checked) => (one.ok ? one.rating.id : one.result.id).toLowerCase();
    const firstOf = new Map<string, Checked>();
    for (const one of checked) if (!firstOf.has(keyOf(one))) firstOf.set(keyOf(one), one);
    // Only the first occurrence of an id is stored, and only when it passed its checks.
    const stored = await storeRatings(ctx.db, kiosk.kioskId, [...firstOf.values()].flatMap((one) => (one.ok ? [one.rating] : [])));
    const results = checked.map((one): RatingItemResult => {
      const first = firstOf.get(keyOf(one)) ?? one;
      if (!one.ok) return one.result;
      if (!first.ok) return { id: one.rating.id, status: 'rejected', reason: 'repeats an id that was rejected earlier in this batch' };
      const answer = stored.get(keyOf(one));
      if (!answer) throw new Error('a rating was stored without an answer');
      if (first === one) return answer;
      // A repeat within the batch: the same content counts once, other content is a conflict.
      if (ratingContentHash(kiosk.kioskId, first.rating) !== ratingContentHash(kiosk.kioskId, one.rating)) {
        return { id: one.rating.id, status: 'conflict', reason: 'the same id appears twice in this batch with different content' };
      }
      return answer.status === 'accepted' ? { id: one.rating.id, status: 'duplicate' } : { ...answer, id: one.rating.id };
    });
    request.log.info({ kioskId: kiosk.kioskId, items: results.length, ...countByStatus(results) }, 'ratings');
    const body: RatingBatchResponse = { results };
    return body;
  });
}
