import Dexie from 'dexie';
import { IDBDatabase as FakeIDBDatabase, IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { outboxRowSchema } from '../sync/outboxRow';
import { KioskDb, currentDbVersion } from './kioskDb';

const sealed = { suite: 'hpke-base-x25519-sha256-aes128gcm', enc: 'AAAA', ct: 'BBBB' };
const v1Row = (id: string, receiptNo: string, status: string) => ({
  id,
  receiptNo,
  serviceId: 'hukou-transfer',
  handlingCity: '420100',
  createdAt: '2026-05-01T09:00:00.000Z',
  status,
  attempts: 1,
  nextAttemptAt: Date.UTC(2026, 4, 1, 9),
  lastError: null,
  sealed,
  lookupKey: 'a'.repeat(64),
});

/** The v1 schema exactly as kioskDb.ts declares it: what a kiosk on the first release has on disk. */
async function createV1Database(idb: IDBFactory, name: string) {
  const v1 = new Dexie(name, { indexedDB: idb, IDBKeyRange });
  v1.version(1).stores({
    outbox: 'id, &receiptNo, status, [status+nextAttemptAt], lookupKey, createdAt',
    catalog: 'slot',
    settings: 'key',
    ratings: 'id, serviceId, createdAt, sent',
  });
  await v1.open();
  await v1.table('outbox').bulkAdd([
    v1Row('01890a5d-ac96-774b-bcce-b302099a8001', '420102-001-000001X', 'queued'),
    v1Row('01890a5d-ac96-774b-bcce-b302099a8002', '420102-001-000002X', 'sending'),
    v1Row('01890a5d-ac96-774b-bcce-b302099a8003', '420102-001-000003X', 'accepted'),
  ]);
  await v1.table('settings').put({ key: 'receiptSeq', value: 3 });
  v1.close();
}

describe('KioskDb', () => {
  it('upgrades a v1 store to the current version without losing a row', async () => {
    const idb = new IDBFactory();
    await createV1Database(idb, 'migrate');
    const db = new KioskDb('migrate', { indexedDB: idb, IDBKeyRange });
    await db.open();
    expect(db.verno).toBe(currentDbVersion);
    const rows = await db.outbox.orderBy('receiptNo').toArray();
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(outboxRowSchema.safeParse(row).success).toBe(true);
    // A row a v1 kiosk left `sending` comes back with an already expired lease, so it is re-sent.
    expect(rows.map((r) => [r.status, r.leaseUntil, r.caseNo, r.strikes])).toEqual([
      ['queued', null, null, 0],
      ['sending', 0, null, 0],
      ['accepted', null, null, 0],
    ]);
    expect(await db.settings.get('receiptSeq')).toEqual({ key: 'receiptSeq', value: 3 });
    db.close();
  });

  it('opens a fresh store at the current version with every table', async () => {
    const db = new KioskDb('fresh', { indexedDB: new IDBFactory(), IDBKeyRange });
    await db.open();
    expect(db.verno).toBe(currentDbVersion);
    expect(db.tables.map((t) => t.name).sort()).toEqual(['caseStatus', 'catalog', 'outbox', 'ratings', 'settings']);
    db.close();
  });

  it('opens every write transaction with strict durability', async () => {
    const proto = FakeIDBDatabase.prototype as IDBDatabase;
    const original = proto.transaction;
    const seen: unknown[] = [];
    proto.transaction = function (this: IDBDatabase, stores: string | string[], mode?: IDBTransactionMode, options?: IDBTransactionOptions) {
      seen.push([mode, options?.durability]);
      return original.call(this, stores, mode, options);
    } as typeof proto.transaction;
    try {
      const db = new KioskDb('durable', { indexedDB: new IDBFactory(), IDBKeyRange });
      await db.open();
      await db.transaction('rw', db.settings, () => db.settings.put({ key: 'x', value: 1 }));
      await db.settings.get('x');
      await db.outbox.count();
      db.close();
    } finally {
      proto.transaction = original;
    }
    // Every write is strict. (The upgrade transaction and Dexie's schema read at open are made by
    // IndexedDB / Dexie internals and write nothing that a receipt depends on.)
    const writes = (seen as [string, unknown][]).filter(([mode]) => mode === 'readwrite');
    expect(writes.length).toBeGreaterThanOrEqual(1);
    expect(writes.every(([, durability]) => durability === 'strict')).toBe(true);
    expect(seen.slice(-2)).toEqual([['readonly', 'strict'], ['readonly', 'strict']]);
  });
});
