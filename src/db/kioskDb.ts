// The kiosk's local store (DESIGN.md §4): Dexie 4 over IndexedDB. Runs in the renderer (and in Node tests over
// fake-indexeddb). Schema as a class with every version kept, in order: a shipped version is never edited;
// a change is a new version with an `.upgrade()` (tested from v1 in kioskDb.test.ts).
//
// Durability: every transaction is opened with `chromeTransactionDurability: 'strict'`, so Chromium reports
// a commit only after asking the OS to flush it. Chrome 121 made `relaxed` the default, which acknowledges
// writes that a power cut can still lose; a receipt handed to a resident must not be one of those.
import type { CaseStatus } from '../domain/caseStatus';
import type { Rating } from '../domain/rating';
import Dexie from 'dexie';
import type { Table } from 'dexie';
import type { OutboxRow } from '../sync/outboxRow';

export const defaultDbName = 'zhengwu-kiosk';

/** A cached signed catalog (issue: catalog), kept exactly as the hub signed it so it can be re-verified. */
export interface CatalogRecord {
  /** `current` (last verified) or `previous` (the one before, kept for a rollback). */
  slot: 'current' | 'previous';
  etag: string;
  /** The catalog JSON text as signed. */
  payload: string;
  signature: string;
  fetchedAt: string;
}

export interface SettingRecord {
  key: string;
  value: unknown;
}

/**
 * 好差评: one rating of one service, nothing personal. The level is stored by name (src/domain/rating) and
 * converted to the national codes only on export. No shipped version wrote this table before v2, so the
 * record shape could still change without a migration.
 */
export type RatingRecord = Rating & {
  createdAt: string;
  /**
   * 0 until the hub has it, 1 once it has (accepted or duplicate), 2 when the hub refused it (rejected,
   * conflict) or it could not be read back: kept, never deleted, for a technician. A number so it can be
   * indexed (the v1 `sent` index; no schema change).
   */
  sent: 0 | 1 | 2;
  /** When the hub took it (sent = 1). */
  sentAt?: string;
  /** Why it is flagged (sent = 2): the hub's status and reason, or `unreadable: …`. */
  syncError?: string;
};

/**
 * The last case status the hub told this kiosk for one of its applications (GET /v1/applications/changes), so
 * "我的办件" shows it offline. Nothing personal: the hub's note is written for the public status page too.
 */
export interface CaseStatusRecord {
  /** The application id (the outbox row's id). */
  id: string;
  receiptNo: string;
  caseNo: string;
  status: CaseStatus;
  note: string;
  /** 承诺办结 date (YYYY-MM-DD, China) or null. */
  deadline: string | null;
  /** When the hub changed it. */
  updatedAt: string;
}

export interface KioskDbOptions {
  /** Default: the page's `indexedDB`; tests pass fake-indexeddb's. */
  indexedDB?: IDBFactory;
  /** Default: the page's `IDBKeyRange`; must come from the same implementation as `indexedDB`. */
  IDBKeyRange?: typeof IDBKeyRange;
}

/** The version the code expects; `kioskDb.test.ts` proves every older one upgrades to it. */
export const currentDbVersion = 3;

export class KioskDb extends Dexie {
  declare outbox: Table<OutboxRow, string>;
  declare catalog: Table<CatalogRecord, string>;
  declare settings: Table<SettingRecord, string>;
  declare ratings: Table<RatingRecord, string>;
  declare caseStatus: Table<CaseStatusRecord, string>;

  constructor(name: string = defaultDbName, options: KioskDbOptions = {}) {
    super(name, {
      chromeTransactionDurability: 'strict',
      // Dexie 4's optimistic cache clones every written row for live queries; the outbox is written once per
      // resident and read by the sync engine directly, so the copy is pure cost on the enqueue path.
      // Live queries still work without it.
      cache: 'disabled',
      ...(options.indexedDB ? { indexedDB: options.indexedDB } : {}),
      ...(options.IDBKeyRange ? { IDBKeyRange: options.IDBKeyRange } : {}),
    });

    // v1 — the DESIGN.md §4 row: id (UUIDv7), receiptNo, serviceId, handlingCity, createdAt, status,
    // attempts, nextAttemptAt, lastError, sealed, lookupKey. `[status+nextAttemptAt]` is how due rows are
    // found without scanning a long backlog; `&receiptNo` makes a duplicate receipt number impossible.
    this.version(1).stores({
      outbox: 'id, &receiptNo, status, [status+nextAttemptAt], lookupKey, createdAt',
      catalog: 'slot',
      settings: 'key',
      ratings: 'id, serviceId, createdAt, sent',
    });

    // v2 — leases, case numbers and strikes: `caseNo` (the hub's answer), `leaseUntil` (when a `sending`
    // row goes back to the queue), `strikes`/`strikeReason` (K failures for one reason quarantine a row).
    // A row a v1 kiosk left `sending` gets an expired lease, so the first pass after the upgrade re-sends
    // it and the hub answers `duplicate` if it already had it.
    this.version(2)
      .stores({ outbox: 'id, &receiptNo, status, [status+nextAttemptAt], lookupKey, createdAt, caseNo' })
      .upgrade((tx) =>
        tx
          .table('outbox')
          .toCollection()
          .modify((row: Record<string, unknown>) => {
            row.caseNo ??= null;
            row.leaseUntil = row.status === 'sending' ? 0 : null;
            row.strikes ??= 0;
            row.strikeReason ??= null;
          }),
      );

    // v3 — the case life cycle (issue 13): the last known hub status of each application, keyed by its id.
    // A new table; nothing to convert (the kiosk learns statuses from the hub's change feed from cursor 0).
    this.version(3).stores({ caseStatus: 'id, receiptNo' });
  }

  /**
   * Opens the database again if the browser closed it and Dexie's own reopen failed. Chromium closes a
   * connection whose write hit a full disk; Dexie reopens on the next call, but if that open fails too (the
   * disk still full) Dexie answers DatabaseClosedError to every later call until open() is called again, so
   * without this the kiosk would store nothing more until the page is reloaded (tests/e2e/fullDisk.spec.ts).
   * A database closed on purpose (close()) stays closed. Rejects with the open's error.
   */
  async reopenIfLost(): Promise<void> {
    if (!this.isOpen() && !this.hasBeenClosed()) await this.open();
  }
}
