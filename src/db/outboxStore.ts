// The outbox over Dexie: implements the sync engine's OutboxStore port (src/sync/ports.ts). Every read is
// parsed with the row schema; a row that fails is quarantined with its error (paths and codes only), in the
// same transaction — never skipped silently, never allowed to crash the loop (CommCare's lesson).
import Dexie from 'dexie';
import { formatReceiptNo, nextReceiptSeq } from '../domain/receiptNo';
import { describeRowIssues, outboxDraftSchema, outboxRowSchema, storedRowSchema } from '../sync/outboxRow';
import type { OutboxDraft, OutboxRow, OutboxStatus } from '../sync/outboxRow';
import type { ClaimRequest, ClaimResult, OutboxCounts, OutboxStore, RowOutcome, SyncMeta } from '../sync/ports';
import type { KioskDb, SettingRecord } from './kioskDb';
import { OutboxError, classifyStoreError } from './outboxError';
import { reopening } from './reopening';
import { readLastReceiptSeq, readSyncMeta, settingKeys, writeLastReceiptSeq, writeSyncMeta } from './settings';

export { OutboxError } from './outboxError';

/** What "my applications" shows for one row: metadata only (the sealed part cannot be read here anyway). */
export type OutboxSummary = Pick<OutboxRow, 'id' | 'receiptNo' | 'serviceId' | 'handlingCity' | 'createdAt' | 'status' | 'caseNo'>;

export interface DexieOutboxStore extends OutboxStore {
  /** The rows whose `lookupKey` is one of these, newest first; unreadable rows are left out (and quarantined on sync). */
  listByLookupKeys(lookupKeys: string[]): Promise<OutboxSummary[]>;
  /** A technician's decision: put a quarantined row back in the queue, due now. */
  requeue(id: string): Promise<boolean>;
  /** The quarantined rows with the reason each was set aside (no sealed data), for the technician to read first. */
  listQuarantined(): Promise<{ id: string; receiptNo: string | null; reason: string | null }[]>;
  /**
   * Drops the sealed payload of rows the hub accepted at or before `cutoff` (epoch ms), keeping what "my
   * applications" shows (ADR 0006). An accepted row with no acceptance time (accepted before this existed)
   * gets `now` as its acceptance time, so its retention starts now rather than never.
   */
  purgeAccepted(cutoff: number, now: number): Promise<{ purged: number; stamped: number }>;
}

export interface OutboxStoreOptions {
  /** Epoch ms (default Date.now); used for `createdAt`-independent bookkeeping and receipt sequences. */
  now?: () => number;
}

const unreadable = (raw: unknown, error: string): Record<string, unknown> => ({
  ...(typeof raw === 'object' && raw !== null ? raw : {}),
  status: 'quarantined',
  leaseUntil: null,
  lastError: `unreadable: ${error}`.slice(0, 500),
});

const keyOf = (raw: unknown): string | null => {
  const id = (raw as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id : null;
};

/**
 * Adds a queued row and moves the receipt-sequence high-water mark in one strict IndexedDB transaction, written
 * against IndexedDB itself: this is the one write a resident waits on, and Dexie's per-transaction machinery
 * (zones, wrapped promises) was most of what enqueue cost above a raw put (bench/sync-kiosk.ts). Resolves on
 * `complete`, which with strict durability comes after the flush; rejects with the DOMException that aborted it
 * (ConstraintError, QuotaExceededError, …), as Dexie would.
 */
async function addQueuedRow(db: KioskDb, row: OutboxRow, seq: number): Promise<void> {
  const idb = db.backendDB() ?? (await db.open()).backendDB();
  return new Promise((resolve, reject) => {
    const tx = idb.transaction([db.outbox.name, db.settings.name], 'readwrite', { durability: 'strict' });
    tx.objectStore(db.outbox.name).add(row);
    tx.objectStore(db.settings.name).put({ key: settingKeys.receiptSeq, value: seq } satisfies SettingRecord);
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error ?? new DOMException('the outbox write was aborted', 'AbortError'));
  });
}

export function createOutboxStore(db: KioskDb, options: OutboxStoreOptions = {}): DexieOutboxStore {
  return reopening(db, createDexieOutboxStore(db, options));
}

function createDexieOutboxStore(db: KioskDb, options: OutboxStoreOptions): DexieOutboxStore {
  const now = options.now ?? (() => Date.now());
  const rawOutbox = () => db.outbox as unknown as Dexie.Table<Record<string, unknown>, string>;
  /** The last sequence this store issued (null until the first enqueue reads it from the database). */
  let lastSeq: number | null = null;

  return {
    async enqueue(draft: OutboxDraft, receiptPrefix: string): Promise<string> {
      const parsed = outboxDraftSchema.safeParse(draft);
      if (!parsed.success) throw new OutboxError('invalid_draft', `outbox draft is invalid: ${describeRowIssues(parsed.error)}`);
      const rowFor = (seq: number): OutboxRow => ({
        ...parsed.data,
        receiptNo: formatReceiptNo(receiptPrefix, seq),
        status: 'queued',
        attempts: 0,
        nextAttemptAt: Date.parse(parsed.data.createdAt),
        lastError: null,
        caseNo: null,
        leaseUntil: null,
        strikes: 0,
        strikeReason: null,
      });
      // The first enqueue (and the retry after a collision, `thorough`) reads the last sequence through Dexie.
      const readingAttempt = (thorough: boolean) =>
        db.transaction('rw', db.outbox, db.settings, async () => {
          const seq = nextReceiptSeq(await readLastReceiptSeq(db, thorough), now());
          const row = rowFor(seq);
          await Promise.all([db.outbox.add(row), writeLastReceiptSeq(db, seq)]);
          return { receiptNo: row.receiptNo, seq };
        });
      // Later ones start from the last sequence this store issued, without a read. Another connection issuing
      // numbers meanwhile can only make ours collide on the unique receiptNo index; the transaction then aborts
      // and the reading retry takes everything into account.
      const fastAttempt = async () => {
        const seq = nextReceiptSeq(lastSeq, now());
        const row = rowFor(seq);
        await addQueuedRow(db, row, seq);
        return { receiptNo: row.receiptNo, seq };
      };
      try {
        let issued: { receiptNo: string; seq: number };
        try {
          issued = lastSeq === null ? await readingAttempt(false) : await fastAttempt();
        } catch (error) {
          if (!(error instanceof Error && error.name === 'ConstraintError')) throw error;
          if ((await db.outbox.get(parsed.data.id)) !== undefined) throw error; // the id, not the receipt number
          issued = await readingAttempt(true);
        }
        lastSeq = issued.seq;
        return issued.receiptNo;
      } catch (error) {
        lastSeq = null;
        throw classifyStoreError(error);
      }
    },

    async undoClockStepBack(at: number, limits: { maxDelayMs: number; leaseMs: number }): Promise<number> {
      return db.transaction('rw', db.outbox, async () => {
        // `sending` rows too: a lease released later must not leave its row waiting for the far future.
        let due = 0;
        for (const status of ['queued', 'sending'] as const) {
          due += await db.outbox
            .where('[status+nextAttemptAt]')
            .between([status, at + limits.maxDelayMs], [status, Dexie.maxKey], false, true)
            .modify({ nextAttemptAt: at });
        }
        const leases = await db.outbox
          .where('status')
          .equals('sending')
          .filter((row) => typeof row.leaseUntil === 'number' && row.leaseUntil > at + limits.leaseMs)
          .modify({ leaseUntil: at + limits.leaseMs });
        return due + leases;
      });
    },

    async releaseExpiredLeases(at: number): Promise<number> {
      // `sending` rows are at most a batch or two, so the status index and a filter are enough; a `sending`
      // row with no readable lease is released too rather than left stuck.
      return db.outbox
        .where('status')
        .equals('sending')
        .filter((row) => !(typeof row.leaseUntil === 'number' && row.leaseUntil > at))
        .modify({ status: 'queued', leaseUntil: null });
    },

    async claimDue(request: ClaimRequest): Promise<ClaimResult> {
      return db.transaction('rw', db.outbox, async () => {
        const candidates: unknown[] = await db.outbox
          .where('[status+nextAttemptAt]')
          .between(['queued', Dexie.minKey], ['queued', request.now], true, true)
          .limit(request.maxItems)
          .toArray();
        const claimed: OutboxRow[] = [];
        const quarantined: Record<string, unknown>[] = [];
        let bytes = 0;
        for (const raw of candidates) {
          const parsed = outboxRowSchema.safeParse(raw);
          if (!parsed.success) {
            if (keyOf(raw) !== null) quarantined.push(unreadable(raw, describeRowIssues(parsed.error)));
            continue;
          }
          const size = request.sizeOf(parsed.data);
          // An oversized row still goes alone, so the engine can quarantine it instead of it blocking the queue.
          if (claimed.length > 0 && bytes + size > request.maxBytes) break;
          bytes += size;
          claimed.push({ ...parsed.data, status: 'sending', attempts: parsed.data.attempts + 1, leaseUntil: request.now + request.leaseMs });
        }
        await db.outbox.bulkPut(claimed);
        await rawOutbox().bulkPut(quarantined);
        return { rows: claimed, quarantined: quarantined.map((row) => String(row.id)) };
      });
    },

    async settle(outcomes: RowOutcome[]): Promise<void> {
      if (outcomes.length === 0) return;
      await db.transaction('rw', db.outbox, async () => {
        const current = await rawOutbox().bulkGet(outcomes.map((o) => o.id));
        const updates: Record<string, unknown>[] = [];
        outcomes.forEach((outcome, i) => {
          const row = current[i];
          if (!row || row.status === 'accepted') return; // an accepted row is final
          if (outcome.status === 'accepted') {
            updates.push({ ...row, status: 'accepted', caseNo: outcome.caseNo, leaseUntil: null, lastError: null, acceptedAt: now() });
          } else if (row.status === 'sending') {
            // Only the pass that holds the row may settle it; a row released and re-claimed meanwhile is left alone.
            updates.push({ ...row, ...outcome, leaseUntil: null });
          }
        });
        await rawOutbox().bulkPut(updates);
      });
    },

    async quarantineUnreadable(): Promise<string[]> {
      return db.transaction('rw', db.outbox, async () => {
        const bad: Record<string, unknown>[] = [];
        await rawOutbox()
          .toCollection()
          .each((raw) => {
            if (raw.status === 'accepted' || raw.status === 'quarantined' || raw.status === 'rejected') return;
            const parsed = outboxRowSchema.safeParse(raw);
            if (!parsed.success && keyOf(raw) !== null) bad.push(unreadable(raw, describeRowIssues(parsed.error)));
          });
        await rawOutbox().bulkPut(bad);
        return bad.map((row) => String(row.id));
      });
    },

    async counts(): Promise<OutboxCounts> {
      const count = (status: OutboxStatus) => db.outbox.where('status').equals(status).count();
      const [queued, sending, quarantined, accepted] = await Promise.all([count('queued'), count('sending'), count('quarantined'), count('accepted')]);
      return { queued, sending, quarantined, accepted };
    },

    async nextWakeAt(): Promise<number | null> {
      const first = await db.outbox.where('[status+nextAttemptAt]').between(['queued', Dexie.minKey], ['queued', Dexie.maxKey]).first();
      let at = typeof first?.nextAttemptAt === 'number' ? first.nextAttemptAt : null;
      await db.outbox
        .where('status')
        .equals('sending')
        .each((row) => {
          const lease = typeof row.leaseUntil === 'number' ? row.leaseUntil : 0;
          at = at === null ? lease : Math.min(at, lease);
        });
      return at;
    },

    readSyncMeta: (): Promise<SyncMeta> => readSyncMeta(db),
    writeSyncMeta: (meta: SyncMeta): Promise<void> => writeSyncMeta(db, meta),

    async listByLookupKeys(lookupKeys: string[]): Promise<OutboxSummary[]> {
      const rows: unknown[] = await db.outbox.where('lookupKey').anyOf(lookupKeys).toArray();
      const summaries: OutboxSummary[] = [];
      for (const raw of rows) {
        const parsed = storedRowSchema.safeParse(raw);
        if (!parsed.success) continue;
        const { id, receiptNo, serviceId, handlingCity, createdAt, status, caseNo } = parsed.data;
        summaries.push({ id, receiptNo, serviceId, handlingCity, createdAt, status, caseNo });
      }
      return summaries.sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
    },

    async purgeAccepted(cutoff: number, at: number) {
      let purged = 0;
      let stamped = 0;
      await db.transaction('rw', db.outbox, () =>
        rawOutbox()
          .where('status')
          .equals('accepted')
          .modify((row) => {
            if (row.sealed === null) return;
            if (typeof row.acceptedAt !== 'number') {
              row.acceptedAt = at;
              stamped++;
            } else if (row.acceptedAt <= cutoff) {
              // Overwritten, not just flagged: the ciphertext leaves the row (and, at compaction, the disk).
              row.sealed = null;
              row.purgedAt = at;
              purged++;
            }
          }),
      );
      return { purged, stamped };
    },

    async listQuarantined() {
      // Raw rows: an unreadable one is quarantined precisely because it does not parse.
      const rows = (await db.outbox.where('status').equals('quarantined').toArray()) as unknown as Record<string, unknown>[];
      return rows.map((row) => ({
        id: String(row.id),
        receiptNo: typeof row.receiptNo === 'string' ? row.receiptNo : null,
        reason: typeof row.lastError === 'string' ? row.lastError : typeof row.strikeReason === 'string' ? row.strikeReason : null,
      }));
    },

    async requeue(id: string): Promise<boolean> {
      const changed = await db.outbox
        .where('id')
        .equals(id)
        .filter((row) => row.status === 'quarantined')
        .modify({ status: 'queued', nextAttemptAt: now(), strikes: 0, strikeReason: null, leaseUntil: null });
      return changed > 0;
    },
  };
}
