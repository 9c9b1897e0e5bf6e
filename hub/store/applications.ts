// Application intake and reads. Idempotency lives here: the application id is the key, a content hash tells
// a retry (same bytes again → 'duplicate', stored once) from a clash (same id, other bytes → 'conflict',
// never overwritten). A batch is one transaction: either every accepted row of it is stored, or none is.
import { createHash } from 'node:crypto';
import { chinaDate } from '../../src/domain/clock';
import { cityOfDivision, type ApplicationStatus, type ItemResult, type OutboundApplication } from '../../src/domain/hubApi';
import type { Queryable, SqlParam } from '../db/db';
import type { AuthenticatedKiosk } from './kiosks';

/** Everything the kiosk sent, bound to the kiosk that sent it. */
export function contentHash(kioskId: string, item: OutboundApplication): string {
  // The key id joins only when present, so a retry from a kiosk before rotation still hashes as it did.
  const fields = [kioskId, item.id.toLowerCase(), item.receiptNo, item.serviceId, item.handlingCity, item.createdAt, item.sealed.suite, item.sealed.enc, item.sealed.ct, ...(item.sealed.kid ? [item.sealed.kid] : [])];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

/** The hub's calendar day in China Standard Time (UTC+8 all year, no daylight saving), as YYMMDD. */
const chinaDay = (now: Date): string => chinaDate(now).slice(2).replace(/-/g, '');

/**
 * Case numbers read "420100-261122-000042": handling city, day received (China time), then a hub-wide sequence
 * of at least six digits (never reused; gaps from failed batches are fine). Built in SQL by storeApplications;
 * this is the same format for tools and benchmarks.
 */
export const formatCaseNo = (city: string, now: Date, n: string): string => `${city}-${chinaDay(now)}-${n.padStart(6, '0')}`;

/**
 * Intake locks are taken per handling city: `pg_advisory_xact_lock(intakeLockKey, hashtext(queue_city))`. A
 * batch for Wuhan never waits for one for Xiaogan; two cities whose hashes collide only share a lock.
 */
export const intakeLockKey = 50_942_002; // arbitrary and constant: "one batch per city at a time"
/**
 * The intake's statement for `rows` applications, made once per row count: a drain repeats the 100-row one, and
 * one text is one prepared statement. Parameters: $1 the lock key, $2 the China day, $3 the queue cities, $4 the
 * kiosk, $5 the division it stands in, then ten per row. Each placeholder has its cast, so both engines know its
 * type (PGlite serialises by the inferred type).
 *
 * The advisory locks make batches for the same city take turns, so within a city arrival numbers (seq) become
 * visible in order and a city queue reader past number N never misses a smaller one committed late (numbers of
 * other cities may interleave; no reader reads across cities). Every inserted row comes out of the join with
 * `locked`, so the locks are held before the first seq is drawn; they are taken in the cities' sorted order, so
 * two batches that share cities cannot deadlock. ON CONFLICT DO NOTHING (no target) also covers a receipt number
 * this kiosk already used for another id.
 */
function makeIntakeStatement(rows: number): string {
  const casts = ['uuid', 'text', 'text', 'text', 'text', 'timestamptz', 'text', 'bytea', 'bytea', 'text'];
  const values = Array.from({ length: rows }, (_, r) => `(${casts.map((cast, c) => `$${6 + r * casts.length + c}::${cast}`).join(', ')})`);
  return `WITH locked AS MATERIALIZED (
       SELECT count(*) AS held FROM (
         SELECT pg_advisory_xact_lock($1::integer, hashtext(city)) FROM (SELECT DISTINCT unnest($3::text[]) AS city ORDER BY city) cities) l),
     input AS (
       SELECT v.*, nextval('case_no_seq') AS n FROM (VALUES ${values.join(', ')})
         AS v (id, receipt_no, service_id, handling_city, queue_city, created_at, content_hash, sealed_enc, sealed_ct, sealed_kid))
     INSERT INTO applications (id, kiosk_id, receipt_no, service_id, handling_city, queue_city, received_division,
       created_at, case_no, content_hash, sealed_enc, sealed_ct, sealed_kid)
     SELECT i.id, $4::text, i.receipt_no, i.service_id, i.handling_city, i.queue_city, $5::text, i.created_at,
       i.queue_city || '-' || $2::text || '-' || lpad(i.n::text, greatest(6, length(i.n::text)), '0'),
       i.content_hash, i.sealed_enc, i.sealed_ct, i.sealed_kid
     FROM input i CROSS JOIN locked
     ON CONFLICT DO NOTHING RETURNING id::text, case_no`;
}

const intakeStatements = new Map<number, string>(); // at most one per batch size (1 to hubLimits.maxBatchItems)

function intakeStatement(rows: number): string {
  let sql = intakeStatements.get(rows);
  if (!sql) intakeStatements.set(rows, (sql = makeIntakeStatement(rows)));
  return sql;
}

/**
 * Stores the valid items of one batch, already checked against the catalog and the circle, received at
 * `receivedAt` (its China day goes into the case numbers), and answers each.
 * The insert is ONE statement, hence one transaction: it stores every new row of the batch or, when it fails
 * (crash, lost connection, a constraint), none, and the kiosk retries the batch whole. It also costs one round
 * trip instead of BEGIN, lock, INSERT, COMMIT. It is prepared: parsing and planning its 1,100 parameters took
 * longer than running it (bench/sync-hub.ts).
 */
export async function storeApplications(db: Queryable, kiosk: AuthenticatedKiosk, items: readonly OutboundApplication[], receivedAt: Date): Promise<Map<string, ItemResult>> {
  const results = new Map<string, ItemResult>();
  if (items.length === 0) return results;
  // The same id twice in one batch is stored once; the caller answers the repeat from the first's answer.
  const firsts = new Map<string, { item: OutboundApplication; hash: string }>();
  for (const item of items) {
    const key = item.id.toLowerCase();
    if (!firsts.has(key)) firsts.set(key, { item, hash: contentHash(kiosk.kioskId, item) });
  }
  const cities = [...new Set([...firsts.values()].map(({ item }) => cityOfDivision(item.handlingCity)))];
  const params: SqlParam[] = [intakeLockKey, chinaDay(receivedAt), cities, kiosk.kioskId, kiosk.siteCode.slice(0, 6)];
  for (const [id, { item, hash }] of firsts) {
    params.push(id, item.receiptNo, item.serviceId, item.handlingCity, cityOfDivision(item.handlingCity), new Date(item.createdAt), hash,
      Buffer.from(item.sealed.enc, 'base64'), Buffer.from(item.sealed.ct, 'base64'), item.sealed.kid ?? null);
  }
  const inserted = await db.query<{ id: string; case_no: string }>(intakeStatement(firsts.size), params, { prepare: true });
  for (const row of inserted.rows) results.set(row.id, { id: firsts.get(row.id)?.item.id ?? row.id, status: 'accepted', caseNo: row.case_no });
  const missing = [...firsts.keys()].filter((id) => !results.has(id));
  if (missing.length === 0) return results;
  // Skipped rows conflicted with committed ones (ON CONFLICT waits for a concurrent insert to finish), so a
  // plain read now sees them.
  const existing = await db.query<{ id: string; content_hash: string; case_no: string }>(
    'SELECT id::text, content_hash, case_no FROM applications WHERE id = ANY($1::uuid[])',
    [missing],
  );
  const byId = new Map(existing.rows.map((r) => [r.id, r]));
  for (const key of missing) {
    const first = firsts.get(key);
    if (!first) continue;
    const row = byId.get(key);
    const id = first.item.id;
    if (!row) results.set(key, { id, status: 'rejected', reason: 'receipt number already used by another application from this kiosk' });
    else if (row.content_hash === first.hash) results.set(key, { id, status: 'duplicate', caseNo: row.case_no });
    else results.set(key, { id, status: 'conflict', reason: 'an application with this id was already received with different content' });
  }
  return results;
}

/** The answer for an item repeated within its batch, given the answer for its first occurrence. */
export function answerRepeat(kioskId: string, first: OutboundApplication, firstResult: ItemResult, repeat: OutboundApplication): ItemResult {
  if (contentHash(kioskId, first) !== contentHash(kioskId, repeat)) {
    return { id: repeat.id, status: 'conflict', reason: 'the same id appears twice in this batch with different content' };
  }
  if (firstResult.status === 'accepted' || firstResult.status === 'duplicate') return { id: repeat.id, status: 'duplicate', caseNo: firstResult.caseNo };
  return { ...firstResult, id: repeat.id };
}

interface StatusRow {
  id: string;
  receipt_no: string;
  case_no: string;
  service_id: string;
  handling_city: string;
  status: ApplicationStatus['status'];
  received_at: Date;
  updated_at: Date;
}

const toStatus = (r: StatusRow): ApplicationStatus => ({
  id: r.id,
  receiptNo: r.receipt_no,
  caseNo: r.case_no,
  serviceId: r.service_id,
  handlingCity: r.handling_city,
  status: r.status,
  receivedAt: r.received_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

const statusColumns = 'id::text, receipt_no, case_no, service_id, handling_city, status, received_at, updated_at';

/** Status of an application, only for the kiosk that sent it (anyone else gets null, as if it did not exist). */
export async function findApplication(db: Queryable, kioskId: string, by: { id: string } | { receiptNo: string }): Promise<ApplicationStatus | null> {
  const found =
    'id' in by
      ? await db.query<StatusRow>(`SELECT ${statusColumns} FROM applications WHERE id = $1 AND kiosk_id = $2`, [by.id.toLowerCase(), kioskId])
      : await db.query<StatusRow>(`SELECT ${statusColumns} FROM applications WHERE receipt_no = $1 AND kiosk_id = $2`, [by.receiptNo, kioskId]);
  const row = found.rows[0];
  return row ? toStatus(row) : null;
}

export interface StoredSealed {
  id: string;
  kioskId: string;
  serviceId: string;
  caseNo: string;
  enc: string;
  ct: string;
  /** The sealing key's id, or null for a kiosk from before rotation. */
  kid: string | null;
}

/** The sealed payload and what its associated data binds, for the operator's `hub open`. */
export async function findSealed(db: Queryable, idOrCaseNo: string): Promise<StoredSealed | null> {
  const isId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(idOrCaseNo);
  const found = await db.query<{ id: string; kiosk_id: string; service_id: string; case_no: string; sealed_enc: Uint8Array; sealed_ct: Uint8Array; sealed_kid: string | null }>(
    `SELECT id::text, kiosk_id, service_id, case_no, sealed_enc, sealed_ct, sealed_kid FROM applications WHERE ${isId ? 'id = $1::uuid' : 'case_no = $1'}`,
    [isId ? idOrCaseNo.toLowerCase() : idOrCaseNo],
  );
  const r = found.rows[0];
  if (!r) return null;
  return { id: r.id, kioskId: r.kiosk_id, serviceId: r.service_id, caseNo: r.case_no, enc: Buffer.from(r.sealed_enc).toString('base64'), ct: Buffer.from(r.sealed_ct).toString('base64'), kid: r.sealed_kid };
}
