// The outbox after a full disk, as Chromium behaves (measured in tests/e2e/fullDisk.spec.ts): the write that hits
// the full disk aborts and Chromium closes the connection; Dexie reopens on the next call, but while the disk
// is still full that open fails too, and from then on Dexie answers DatabaseClosedError to every call until
// open() is called again. Here the browser's side is played by fake-indexeddb behind a factory whose open()
// fails while `full` is set, and by firing the connection's close event as Chromium does.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createUuidV7 } from '../domain/uuidv7';
import type { OutboxDraft } from '../sync/outboxRow';
import { KioskDb } from './kioskDb';
import { OutboxError, classifyStoreError } from './outboxError';
import { createCaseStatusStore } from './caseStatusStore';
import { createOutboxStore } from './outboxStore';
import { createRatingStore } from './ratingStore';

const t0 = Date.UTC(2026, 4, 1, 9);
const sealed = { suite: 'hpke-base-x25519-sha256-aes128gcm' as const, enc: 'AAAA', ct: 'QUJDRA==' };

/** An IDBFactory whose open() fails as Chromium's does on a full disk while `disk.full` is true. */
function diskBackedFactory() {
  const real = new IDBFactory();
  const disk = { full: false };
  const factory = new Proxy(real, {
    get(target, key) {
      if (key !== 'open') return Reflect.get(target, key, target) as unknown;
      return (name: string, version?: number) => {
        if (!disk.full) return target.open(name, version);
        const request = { error: new DOMException('Internal error opening backing store for indexedDB.open.', 'UnknownError') } as unknown as IDBOpenDBRequest;
        setTimeout(() => request.onerror?.({ target: request, preventDefault() {}, stopPropagation() {} } as unknown as Event));
        return request;
      };
    },
  });
  return { factory, disk };
}

async function setup() {
  const { factory, disk } = diskBackedFactory();
  const db = new KioskDb('outbox-recovery-test', { indexedDB: factory, IDBKeyRange });
  await db.open();
  const newId = createUuidV7({ now: () => t0 });
  const draft = (): OutboxDraft => ({ id: newId(), serviceId: 'hukou-transfer', handlingCity: '420100', createdAt: new Date(t0).toISOString(), sealed, lookupKey: 'a'.repeat(64) });
  return { db, disk, store: createOutboxStore(db, { now: () => t0 }), draft };
}

/** What Chromium does to a connection whose write hit a full disk: closes it and fires `close`. */
function browserClosesConnection(db: KioskDb) {
  const idb = db.backendDB();
  idb.close();
  idb.onclose?.(new Event('close'));
}

describe('outbox after a full disk', () => {
  beforeEach(() => void vi.spyOn(console, 'warn').mockImplementation(() => undefined)); // Dexie's retry notes
  it('stores again in the same page once space is back, with the rows stored before still there', async () => {
    const { db, disk, store, draft } = await setup();
    const first = await store.enqueue(draft(), '420102-001');

    disk.full = true;
    browserClosesConnection(db);
    await expect(store.enqueue(draft(), '420102-001')).rejects.toMatchObject({ name: 'OutboxError', code: 'storage' });
    await expect(store.enqueue(draft(), '420102-001')).rejects.toBeInstanceOf(OutboxError); // still full: still refused

    disk.full = false;
    const second = await store.enqueue(draft(), '420102-001');
    expect(second).not.toBe(first);
    expect(await store.counts()).toMatchObject({ queued: 2 });
    expect((await db.outbox.toArray()).map((row) => row.receiptNo).sort()).toEqual([first, second].sort());
  });

  it('lets the sync engine read the queue again without a resident submitting first', async () => {
    const { db, disk, store, draft } = await setup();
    await store.enqueue(draft(), '420102-001');
    disk.full = true;
    browserClosesConnection(db);
    await expect(store.counts()).rejects.toThrow();
    disk.full = false;
    expect(await store.counts()).toMatchObject({ queued: 1 });
  });

  it('reopens for the other stores on the same database too, whichever is called first', async () => {
    const { db, disk } = await setup();
    const ratings = createRatingStore(db);
    const caseStatus = createCaseStatusStore(db);
    disk.full = true;
    browserClosesConnection(db);
    await expect(ratings.counts()).rejects.toThrow();
    disk.full = false;
    expect(await ratings.counts()).toMatchObject({ unsent: 0 });

    disk.full = true;
    browserClosesConnection(db);
    await expect(caseStatus.feed()).rejects.toThrow();
    disk.full = false;
    expect(await caseStatus.feed()).toEqual({ cursor: '0', checkedAt: null });
  });

  it('leaves a database closed on purpose closed', async () => {
    const { db, store, draft } = await setup();
    db.close();
    await expect(store.enqueue(draft(), '420102-001')).rejects.toMatchObject({ code: 'storage' });
    expect(db.isOpen()).toBe(false);
  });
});

describe('classifying a failed store write', () => {
  it('calls a full disk storage_full, whether Chromium says quota or names the disk error', () => {
    expect(classifyStoreError(new DOMException('quota', 'QuotaExceededError')).code).toBe('storage_full');
    const io = new DOMException('Connection is closing because of: IO error: …/000003.log: FILE_ERROR_NO_SPACE (ChromeMethodBFE: 3::WritableFileAppend::8)', 'UnknownError');
    expect(classifyStoreError(io).code).toBe('storage_full');
    // Dexie wraps the browser's error in its own (`inner`).
    expect(classifyStoreError(Object.assign(new Error('wrapped'), { name: 'OpenFailedError', inner: io })).code).toBe('storage_full');
  });

  it('keeps the other codes', () => {
    expect(classifyStoreError(new DOMException('dup', 'ConstraintError')).code).toBe('duplicate_id');
    expect(classifyStoreError(new DOMException('Internal error opening backing store for indexedDB.open.', 'UnknownError')).code).toBe('storage');
    const invalid = new OutboxError('invalid_draft', 'bad');
    expect(classifyStoreError(invalid)).toBe(invalid);
  });
});
