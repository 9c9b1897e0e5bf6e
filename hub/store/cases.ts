// The case life cycle in the database: status changes (each one an event, kept forever), the city queue with
// current status, the public status of a receipt, and the changes a kiosk fetches for its own applications.
import type { CaseStatus } from '../../src/domain/caseStatus';
import { canMoveCase } from '../../src/domain/caseStatus';
import type { CityQueueItem, CityQueueResponse } from '../../src/domain/hubApi';
import type { KioskCaseChanges } from '../../src/domain/caseApi';
import type { Db, Queryable } from '../db/db';
import { hashToken } from './tokens';

/** The label a city token was created with (`kioskctl hub city-token --label`): who acted, in the event. */
export async function cityOperatorLabel(db: Queryable, token: string): Promise<string> {
  const found = await db.query<{ label: string }>('SELECT label FROM city_operators WHERE token_hash = $1', [hashToken(token)]);
  return found.rows[0]?.label ?? 'unknown';
}

/** The id of the case with this id or case number, or null. */
export async function findCaseId(db: Queryable, idOrCaseNo: string): Promise<string | null> {
  const isId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(idOrCaseNo);
  const found = await db.query<{ id: string }>(`SELECT id::text FROM applications WHERE ${isId ? 'id = $1::uuid' : 'case_no = $1'}`, [isId ? idOrCaseNo.toLowerCase() : idOrCaseNo]);
  return found.rows[0]?.id ?? null;
}

/** The promised date of a case of `serviceId` accepted at `acceptedAt` (see hub/caseFacts.ts). */
export type DeadlineOf = (serviceId: string, acceptedAt: Date | null) => string | null;

interface CaseRow {
  seq: string;
  id: string;
  case_no: string;
  receipt_no: string;
  service_id: string;
  handling_city: string;
  queue_city: string;
  received_division: string;
  kiosk_id: string;
  created_at: Date;
  received_at: Date;
  updated_at: Date;
  accepted_at: Date | null;
  status: CaseStatus;
  status_note: string;
  last_event_seq: string | null;
}

// Output columns are cast to text (int8 cursors as strings); ORDER BY must name the table's column, or it
// would sort the text ('10' < '9').
const caseColumns = `seq::text, id::text, case_no, receipt_no, service_id, handling_city, queue_city, received_division, kiosk_id,
  created_at, received_at, updated_at, accepted_at, status, status_note, last_event_seq::text`;

/** A deadline only runs while the case is accepted (and is kept once completed); 补正 stops the clock. */
const deadlineFor = (r: Pick<CaseRow, 'status' | 'service_id' | 'accepted_at'>, deadlineOf: DeadlineOf): string | null =>
  r.status === 'accepted' || r.status === 'completed' ? deadlineOf(r.service_id, r.accepted_at) : null;

/** A case as the city API and the back office show it (the kiosk's cursors are not needed). */
export const toQueueItem = (r: Omit<CaseRow, 'seq' | 'last_event_seq'>, deadlineOf: DeadlineOf): CityQueueItem => ({
  id: r.id,
  caseNo: r.case_no,
  receiptNo: r.receipt_no,
  serviceId: r.service_id,
  handlingCity: r.handling_city,
  receivedDivision: r.received_division,
  kioskId: r.kiosk_id,
  createdAt: r.created_at.toISOString(),
  receivedAt: r.received_at.toISOString(),
  status: r.status,
  note: r.status_note,
  updatedAt: r.updated_at.toISOString(),
  acceptedAt: r.accepted_at?.toISOString() ?? null,
  deadline: deadlineFor(r, deadlineOf),
});

export interface QueueQuery {
  since: string;
  limit: number;
  status?: CaseStatus;
}

/**
 * What arrived for `city` after the cursor `since` (an arrival sequence number; '0' = from the start), oldest
 * first, optionally only cases now in `status`. Metadata only: the personal part stays sealed.
 */
export async function readCaseQueue(db: Queryable, city: string, query: QueueQuery, deadlineOf: DeadlineOf): Promise<CityQueueResponse> {
  const found = await db.query<CaseRow>(
    `SELECT ${caseColumns} FROM applications
      WHERE queue_city = $1 AND seq > $2::bigint AND ($3::text IS NULL OR status = $3::text) ORDER BY applications.seq LIMIT $4`,
    [city, query.since, query.status ?? null, query.limit],
  );
  return { items: found.rows.map((r) => toQueueItem(r, deadlineOf)), next: found.rows.at(-1)?.seq ?? query.since };
}

export interface CaseChange {
  applicationId: string;
  /** The city whose operator asks (only the handling city may move its cases); null: the hub's own operator (kioskctl), acting for the handling city. */
  city: string | null;
  /** Who, as written in the event: a city token's label, or the name given to kioskctl. */
  operator: string;
  status: CaseStatus;
  note: string;
  at: Date;
}

export type CaseChangeOutcome =
  | { kind: 'changed'; state: CityQueueItem }
  | { kind: 'notFound' }
  | { kind: 'otherCity' }
  | { kind: 'notAllowed'; from: CaseStatus };

const eventLockKey = 50_942_003; // arbitrary and constant: "one case event at a time", so event seqs commit in order

/**
 * Moves a case to `status` if the life cycle allows it, writing the event and the new current state in one
 * transaction. The row lock makes two operators acting on one case at once take turns: the second sees the
 * first's status and gets `notAllowed` instead of both succeeding. The advisory lock makes event numbers
 * become visible in order, so a kiosk past cursor N never misses a smaller one committed late.
 */
export async function changeCaseStatus(db: Db, change: CaseChange, deadlineOf: DeadlineOf): Promise<CaseChangeOutcome> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [eventLockKey]);
    const found = await tx.query<{ status: CaseStatus; queue_city: string }>('SELECT status, queue_city FROM applications WHERE id = $1::uuid FOR UPDATE', [change.applicationId]);
    const current = found.rows[0];
    if (!current) return { kind: 'notFound' };
    if (change.city !== null && current.queue_city !== change.city) return { kind: 'otherCity' };
    if (!canMoveCase(current.status, change.status)) return { kind: 'notAllowed', from: current.status };
    const event = await tx.query<{ seq: string }>(
      `INSERT INTO case_events (application_id, from_status, status, at, city, operator, note)
       VALUES ($1::uuid, $2::text, $3::text, $4::timestamptz, $5::text, $6::text, $7::text) RETURNING seq::text`,
      [change.applicationId, current.status, change.status, change.at, current.queue_city, change.operator, change.note],
    );
    const updated = await tx.query<CaseRow>(
      `UPDATE applications SET status = $2::text, status_note = $3::text, updated_at = $4::timestamptz, last_event_seq = $5::bigint,
         accepted_at = CASE WHEN $2::text = 'accepted' THEN $4::timestamptz ELSE accepted_at END
       WHERE id = $1::uuid RETURNING ${caseColumns}`,
      [change.applicationId, change.status, change.note, change.at, event.rows[0]?.seq ?? null],
    );
    const row = updated.rows[0];
    if (!row) throw new Error('case vanished inside its own transaction');
    return { kind: 'changed', state: toQueueItem(row, deadlineOf) };
  });
}

export interface StoredCaseEvent {
  status: CaseStatus;
  from: CaseStatus;
  at: string;
  city: string;
  operator: string;
  note: string;
}

/** Every status change of a case, oldest first. */
export async function readCaseEvents(db: Queryable, applicationId: string): Promise<StoredCaseEvent[]> {
  const found = await db.query<{ status: CaseStatus; from_status: CaseStatus; at: Date; city: string; operator: string; note: string }>(
    'SELECT status, from_status, at, city, operator, note FROM case_events WHERE application_id = $1::uuid ORDER BY seq',
    [applicationId],
  );
  return found.rows.map((r) => ({ status: r.status, from: r.from_status, at: r.at.toISOString(), city: r.city, operator: r.operator, note: r.note }));
}

/** The current state of the case with this receipt number (any kiosk); the newest when two kiosks share a site code. */
export async function findCaseByReceipt(db: Queryable, receiptNo: string): Promise<CaseRow | null> {
  const found = await db.query<CaseRow>(`SELECT ${caseColumns} FROM applications WHERE receipt_no = $1 ORDER BY received_at DESC LIMIT 1`, [receiptNo]);
  return found.rows[0] ?? null;
}
export type { CaseRow };

/** This kiosk's applications whose status changed after event cursor `since`, in the order they changed. */
export async function readKioskChanges(db: Queryable, kioskId: string, since: string, limit: number, deadlineOf: DeadlineOf): Promise<KioskCaseChanges> {
  const found = await db.query<CaseRow>(
    `SELECT ${caseColumns} FROM applications WHERE kiosk_id = $1 AND last_event_seq > $2::bigint ORDER BY applications.last_event_seq LIMIT $3`,
    [kioskId, since, limit],
  );
  return {
    items: found.rows.map((r) => ({
      id: r.id,
      receiptNo: r.receipt_no,
      caseNo: r.case_no,
      status: r.status,
      note: r.status_note,
      updatedAt: r.updated_at.toISOString(),
      deadline: deadlineFor(r, deadlineOf),
    })),
    next: found.rows.at(-1)?.last_event_seq ?? since,
  };
}
