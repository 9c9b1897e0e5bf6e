import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { openKioskStore } from './openKioskStore';
import { requestPersistence } from './persistence';

describe('storage persistence', () => {
  it('asks once, and reports what the browser said', async () => {
    let asked = 0;
    expect(await requestPersistence({ persisted: async () => false, persist: async () => (++asked, true) })).toBe('persisted');
    expect(asked).toBe(1);
    expect(await requestPersistence({ persisted: async () => true, persist: async () => (++asked, false) })).toBe('persisted');
    expect(asked).toBe(1); // already persisted: not asked again
    expect(await requestPersistence({ persist: async () => false })).toBe('denied');
    expect(await requestPersistence({ persist: () => Promise.reject(new Error('no')) })).toBe('denied');
    expect(await requestPersistence(undefined)).toBe('unsupported');
  });

  it('is requested when the kiosk store opens, which writes no lookup secret (the host holds it: ADR 0006)', async () => {
    const indexedDB = new IDBFactory();
    let asked = 0;
    const storage = { persist: async () => (++asked, true) };
    const first = await openKioskStore({ indexedDB, IDBKeyRange, storage });
    expect(first.persistence).toBe('persisted');
    first.db.close();
    const second = await openKioskStore({ indexedDB, IDBKeyRange, storage });
    expect(asked).toBe(2);
    expect(await second.db.settings.toArray()).toEqual([]);
    second.db.close();
  });
});
