// 好差评 intake. Idempotent on the rating id like applications: a content hash tells a retry (same content
// again → 'duplicate', stored once) from a clash (same id, other content → 'conflict', never overwritten).
// The whole batch is one INSERT statement, hence one transaction.
import { createHash } from 'node:crypto';
import type { RatingItemResult } from '../../src/domain/hubApi';
import { toNationalExport, type Rating } from '../../src/domain/rating';
import type { Queryable } from '../db/db';

/** Everything the kiosk sent, in a fixed order, bound to the kiosk that sent it. */
export function ratingContentHash(kioskId: string, rating: Rating): string {
  const fields = [
    kioskId, rating.id.toLowerCase(), rating.applicationId?.toLowerCase() ?? null, rating.receiptNo, rating.serviceId, rating.level,
    rating.reasons, rating.comment, rating.channel, rating.assessNumber, rating.ratedAt, rating.division,
  ];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

// Placeholder casts, so both engines know each parameter's type (PGlite serialises by the inferred type).
const casts = ['uuid', 'text', 'uuid', 'text', 'text', 'text', 'jsonb', 'text', 'int2', 'int2', 'timestamptz', 'text', 'jsonb', 'text'];

/** Stores the valid ratings of one batch (each id once) and answers each, keyed by lower-case id. */
export async function storeRatings(db: Queryable, kioskId: string, ratings: readonly Rating[]): Promise<Map<string, RatingItemResult>> {
  const results = new Map<string, RatingItemResult>();
  const firsts = new Map<string, { rating: Rating; hash: string }>();
  for (const rating of ratings) {
    const key = rating.id.toLowerCase();
    if (!firsts.has(key)) firsts.set(key, { rating, hash: ratingContentHash(kioskId, rating) });
  }
  if (firsts.size === 0) return results;
  const values: string[] = [];
  const params: (string | number | Date | null)[] = [];
  for (const [key, { rating, hash }] of firsts) {
    const row = [key, kioskId, rating.applicationId?.toLowerCase() ?? null, rating.receiptNo, rating.serviceId, rating.level, JSON.stringify(rating.reasons),
      rating.comment, rating.channel, rating.assessNumber, new Date(rating.ratedAt), rating.division, JSON.stringify(toNationalExport(rating)), hash];
    // jsonb arrives as text and is cast, so neither driver guesses how to serialise an array or object.
    values.push(`(${row.map((value, c) => `$${params.push(value)}::${casts[c] === 'jsonb' ? 'text::jsonb' : casts[c]}`).join(', ')})`);
  }
  const inserted = await db.query<{ id: string }>(
    `INSERT INTO ratings (id, kiosk_id, application_id, receipt_no, service_id, level, reasons, comment, channel, assess_number,
       rated_at, division, national, content_hash)
     VALUES ${values.join(', ')}
     ON CONFLICT (id) DO NOTHING RETURNING id::text`,
    params,
  );
  for (const row of inserted.rows) results.set(row.id, { id: firsts.get(row.id)?.rating.id ?? row.id, status: 'accepted' });
  const missing = [...firsts.keys()].filter((id) => !results.has(id));
  if (missing.length === 0) return results;
  // Skipped rows met committed ones (ON CONFLICT waits for a concurrent insert to finish): a plain read sees them.
  const existing = await db.query<{ id: string; content_hash: string }>('SELECT id::text, content_hash FROM ratings WHERE id = ANY($1::uuid[])', [missing]);
  const hashOf = new Map(existing.rows.map((r) => [r.id, r.content_hash]));
  for (const key of missing) {
    const first = firsts.get(key);
    if (!first) continue;
    const id = first.rating.id;
    const stored = hashOf.get(key);
    // Only the primary key can conflict, so a skipped row always has a stored twin; if it vanished (a delete
    // in between), fail the request: a 500 makes the kiosk send the batch again, never drop the rating.
    if (stored === undefined) throw new Error('a skipped rating has no stored twin');
    if (stored === first.hash) results.set(key, { id, status: 'duplicate' });
    else results.set(key, { id, status: 'conflict', reason: 'a rating with this id was already received with different content' });
  }
  return results;
}

export interface StoredRating {
  id: string;
  kioskId: string;
  level: Rating['level'];
  national: ReturnType<typeof toNationalExport>;
  receivedAt: string;
}

/** Ratings in arrival order (oldest first), for operators and the national export. */
export async function listRatings(db: Queryable, options: { kioskId?: string; limit?: number } = {}): Promise<StoredRating[]> {
  const found = await db.query<{ id: string; kiosk_id: string; level: Rating['level']; national: StoredRating['national']; received_at: Date }>(
    `SELECT id::text, kiosk_id, level, national, received_at FROM ratings
      WHERE ($1::text IS NULL OR kiosk_id = $1) ORDER BY received_at, id LIMIT $2`,
    [options.kioskId ?? null, options.limit ?? 1000],
  );
  return found.rows.map((r) => ({ id: r.id, kioskId: r.kiosk_id, level: r.level, national: r.national, receivedAt: r.received_at.toISOString() }));
}
