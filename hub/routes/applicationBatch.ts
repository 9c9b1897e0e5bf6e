// POST /v1/applications:batch — the intake. Checks happen in two layers so one bad row never blocks the rest:
// a body that is not a batch at all (not JSON, no items, too many, an item without a usable id) is a 400 and
// nothing is written; an item with a usable id that fails its own checks is answered 'rejected' with a reason
// while the others are stored. The stored part is one transaction (see storeApplications).
import type { FastifyInstance } from 'fastify';
import {
  hubLimits,
  isInMetroCircle,
  outboundApplicationSchema,
  type BatchResponse,
  type ItemResult,
  type OutboundApplication,
} from '../../src/domain/hubApi';
import { countByStatus, readBatch, rejectMalformed, type Unanswerable } from './batchIntake';
import type { HubContext } from './context';
import { answerRepeat, storeApplications } from '../store/applications';

type Checked = { ok: true; item: OutboundApplication } | { ok: false; result: ItemResult };

/**
 * How far an application's `createdAt` may lie from the hub's clock. Ahead: a kiosk clock gone wrong (or a
 * forged date) would put the application ahead of everything in the city's queue and its time limits; a day
 * covers time zones written wrongly. Behind: a kiosk offline for weeks still delivers; older than 60 days is a
 * stale replay or a dead clock battery, and a person must look at it (the kiosk quarantines and reports it).
 */
export const createdAtWindow = { aheadMs: 24 * 3600_000, behindMs: 60 * 24 * 3600_000 } as const;

function checkCreatedAt(createdAt: string, now: number): string | null {
  const at = Date.parse(createdAt);
  if (at > now + createdAtWindow.aheadMs) return 'createdAt is more than 1 day ahead of the hub clock; check the kiosk clock';
  if (at < now - createdAtWindow.behindMs) return 'createdAt is more than 60 days behind the hub clock; check the kiosk clock or the application';
  return null;
}

/** The item's own checks: schema, sealed size, a sealing key this hub has, known service, handling city inside the circle, createdAt window. */
function checkItem(raw: unknown, serviceIds: ReadonlySet<string> | null, sealingKeyIds: readonly string[], now: number): Checked | Unanswerable {
  const parsed = outboundApplicationSchema.safeParse(raw);
  if (!parsed.success) return rejectMalformed(raw, parsed.error);
  const item = parsed.data;
  const reject = (reason: string): Checked => ({ ok: false, result: { id: item.id, status: 'rejected', reason } });
  // base64 is 4 characters per 3 bytes; checked on the text so an oversized payload is never decoded.
  if ((item.sealed.ct.length * 3) / 4 > hubLimits.maxSealedBytes) return reject(`sealed payload above ${hubLimits.maxSealedBytes} bytes`);
  // An X25519 encapsulated key is 32 bytes; an AES-GCM ciphertext carries at least its 16-byte tag. Counted on
  // the text, which the schema has found to be base64: decoding is left to the one place that stores the bytes.
  if (Buffer.byteLength(item.sealed.enc, 'base64') !== 32) return reject('sealed.enc is not a 32-byte X25519 encapsulated key');
  if (Buffer.byteLength(item.sealed.ct, 'base64') < 16) return reject('sealed.ct is shorter than an AES-GCM tag');
  // Sealed to a key nobody here holds, it could never be opened: refused so the kiosk keeps it and reports it.
  if (item.sealed.kid && !sealingKeyIds.includes(item.sealed.kid)) return reject(`sealed to key ${item.sealed.kid}, which this hub does not have; the kiosk must take the hub's current key`);
  if (serviceIds && !serviceIds.has(item.serviceId)) return reject(`unknown service ${item.serviceId}`);
  if (!isInMetroCircle(item.handlingCity)) return reject(`handling city ${item.handlingCity} is not in the 1+8 circle`);
  const badTime = checkCreatedAt(item.createdAt, now);
  if (badTime) return reject(badTime);
  return { ok: true, item };
}

export function registerBatchRoute(app: FastifyInstance, ctx: HubContext): void {
  // '::' is an escaped ':' in Fastify paths: the URL really is /v1/applications:batch.
  app.post('/v1/applications::batch', async (request, reply) => {
    const started = performance.now();
    const now = ctx.clock.now();
    const batch = await readBatch(ctx, request, reply, (raw) => checkItem(raw, ctx.catalog.serviceIds, ctx.keys.knownSealingKeyIds, now));
    if (!batch) return reply;
    const { kiosk, checked } = batch;
    const keyOf = (one: Checked) => (one.ok ? one.item.id : one.result.id).toLowerCase();
    const firstIndex = new Map<string, number>();
    checked.forEach((one, index) => firstIndex.has(keyOf(one)) || firstIndex.set(keyOf(one), index));
    const toStore = checked.flatMap((one, index) => (one.ok && firstIndex.get(keyOf(one)) === index ? [one.item] : []));

    const stored = await storeApplications(ctx.db, kiosk, toStore, new Date(ctx.clock.now()));
    const answerOf = (one: Checked): ItemResult => {
      if (!one.ok) return one.result;
      const answer = stored.get(keyOf(one));
      if (!answer) throw new Error('an item was stored without an answer');
      return answer;
    };
    const results = checked.map((one, index): ItemResult => {
      const first = checked[firstIndex.get(keyOf(one)) ?? index] ?? one;
      if (first === one || !one.ok) return answerOf(one);
      // A repeat of an id earlier in this batch: the same content counts once, other content is a conflict.
      if (!first.ok) return { id: one.item.id, status: 'rejected', reason: 'repeats an id that was rejected earlier in this batch' };
      return answerRepeat(kiosk.kioskId, first.item, answerOf(first), one.item);
    });
    request.log.info({ kioskId: kiosk.kioskId, items: results.length, ...countByStatus(results), ms: Math.round(performance.now() - started) }, 'batch');
    const body: BatchResponse = { results };
    return body;
  });
}
