// Back-office operators (issue 13): a name, a password hash and the one city whose cases they work, and their
// sign-in sessions. A session is a random cookie stored only as its SHA-256, with the CSRF token the office's
// forms carry; it ends at logout, after `sessionTtlMs`, or when its operator is disabled.
import { randomBytes } from 'node:crypto';
import type { Queryable } from '../db/db';
import { isPasswordHash } from '../office/passwords';
import { hashToken, newReadableCode, newToken } from './tokens';

/** How long a sign-in lasts (8 hours: one working day; then sign in again). */
export const sessionTtlMs = 8 * 3600 * 1000;

export interface Operator {
  /** `OP-XXXX-XXXX`, not a secret: what the audit log and the case events name besides the name. */
  id: string;
  name: string;
  city: string;
}

export class OperatorError extends Error {
  constructor(
    readonly code: 'duplicate_name' | 'bad_hash',
    message: string,
  ) {
    super(message);
  }
}

/** Adds an operator of `city` with an already computed password hash (hub/office/passwords.ts). */
export async function addOperator(db: Queryable, input: { city: string; name: string; passwordHash: string; now: Date }): Promise<Operator> {
  if (!isPasswordHash(input.passwordHash)) throw new OperatorError('bad_hash', 'not a scrypt password hash');
  const id = `OP-${newReadableCode(2)}`;
  const inserted = await db.query(
    `INSERT INTO office_operators (id, name, city, password_hash, created_at) VALUES ($1, $2, $3, $4, $5::timestamptz)
     ON CONFLICT (name) DO NOTHING`,
    [id, input.name, input.city, input.passwordHash, input.now],
  );
  if (inserted.rowCount === 0) throw new OperatorError('duplicate_name', `an operator named ${input.name} exists already`);
  return { id, name: input.name, city: input.city };
}

/** The active operator with this name and their password hash, or null. */
export async function findOperatorForLogin(db: Queryable, name: string): Promise<(Operator & { passwordHash: string }) | null> {
  const found = await db.query<{ id: string; name: string; city: string; password_hash: string }>(
    'SELECT id, name, city, password_hash FROM office_operators WHERE name = $1 AND disabled_at IS NULL',
    [name],
  );
  const r = found.rows[0];
  return r ? { id: r.id, name: r.name, city: r.city, passwordHash: r.password_hash } : null;
}

/** Disables the active operator with this name (their sessions end with it); null when there is none. */
export async function disableOperator(db: Queryable, name: string, now: Date): Promise<Operator | null> {
  const done = await db.query<Operator>('UPDATE office_operators SET disabled_at = $2::timestamptz WHERE name = $1 AND disabled_at IS NULL RETURNING id, name, city', [name, now]);
  return done.rows[0] ?? null;
}

export interface OperatorSummary extends Operator {
  createdAt: string;
  disabled: boolean;
}

export async function listOperators(db: Queryable, city?: string): Promise<OperatorSummary[]> {
  const found = await db.query<{ id: string; name: string; city: string; created_at: Date; disabled_at: Date | null }>(
    'SELECT id, name, city, created_at, disabled_at FROM office_operators WHERE ($1::text IS NULL OR city = $1::text) ORDER BY city, name',
    [city ?? null],
  );
  return found.rows.map((r) => ({ id: r.id, name: r.name, city: r.city, createdAt: r.created_at.toISOString(), disabled: r.disabled_at !== null }));
}

export interface OfficeSession {
  operator: Operator;
  csrfToken: string;
  expiresAt: Date;
}

/** A new session: the cookie value (shown to the browser once, stored hashed) and its CSRF token. */
export async function createSession(db: Queryable, operator: Operator, now: Date): Promise<{ cookie: string; session: OfficeSession }> {
  const cookie = newToken();
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + sessionTtlMs);
  await db.query('INSERT INTO office_sessions (token_hash, operator_id, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4::timestamptz, $5::timestamptz)', [
    hashToken(cookie),
    operator.id,
    csrfToken,
    now,
    expiresAt,
  ]);
  return { cookie, session: { operator, csrfToken, expiresAt } };
}

/** The live session behind a cookie at `now`, or null (unknown, ended, expired, operator disabled). */
export async function readSession(db: Queryable, cookie: string, now: Date): Promise<OfficeSession | null> {
  const found = await db.query<{ id: string; name: string; city: string; csrf_token: string; expires_at: Date }>(
    `SELECT o.id, o.name, o.city, s.csrf_token, s.expires_at FROM office_sessions s JOIN office_operators o ON o.id = s.operator_id
      WHERE s.token_hash = $1 AND s.ended_at IS NULL AND s.expires_at > $2::timestamptz AND o.disabled_at IS NULL`,
    [hashToken(cookie), now],
  );
  const r = found.rows[0];
  return r ? { operator: { id: r.id, name: r.name, city: r.city }, csrfToken: r.csrf_token, expiresAt: r.expires_at } : null;
}

export async function endSession(db: Queryable, cookie: string, now: Date): Promise<void> {
  await db.query('UPDATE office_sessions SET ended_at = $2::timestamptz WHERE token_hash = $1 AND ended_at IS NULL', [hashToken(cookie), now]);
}
