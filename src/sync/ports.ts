// The sync engine's view of the world, as small ports: the outbox store (src/db implements it over Dexie),
// the link to the hub (the renderer implements it over the bridge; tests over HTTP), and time. The engine
// never imports a database, a transport or a global clock, so every fault can be driven from a test.
import type { BatchRequest, BatchResponse } from '../domain/hubApi';
import type { Result } from '../bridge/result';
import type { OutboxDraft, OutboxRow } from './outboxRow';

export interface ClaimRequest {
  now: number;
  /** A claimed row stays `sending` until `now + leaseMs`, then any pass may take it back. */
  leaseMs: number;
  maxItems: number;
  maxBytes: number;
  /** Wire size of a row once sent; the store stops claiming before the batch would exceed `maxBytes`. */
  sizeOf(row: OutboxRow): number;
}

export interface ClaimResult {
  /** Claimed rows, oldest due first, now `sending` with `attempts` already counted. */
  rows: OutboxRow[];
  /** Rows found unreadable on the way and quarantined in the same transaction (keys only). */
  quarantined: string[];
}

/** How a claimed row ends a pass. Applied only to rows still `sending`; an accepted row is never downgraded. */
export type RowOutcome =
  | { id: string; status: 'accepted'; caseNo: string }
  | { id: string; status: 'queued'; nextAttemptAt: number; lastError: string | null; strikes: number; strikeReason: string | null }
  | { id: string; status: 'quarantined'; lastError: string };

export interface OutboxCounts {
  queued: number;
  sending: number;
  quarantined: number;
  accepted: number;
}

export interface SyncMeta {
  /** ISO time of the last batch the hub answered, null before the first. */
  lastSuccessAt: string | null;
}

export interface OutboxStore {
  /** Adds one row in a strict-durability transaction; resolves with its receipt number after the commit. */
  enqueue(draft: OutboxDraft, receiptPrefix: string): Promise<string>;
  /**
   * Undoes what a wall clock stepped back between two runs left behind (times are kept in the frame of the clock
   * that wrote them): a queued or sending row due more than `maxDelayMs` after `now` is due now, and a lease ending more
   * than `leaseMs` after `now` ends at `now + leaseMs`. No pass sets times that far ahead. Resolves with the count.
   */
  undoClockStepBack(now: number, limits: { maxDelayMs: number; leaseMs: number }): Promise<number>;
  /** Returns rows left `sending` past their lease (a crash, a reload) to `queued`; resolves with the count. */
  releaseExpiredLeases(now: number): Promise<number>;
  /** Claims due `queued` rows in one transaction; unreadable rows met on the way are quarantined, not skipped. */
  claimDue(request: ClaimRequest): Promise<ClaimResult>;
  /** Applies the outcomes of one pass in one transaction. */
  settle(outcomes: RowOutcome[]): Promise<void>;
  /** Scans every row not yet accepted and quarantines the unreadable ones (keys only are returned). */
  quarantineUnreadable(): Promise<string[]>;
  counts(): Promise<OutboxCounts>;
  /** The earliest moment something becomes due: a queued row's `nextAttemptAt` or a lease's end; null if none. */
  nextWakeAt(): Promise<number | null>;
  readSyncMeta(): Promise<SyncMeta>;
  writeSyncMeta(meta: SyncMeta): Promise<void>;
}

/** The engine's only way to the hub; over the bridge in the renderer (`hub.sendBatch`). */
export interface HubLink {
  sendBatch(request: BatchRequest): Promise<Result<BatchResponse>>;
}

/**
 * Time and timers, injectable so tests drive backoff and leases without waiting. The sync loops get a monotonic
 * one by default (monotonicClock.ts): `now()` schedules, `wallNow()` (when given) stamps the times people read.
 */
export interface Clock {
  now(): number;
  /** Wall time for the times shown or reported (last success, last error); default `now()`. */
  wallNow?(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  // `as never`: the handle's type differs between the run-anywhere globals and DOM's; it is only passed back.
  clearTimeout: (handle) => clearTimeout(handle as never),
};
