// City operator tokens (收受分离): a handling city's back office reads its own queue and nothing else.
import type { CityQueueResponse } from '../../src/domain/hubApi';
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

interface QueueRow {
  seq: string;
  id: string;
  case_no: string;
  receipt_no: string;
  service_id: string;
  handling_city: string;
  received_division: string;
  kiosk_id: string;
  created_at: Date;
  received_at: Date;
  status: CityQueueResponse['items'][number]['status'];
}

/**
 * What arrived for `city` after the cursor `since` (an arrival sequence number; '0' = from the start), oldest
 * first. Metadata only: the personal part stays sealed and is opened by an authorised operator (`hub open`).
 */
export async function readCityQueue(db: Queryable, city: string, since: string, limit: number): Promise<CityQueueResponse> {
  const found = await db.query<QueueRow>(
    `SELECT seq::text, id::text, case_no, receipt_no, service_id, handling_city, received_division, kiosk_id, created_at, received_at, status
       FROM applications WHERE queue_city = $1 AND applications.seq > $2::bigint ORDER BY applications.seq LIMIT $3`,
    [city, since, limit],
  );
  const items = found.rows.map((r) => ({
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
  }));
  return { items, next: found.rows.at(-1)?.seq ?? since };
}
