// The back office's audit log (issue 13): who opened which case's sealed part and when, plus sign-ins (good
// and failed), sign-outs, refusals (a case of another city) and status changes. Append-only in the database
// (migration 7's trigger). Nothing personal of a resident is ever written here: a case is named by its id and
// case number; `detail` holds only words the hub chose (a status, a reason code).
import type { Queryable } from '../db/db';

export const auditActions = ['operatorAdded', 'operatorDisabled', 'login', 'loginFailed', 'logout', 'open', 'refused', 'statusChanged'] as const;
export type AuditAction = (typeof auditActions)[number];

export interface AuditEntry {
  at: Date;
  action: AuditAction;
  /** The operator's id, when the name belongs to one. */
  operatorId: string | null;
  /** Who: the operator's name ('' for a failed sign-in under a name that is no operator's). */
  operatorName: string;
  /** The operator's city ('' when unknown). */
  city: string;
  applicationId?: string | null;
  caseNo?: string | null;
  detail?: string;
}

export interface AuditRecord extends Omit<AuditEntry, 'at'> {
  seq: string;
  at: string;
  applicationId: string | null;
  caseNo: string | null;
  detail: string;
}

export async function writeAudit(db: Queryable, entry: AuditEntry): Promise<void> {
  await db.query(
    `INSERT INTO office_audit (at, action, operator_id, operator_name, city, application_id, case_no, detail)
     VALUES ($1::timestamptz, $2, $3, $4, $5, $6::uuid, $7, $8)`,
    [entry.at, entry.action, entry.operatorId, entry.operatorName, entry.city, entry.applicationId ?? null, entry.caseNo ?? null, entry.detail ?? ''],
  );
}

/** The log, oldest first, optionally of one city, after cursor `since` ('0': from the start). */
export async function readAudit(db: Queryable, query: { city?: string; since?: string; limit?: number } = {}): Promise<AuditRecord[]> {
  const found = await db.query<{ seq: string; at: Date; action: AuditAction; operator_id: string | null; operator_name: string; city: string; application_id: string | null; case_no: string | null; detail: string }>(
    `SELECT seq::text, at, action, operator_id, operator_name, city, application_id::text, case_no, detail FROM office_audit
      WHERE ($1::text IS NULL OR city = $1::text) AND seq > $2::bigint ORDER BY office_audit.seq LIMIT $3`,
    [query.city ?? null, query.since ?? '0', query.limit ?? 10_000],
  );
  return found.rows.map((r) => ({
    seq: r.seq,
    at: r.at.toISOString(),
    action: r.action,
    operatorId: r.operator_id,
    operatorName: r.operator_name,
    city: r.city,
    applicationId: r.application_id,
    caseNo: r.case_no,
    detail: r.detail,
  }));
}
