// A rollback puts an older payload in front of a database a newer one already upgraded (ADR 0009). Dexie 4
// opens a database whose on-disk version is above the declared one at the on-disk version, with the tables and
// indexes it finds, so the older payload reads and writes its tables and the newer version's rows and tables
// stay untouched. Rule that keeps this true: a Dexie upgrade only ADDS (tables, indexes, fields with a default
// the older code ignores); it never deletes or renames a table or a field the previous release uses.
import Dexie from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { KioskDb, currentDbVersion } from './kioskDb';

const row = (n: number) => ({
  id: `01890a5d-ac96-774b-bcce-b302099a800${n}`,
  receiptNo: `420102-001-00000${n}X`,
  serviceId: 'hukou-transfer',
  handlingCity: '420100',
  createdAt: '2026-05-01T09:00:00.000Z',
  status: 'queued' as const,
  attempts: 0,
  nextAttemptAt: Date.UTC(2026, 4, 1, 9),
  lastError: null,
  sealed: { suite: 'hpke-base-x25519-sha256-aes128gcm' as const, enc: 'AAAA', ct: 'BBBB' },
  lookupKey: 'a'.repeat(64),
  caseNo: null,
  leaseUntil: null,
  strikes: 0,
  strikeReason: null,
});

/** A next release's schema: one more index on the outbox and one more table, as an additive upgrade does. */
async function upgradeToNextRelease(idb: IDBFactory, name: string) {
  const next = new KioskDb(name, { indexedDB: idb, IDBKeyRange });
  next.version(currentDbVersion + 1).stores({ outbox: 'id, &receiptNo, status, [status+nextAttemptAt], lookupKey, createdAt, caseNo, serviceId', notices: 'id' });
  await next.open();
  await next.table('outbox').put({ ...row(2), printedCopies: 1 });
  await next.table('notices').put({ id: 'n1', text: 'new in the next release' });
  next.close();
}

describe('an older payload on a newer database (rollback)', () => {
  it('opens it, keeps every row of both versions, and can still queue', async () => {
    const idb = new IDBFactory();
    const name = 'rollback-test';
    const current = new KioskDb(name, { indexedDB: idb, IDBKeyRange });
    await current.outbox.add(row(1));
    current.close();

    await upgradeToNextRelease(idb, name);

    const rolledBack = new KioskDb(name, { indexedDB: idb, IDBKeyRange });
    await rolledBack.open();
    expect(rolledBack.backendDB().version).toBe((currentDbVersion + 1) * 10); // opened at the newer on-disk version (Dexie stores version × 10)
    expect((await rolledBack.outbox.toArray()).map((r) => r.id)).toEqual([row(1).id, row(2).id]);
    await rolledBack.outbox.add(row(3));
    expect(await rolledBack.outbox.where('status').equals('queued').count()).toBe(3);
    rolledBack.close();

    // The next release, installed again later, finds everything: its own table too.
    const again = new Dexie(name, { indexedDB: idb, IDBKeyRange });
    await again.open();
    expect(await again.table('outbox').count()).toBe(3);
    expect(await again.table('notices').get('n1')).toEqual({ id: 'n1', text: 'new in the next release' });
    again.close();
  });
});
