// What the technician reads before requeueing (issue 11 §4): quarantined applications with their reasons, and
// flagged ratings sent again only when asked. Real Dexie over fake-indexeddb, as the other store tests.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { createUuidV7 } from '../domain/uuidv7';
import { KioskDb } from './kioskDb';
import type { RatingRecord } from './kioskDb';
import { createOutboxStore } from './outboxStore';
import { createRatingStore, ratingSentStates } from './ratingStore';

const t0 = Date.parse('2030-03-01T02:00:00Z');
const sealed = { suite: 'hpke-base-x25519-sha256-aes128gcm' as const, enc: 'AAAA', ct: 'QUJDRA==' };

async function open() {
  const db = new KioskDb('technician-queue', { indexedDB: new IDBFactory(), IDBKeyRange });
  await db.open();
  return db;
}

describe('technician queue views', () => {
  it('lists quarantined applications with their reason, and requeues one', async () => {
    const db = await open();
    const store = createOutboxStore(db, { now: () => t0 });
    const newId = createUuidV7({ now: () => t0 });
    const draft = () => ({ id: newId(), serviceId: 'hukou-transfer', handlingCity: '420100', createdAt: new Date(t0).toISOString(), sealed, lookupKey: 'a'.repeat(64) });
    const kept = draft();
    const lost = draft();
    await store.enqueue(kept, '420102-001');
    await store.enqueue(lost, '420102-001');
    await db.outbox.update(lost.id, { nextAttemptAt: 'soon' as unknown as number });
    await store.quarantineUnreadable();
    const listed = await store.listQuarantined();
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ id: lost.id, reason: expect.stringMatching(/^unreadable: nextAttemptAt/) });
    expect(listed[0]!.receiptNo).toMatch(/^\S+$/);
    await db.outbox.update(lost.id, { nextAttemptAt: t0 });
    expect(await store.requeue(lost.id)).toBe(true);
    expect(await store.listQuarantined()).toEqual([]);
    expect(await store.counts()).toMatchObject({ queued: 2, quarantined: 0 });
  });

  it('sends a flagged rating again only when the technician asks', async () => {
    const db = await open();
    const ratings = createRatingStore(db, { now: () => t0 });
    const record = { id: '01900000-0000-7000-8000-000000000001', serviceId: 'hukou-transfer', createdAt: new Date(t0).toISOString(), ratedAt: new Date(t0).toISOString(), sent: ratingSentStates.flagged, syncError: 'rejected: level' } as unknown as RatingRecord;
    await db.ratings.put(record);
    expect(await ratings.listFlagged()).toEqual([expect.objectContaining({ id: record.id, syncError: 'rejected: level' })]);
    expect(await ratings.counts()).toMatchObject({ flagged: 1 });
    expect(await ratings.requeueFlagged(record.id)).toBe(true);
    expect(await ratings.requeueFlagged(record.id)).toBe(false); // no longer flagged
    expect(await ratings.counts()).toMatchObject({ unsent: 1, flagged: 0 });
    expect((await db.ratings.get(record.id))?.syncError).toBeUndefined();
  });

  it('tells which applications have their result rated (评价次数 2), whatever the sending state', async () => {
    const db = await open();
    const ratings = createRatingStore(db, { now: () => t0 });
    const rating = (id: string, applicationId: string, assessNumber: 1 | 2, sent: number) =>
      ({ id, applicationId, assessNumber, serviceId: 'WHMA-YB-01', createdAt: new Date(t0).toISOString(), ratedAt: new Date(t0).toISOString(), sent }) as unknown as RatingRecord;
    await db.ratings.bulkPut([
      rating('01900000-0000-7000-8000-00000000000a', 'app-1', 1, ratingSentStates.sent),
      rating('01900000-0000-7000-8000-00000000000b', 'app-1', 2, ratingSentStates.sent),
      rating('01900000-0000-7000-8000-00000000000c', 'app-2', 1, ratingSentStates.unsent),
      rating('01900000-0000-7000-8000-00000000000d', 'app-3', 2, ratingSentStates.unsent),
    ]);
    expect([...(await ratings.resultRated(['app-1', 'app-2', 'app-3', 'app-4']))].sort()).toEqual(['app-1', 'app-3']);
    expect(await ratings.resultRated([])).toEqual(new Set());
  });
});
