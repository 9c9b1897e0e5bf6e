import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { err, ok } from '../bridge/result';
import type { KioskCaseChange, KioskCaseChanges } from '../domain/caseApi';
import { pullCaseChanges } from '../sync/caseStatusSync';
import { createCaseStatusStore } from './caseStatusStore';
import { KioskDb } from './kioskDb';

const change = (n: number, status: KioskCaseChange['status'], updatedAt: string): KioskCaseChange => ({
  id: `01890a5d-ac96-774b-bcce-b302099a80${String(n).padStart(2, '0')}`,
  receiptNo: `420102-001-00000${n}X`,
  caseNo: `420100-261202-00000${n}`,
  status,
  note: status === 'needsCorrection' ? '请补交照片' : '',
  updatedAt,
  deadline: null,
});

async function open() {
  const db = new KioskDb(`cases-${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
  await db.open();
  return { db, store: createCaseStatusStore(db) };
}

const clock = () => new Date('2026-12-02T08:00:00Z');

describe('case status feed', () => {
  it('pages through the feed, keeps the latest status and the cursor, and says when it last checked', async () => {
    const { db, store } = await open();
    const pages: KioskCaseChanges[] = [
      { items: [change(1, 'accepted', '2026-12-01T01:00:00Z'), change(2, 'needsCorrection', '2026-12-01T02:00:00Z')], next: '7' },
      { items: [change(1, 'completed', '2026-12-02T01:00:00Z')], next: '9' },
      { items: [], next: '9' },
    ];
    const asked: string[] = [];
    const outcome = await pullCaseChanges({ changes: async (since) => (asked.push(since), ok(pages.shift() ?? { items: [], next: since })) }, store, clock);
    expect(asked).toEqual(['0', '7', '9']);
    expect(outcome).toEqual({ complete: true, changed: 3, checkedAt: '2026-12-02T08:00:00.000Z' });
    const known = await store.byIds([change(1, 'completed', '').id, change(2, 'accepted', '').id, change(3, 'accepted', '').id]);
    expect([...known.values()].map((k) => [k.status, k.note])).toEqual([['completed', ''], ['needsCorrection', '请补交照片']]);
    expect(await store.feed()).toEqual({ cursor: '9', checkedAt: '2026-12-02T08:00:00.000Z' });
    db.close();
  });

  it('keeps what it knew when the hub cannot be reached, and never lets an older change overwrite a newer one', async () => {
    const { db, store } = await open();
    await store.apply({ items: [change(1, 'completed', '2026-12-02T01:00:00Z')], next: '5' }, '2026-12-02T01:05:00Z');
    const offline = await pullCaseChanges({ changes: async () => err('transport', 'no network') }, store, clock);
    expect(offline).toEqual({ complete: false, changed: 0, checkedAt: '2026-12-02T01:05:00Z' });
    // A replayed older change (a feed restarted from 0 after a damaged cursor) does not win.
    await store.apply({ items: [change(1, 'accepted', '2026-12-01T01:00:00Z')], next: '2' }, '2026-12-02T02:00:00Z');
    expect((await store.byIds([change(1, 'accepted', '').id])).get(change(1, 'accepted', '').id)?.status).toBe('completed');
    // A damaged cursor restarts the feed rather than failing.
    await db.settings.put({ key: 'caseFeed', value: { cursor: 'x' } });
    expect(await store.feed()).toEqual({ cursor: '0', checkedAt: null });
    db.close();
  });
});
