// Browser side of dbRollback.spec.ts: the kiosk's real Dexie schema (src/db/kioskDb.ts) bundled for a page, so
// the rollback scenario runs against Chromium's own IndexedDB. Exposes the steps on `window.rollbackDb`.
import Dexie from 'dexie';
import { KioskDb, currentDbVersion } from '../../../src/db/kioskDb';
import type { OutboxRow } from '../../../src/sync/outboxRow';

const row = (n: number): OutboxRow => ({
  id: `01890a5d-ac96-774b-bcce-b302099a800${n}`,
  receiptNo: `420102-001-00000${n}X`,
  serviceId: 'hukou-transfer',
  handlingCity: '420100',
  createdAt: '2026-05-01T09:00:00.000Z',
  status: 'queued',
  attempts: 0,
  nextAttemptAt: Date.UTC(2026, 4, 1, 9),
  lastError: null,
  sealed: { suite: 'hpke-base-x25519-sha256-aes128gcm', enc: 'AAAA', ct: 'BBBB' },
  lookupKey: 'a'.repeat(64),
  caseNo: null,
  leaseUntil: null,
  strikes: 0,
  strikeReason: null,
});

const name = 'zhengwu-kiosk-rollback';

(window as unknown as { rollbackDb: Record<string, () => Promise<unknown>> }).rollbackDb = {
  /** The running release queues one application. */
  async current() {
    const db = new KioskDb(name);
    await db.outbox.add(row(1));
    db.close();
    return currentDbVersion;
  },
  /** The next release upgrades the database additively (one index, one table) and writes to both. */
  async next() {
    const db = new KioskDb(name);
    db.version(currentDbVersion + 1).stores({ outbox: 'id, &receiptNo, status, [status+nextAttemptAt], lookupKey, createdAt, caseNo, serviceId', notices: 'id' });
    await db.open();
    await db.table('outbox').put({ ...row(2), printedCopies: 1 });
    await db.table('notices').put({ id: 'n1', text: 'new in the next release' });
    db.close();
    return db.verno;
  },
  /** Rolled back: this release's code opens the newer database, reads every row and queues another. */
  async rolledBack() {
    const db = new KioskDb(name);
    await db.open();
    const onDisk = db.backendDB().version;
    const before = (await db.outbox.toArray()).map((r) => r.id);
    await db.outbox.add(row(3));
    const queued = await db.outbox.where('status').equals('queued').count();
    db.close();
    return { onDisk, before, queued };
  },
  /** The next release again: everything is there, its own table too. */
  async nextAgain() {
    const db = new Dexie(name);
    await db.open();
    const result = { outbox: await db.table('outbox').count(), notice: await db.table('notices').get('n1'), printed: (await db.table('outbox').get(row(2).id))?.printedCopies };
    db.close();
    return result;
  },
};
