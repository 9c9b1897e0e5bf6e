// City operator tokens (收受分离): a handling city's back office works its own cases and nothing else
// (the queue and status changes: hub/store/cases.ts).
import type { Queryable } from '../db/db';
import { hashToken, newToken } from './tokens';

export async function createCityToken(db: Queryable, city: string, label: string): Promise<string> {
  const token = newToken();
  await db.query('INSERT INTO city_operators (token_hash, city, label) VALUES ($1, $2, $3)', [hashToken(token), city, label]);
  return token;
}

/** The city the token may read, or null for an unknown or revoked token. */
export async function authenticateCityOperator(db: Queryable, token: string): Promise<string | null> {
  const found = await db.query<{ city: string }>('SELECT city FROM city_operators WHERE token_hash = $1 AND revoked_at IS NULL', [hashToken(token)]);
  return found.rows[0]?.city ?? null;
}
