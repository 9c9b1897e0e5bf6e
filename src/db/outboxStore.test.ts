import fc from 'fast-check';
import { IDBDatabase as FakeIDBDatabase, IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { parseReceiptNo } from '../domain/receiptNo';
import { createUuidV7 } from '../domain/uuidv7';
import type { OutboxDraft, OutboxRow } from '../sync/outboxRow';
import type { ClaimRequest } from '../sync/ports';
import { KioskDb } from './kioskDb';
import { OutboxError, createOutboxStore } from './outboxStore';

const t0 = Date.UTC(2026, 4, 1, 9);
const sealed = { suite: 'hpke-base-x25519-sha256-aes128gcm' as const, enc: 'AAAA', ct: 'QUJDRA==' };

async function setup(now: () => number = () => t0) {
  const idb = new IDBFactory();
  const db = new KioskDb('outbox-test', { indexedDB: idb, IDBKeyRange });
  await db.open();
  const newId = createUuidV7({ now });
  const draft = (overrides: Partial<OutboxDraft> = {}): OutboxDraft => ({
    id: newId(),
    serviceId: 'hukou-transfer',
    handlingCity: '420100',
    createdAt: new Date(now()).toISOString(),
    sealed,
    lookupKey: 'a'.repeat(64),
    ...overrides,
  });
  return { idb, db, store: createOutboxStore(db, { now }), draft };
}

const claim = (overrides: Partial<ClaimRequest> = {}): ClaimRequest => ({
  now: t0 + 1_000,
  leaseMs: 60_000,
  maxItems: 100,
  maxBytes: 1_000_000,
  sizeOf: () => 100,
  ...overrides,
});

describe('outbox store', () => {
  it('resolves enqueue with the receipt number only after the transaction has committed, first and later ones', async () => {
    const log: string[] = [];
    const proto = FakeIDBDatabase.prototype as IDBDatabase;
    const transaction = proto.transaction;
    // Observe the `complete` event of every write transaction, whoever opens it (Dexie for the first enqueue,
    // the store itself for later ones), without changing their own handlers.
    proto.transaction = function (this: IDBDatabase, ...args: Parameters<IDBDatabase['transaction']>) {
      const tx = transaction.apply(this, args);
      if (tx.mode === 'readwrite') tx.addEventListener('complete', () => log.push('complete'));
      return tx;
    } as typeof proto.transaction;
    const numbers: string[] = [];
    try {
      // Patched before the database opens: Dexie keeps its own reference to `transaction` once open.
      const { idb, store, draft } = await setup();
      log.length = 0;
      for (let i = 0; i < 2; i++) {
        numbers.push(await store.enqueue(draft(), '420102-001'));
        log.push('resolved');
      }
      expect(log).toEqual(['complete', 'resolved', 'complete', 'resolved']);
      // A second connection (a reloaded renderer) sees the rows at once.
      const other = new KioskDb('outbox-test', { indexedDB: idb, IDBKeyRange });
      for (const receiptNo of numbers) expect((await other.outbox.where('receiptNo').equals(receiptNo).first())?.status).toBe('queued');
      other.close();
    } finally {
      proto.transaction = transaction;
    }
  });

  it('issues unique rising receipt numbers with a stopped clock, a clock stepping back, and across a reopen', async () => {
    let now = t0;
    const { idb, store, draft, db } = await setup(() => now);
    const numbers: string[] = [];
    for (let i = 0; i < 50; i++) numbers.push(await store.enqueue(draft(), '420102-001'));
    now -= 3_600_000;
    for (let i = 0; i < 20; i++) numbers.push(await store.enqueue(draft(), '420102-001'));
    db.close();
    const again = new KioskDb('outbox-test', { indexedDB: idb, IDBKeyRange });
    const store2 = createOutboxStore(again, { now: () => now });
    for (let i = 0; i < 20; i++) numbers.push(await store2.enqueue(draft(), '420102-001'));
    const seqs = numbers.map((n) => parseReceiptNo(n)?.seq ?? -1);
    expect(new Set(numbers).size).toBe(90);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    again.close();
  });

  it('falls back to the highest receipt in the outbox when the stored sequence is damaged', async () => {
    const { db, store, draft } = await setup();
    const first = await store.enqueue(draft(), '420102-001');
    await db.settings.put({ key: 'receiptSeq', value: 'garbage' });
    const fresh = createOutboxStore(db, { now: () => t0 }); // a new page: nothing cached
    const second = await fresh.enqueue(draft(), '420102-001');
    expect(parseReceiptNo(second)?.seq).toBe((parseReceiptNo(first)?.seq ?? 0) + 1);
  });

  it('never issues a number twice when two connections enqueue in turn with a stopped clock', async () => {
    const { idb, store, draft } = await setup();
    const other = new KioskDb('outbox-test', { indexedDB: idb, IDBKeyRange });
    const otherStore = createOutboxStore(other, { now: () => t0 });
    const numbers: string[] = [];
    for (let i = 0; i < 10; i++) {
      numbers.push(await store.enqueue(draft(), '420102-001'));
      numbers.push(await otherStore.enqueue(draft(), '420102-001')); // its cached sequence is stale each time
    }
    expect(new Set(numbers).size).toBe(20);
    other.close();
  });

  it('refuses a bad draft or a duplicate id with a coded error and writes nothing', async () => {
    const { db, store, draft } = await setup();
    const one = draft();
    await store.enqueue(one, '420102-001');
    await expect(store.enqueue(one, '420102-001')).rejects.toMatchObject({ code: 'duplicate_id' });
    await expect(store.enqueue({ ...draft(), handlingCity: 'wuhan' }, '420102-001')).rejects.toBeInstanceOf(OutboxError);
    await expect(store.enqueue(draft(), 'not a prefix')).rejects.toMatchObject({ code: 'storage' });
    expect(await db.outbox.count()).toBe(1);
    expect(await db.settings.get('receiptSeq')).toMatchObject({ value: parseReceiptNo((await db.outbox.toArray())[0]?.receiptNo ?? '')?.seq });
  });

  it('claims due rows oldest first within the count and byte bounds, counting the attempt and taking a lease', async () => {
    let now = t0;
    const { store, draft } = await setup(() => now);
    for (let i = 0; i < 5; i++) {
      await store.enqueue(draft(), '420102-001');
      now += 1_000;
    }
    const notYet = await store.claimDue(claim({ now: t0 - 1 }));
    expect(notYet.rows).toHaveLength(0);
    const first = await store.claimDue(claim({ now, maxItems: 2 }));
    expect(first.rows.map((r) => [r.status, r.attempts, r.leaseUntil])).toEqual([
      ['sending', 1, now + 60_000],
      ['sending', 1, now + 60_000],
    ]);
    const bytes = await store.claimDue(claim({ now, maxBytes: 250 }));
    expect(bytes.rows).toHaveLength(2);
    const oversize = await store.claimDue(claim({ now, maxBytes: 10 }));
    expect(oversize.rows).toHaveLength(1); // alone, so the engine can quarantine it instead of it blocking
    expect(await store.counts()).toEqual({ queued: 0, sending: 5, quarantined: 0, accepted: 0 });
  });

  it('quarantines an unreadable row it meets while claiming, and still claims the good ones', async () => {
    const { db, store, draft } = await setup();
    await store.enqueue(draft(), '420102-001');
    const bad = draft();
    await store.enqueue(bad, '420102-001');
    await db.outbox.update(bad.id, { sealed: { suite: 'rot13' } as unknown as OutboxRow['sealed'] });
    const result = await store.claimDue(claim());
    expect(result.rows).toHaveLength(1);
    expect(result.quarantined).toEqual([bad.id]);
    const row = await db.outbox.get(bad.id);
    expect(row?.status).toBe('quarantined');
    expect(row?.lastError).toMatch(/^unreadable: sealed\.suite/);
  });

  it('finds damaged rows the due-index cannot see at start-up', async () => {
    const { db, store, draft } = await setup();
    const lost = draft();
    await store.enqueue(lost, '420102-001');
    await db.outbox.update(lost.id, { nextAttemptAt: 'soon' as unknown as number });
    expect((await store.claimDue(claim())).rows).toHaveLength(0);
    expect(await store.quarantineUnreadable()).toEqual([lost.id]);
    expect((await store.counts()).quarantined).toBe(1);
  });

  it('returns rows whose lease has expired, and only those', async () => {
    const { store, draft } = await setup();
    for (let i = 0; i < 3; i++) await store.enqueue(draft(), '420102-001');
    await store.claimDue(claim({ now: t0, leaseMs: 10_000 }));
    expect(await store.releaseExpiredLeases(t0 + 9_999)).toBe(0);
    expect(await store.nextWakeAt()).toBe(t0 + 10_000);
    expect(await store.releaseExpiredLeases(t0 + 10_000)).toBe(3);
    expect(await store.counts()).toMatchObject({ queued: 3, sending: 0 });
  });

  it('settles outcomes, never downgrading an accepted row nor touching a row it no longer holds', async () => {
    const { db, store, draft } = await setup();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const d = draft();
      ids.push(d.id);
      await store.enqueue(d, '420102-001');
    }
    const [a, b, c] = ids as [string, string, string];
    await store.claimDue(claim());
    await store.settle([
      { id: a, status: 'accepted', caseNo: 'C-1' },
      { id: b, status: 'quarantined', lastError: 'hub_rejected: service closed' },
      { id: c, status: 'queued', nextAttemptAt: t0 + 5_000, lastError: 'missing_result', strikes: 1, strikeReason: 'missing_result' },
    ]);
    await store.settle([{ id: a, status: 'queued', nextAttemptAt: 0, lastError: 'late', strikes: 0, strikeReason: null }]);
    await store.settle([{ id: c, status: 'quarantined', lastError: 'stale pass' }]); // c is queued, not ours
    const rows = await db.outbox.bulkGet(ids);
    expect(rows.map((r) => [r?.status, r?.caseNo, r?.lastError])).toEqual([
      ['accepted', 'C-1', null],
      ['quarantined', null, 'hub_rejected: service closed'],
      ['queued', null, 'missing_result'],
    ]);
    expect(await store.requeue(b)).toBe(true);
    expect(await store.requeue(a)).toBe(false);
    expect((await db.outbox.get(b))?.status).toBe('queued');
  });

  it('lists a resident’s applications by lookup key, newest first, metadata only', async () => {
    let now = t0;
    const { store, draft } = await setup(() => now);
    await store.enqueue(draft({ lookupKey: 'b'.repeat(64) }), '420102-001');
    now += 60_000;
    const mine = draft({ lookupKey: 'c'.repeat(64) });
    await store.enqueue(mine, '420102-001');
    now += 60_000;
    const newer = draft({ lookupKey: 'c'.repeat(64) });
    await store.enqueue(newer, '420102-001');
    const list = await store.listByLookupKeys(['c'.repeat(64), 'd'.repeat(64)]);
    expect(list.map((s) => s.id)).toEqual([newer.id, mine.id]);
    // Several keys (the host's current secret and adopted older ones) find the rows of each.
    expect(await store.listByLookupKeys(['b'.repeat(64), 'c'.repeat(64)])).toHaveLength(3);
    expect(Object.keys(list[0] ?? {}).sort()).toEqual(['caseNo', 'createdAt', 'handlingCity', 'id', 'receiptNo', 'serviceId', 'status']);
  });

  it('never loses or duplicates a row whatever the order of claims, settlements, lease expiries and reopens', async () => {
    const op = fc.oneof(
      fc.constant({ kind: 'enqueue' as const }),
      fc.record({ kind: fc.constant('claim' as const), max: fc.integer({ min: 1, max: 4 }) }),
      fc.record({ kind: fc.constant('settle' as const), pick: fc.nat(), outcome: fc.constantFrom('accepted', 'queued', 'quarantined') }),
      fc.record({ kind: fc.constant('time' as const), ms: fc.integer({ min: 0, max: 120_000 }) }),
      fc.constant({ kind: 'reopen' as const }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 40 }), async (ops) => {
        let now = t0;
        const ctx = await setup(() => now);
        let { db, store } = ctx;
        const enqueued = new Set<string>();
        const accepted = new Set<string>();
        let held: string[] = [];
        for (const o of ops) {
          if (o.kind === 'enqueue') enqueued.add(await store.enqueue({ ...ctx.draft(), createdAt: new Date(now).toISOString() }, '420102-001'));
          else if (o.kind === 'claim') {
            await store.releaseExpiredLeases(now);
            held = [...held, ...(await store.claimDue(claim({ now, maxItems: o.max, leaseMs: 60_000 }))).rows.map((r) => r.id)];
          } else if (o.kind === 'settle' && held.length > 0) {
            const id = held[o.pick % held.length] as string;
            held = held.filter((h) => h !== id);
            if (o.outcome === 'accepted') accepted.add(id);
            await store.settle([
              o.outcome === 'accepted'
                ? { id, status: 'accepted', caseNo: `C-${id}` }
                : o.outcome === 'queued'
                  ? { id, status: 'queued', nextAttemptAt: now, lastError: 'x', strikes: 1, strikeReason: 'x' }
                  : { id, status: 'quarantined', lastError: 'y' },
            ]);
          } else if (o.kind === 'time') now += o.ms;
          else if (o.kind === 'reopen') {
            db.close();
            db = new KioskDb('outbox-test', { indexedDB: ctx.idb, IDBKeyRange });
            store = createOutboxStore(db, { now: () => now });
          }
        }
        const rows = await db.outbox.toArray();
        expect(new Set(rows.map((r) => r.receiptNo))).toEqual(enqueued);
        expect(rows).toHaveLength(enqueued.size);
        for (const row of rows) if (accepted.has(row.id)) expect(row.status).toBe('accepted');
        db.close();
      }),
      { numRuns: 40 },
    );
  });
});
