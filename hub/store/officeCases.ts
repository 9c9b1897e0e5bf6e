// What the back office reads (issue 13): one city's cases with the filters of the queue page (status, service,
// where received), and one case with its events. Metadata only: the sealed part is read by findSealed and
// decrypted only in the office's case route, never here.
import { caseStatuses, type CaseStatus } from '../../src/domain/caseStatus';
import type { CityQueueItem } from '../../src/domain/hubApi';
import { isCountyLevelCity } from '../../src/domain/divisions';
import type { Queryable } from '../db/db';
import { toQueueItem, type CaseRow, type DeadlineOf } from './cases';

/** 'open': every case that still needs work (received, accepted, needsCorrection); 'all': every case. */
export const officeStatusFilters = ['open', 'all', ...caseStatuses] as const;
export type OfficeStatusFilter = (typeof officeStatusFilters)[number];

export interface OfficeQueueFilter {
  status: OfficeStatusFilter;
  serviceId?: string;
  /** A 1+8 city code: cases received at kiosks in that city. */
  receivedCity?: string;
}

export interface OfficeCase extends CityQueueItem {
  /** The city whose queue holds it: only its operators may see or move it. */
  queueCity: string;
}

/** A row of `applications` as the office reads it (the kiosk's cursors left out). */
type Row = Omit<CaseRow, 'seq' | 'last_event_seq'>;

const columns = `id::text, case_no, receipt_no, service_id, handling_city, queue_city, received_division, kiosk_id, created_at, received_at,
  updated_at, accepted_at, status, status_note`;

const toCase = (r: Row, deadlineOf: DeadlineOf): OfficeCase => ({ ...toQueueItem(r, deadlineOf), queueCity: r.queue_city });

/** `received_division LIKE` pattern for a city: its districts share the first four digits; 仙桃/潜江/天门 are their own. */
const receivedPattern = (city: string): string => (isCountyLevelCity(city) ? city : `${city.slice(0, 4)}%`);

/** The city's cases, oldest first (the order they are worked in), at most `limit`. */
export async function readOfficeQueue(db: Queryable, city: string, filter: OfficeQueueFilter, deadlineOf: DeadlineOf, limit = 200): Promise<OfficeCase[]> {
  const statuses: readonly CaseStatus[] =
    filter.status === 'all' ? caseStatuses : filter.status === 'open' ? ['received', 'accepted', 'needsCorrection'] : [filter.status];
  const found = await db.query<Row>(
    `SELECT ${columns} FROM applications
      WHERE queue_city = $1 AND status = ANY($2::text[]) AND ($3::text IS NULL OR service_id = $3::text)
        AND ($4::text IS NULL OR received_division LIKE $4::text)
      ORDER BY applications.seq LIMIT $5`,
    [city, statuses, filter.serviceId ?? null, filter.receivedCity ? receivedPattern(filter.receivedCity) : null, limit],
  );
  return found.rows.map((r) => toCase(r, deadlineOf));
}

/** The services the city has cases of (for the queue's filter). */
export async function readOfficeServices(db: Queryable, city: string): Promise<string[]> {
  const found = await db.query<{ service_id: string }>('SELECT DISTINCT service_id FROM applications WHERE queue_city = $1 ORDER BY service_id', [city]);
  return found.rows.map((r) => r.service_id);
}

/** One case by id, whatever its city (the caller decides who may see it), or null. */
export async function readOfficeCase(db: Queryable, id: string, deadlineOf: DeadlineOf): Promise<OfficeCase | null> {
  const found = await db.query<Row>(`SELECT ${columns} FROM applications WHERE id = $1::uuid`, [id]);
  const row = found.rows[0];
  return row ? toCase(row, deadlineOf) : null;
}
