// City operator tokens (收受分离): a handling city's back office works its own cases and nothing else (the queue
// and status changes: hub/store/cases.ts). A token expires (default 90 days: a lost one stops working by itself)
// and can be revoked by its id, which the operator is shown at creation; the token itself is shown once and
// stored only as its hash.
import type { Queryable } from '../db/db';
import { hashToken, newReadableCode, newToken } from './tokens';

/** How long a city token stays valid unless told otherwise (90 days). */
export const defaultCityTokenTtlMs = 90 * 24 * 3600 * 1000;

export interface CityToken {
  /** Names the token for revocation (`kioskctl hub city-token --revoke ID`); not a secret. */
  id: string;
  token: string;
  city: string;
  expiresAt: Date;
}

export async function createCityToken(db: Queryable, city: string, label: string, options: { ttlMs?: number; now?: number } = {}): Promise<CityToken> {
  const token = newToken();
  const id = `CT-${newReadableCode(2)}`;
  const expiresAt = new Date((options.now ?? Date.now()) + (options.ttlMs ?? defaultCityTokenTtlMs));
  await db.query('INSERT INTO city_operators (id, token_hash, city, label, expires_at) VALUES ($1, $2, $3, $4, $5)', [id, hashToken(token), city, label, expiresAt]);
  return { id, token, city, expiresAt };
}

/** Revokes a city token for good; false when no such active token. */
export async function revokeCityToken(db: Queryable, id: string): Promise<boolean> {
  const done = await db.query('UPDATE city_operators SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL', [id.toUpperCase()]);
  return done.rowCount > 0;
}

/** The city the token may read at `now` (epoch ms), or null for an unknown, revoked or expired token. */
export async function authenticateCityOperator(db: Queryable, token: string, now: number): Promise<string | null> {
  const found = await db.query<{ city: string }>('SELECT city FROM city_operators WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > $2', [
    hashToken(token),
    new Date(now),
  ]);
  return found.rows[0]?.city ?? null;
}
