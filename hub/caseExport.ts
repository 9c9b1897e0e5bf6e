// `kioskctl hub export`: one city's cases with their events, and the 好差评 ratings of its cases, page by page.
// Field names follow GB/T 39046—2020 (办事申请/受理/办结 data sets, Chinese data element names) where the
// standard has one, the national 好差评 interface (toNationalExport) for ratings, and the hub's own English
// names otherwise (ADR 0018). Nothing personal: the sealed part is never read; what is exported is what the
// city queue and the public status page already show, plus who acted (the operator, 受理人员).
import { z } from 'zod';
import { caseStatusLabel, type CaseStatus } from '../src/domain/caseStatus';
import type { NationalRatingExport, RatingReason } from '../src/domain/rating';
import type { CaseFacts } from './caseFacts';
import type { Queryable } from './db/db';
import type { CaseRow } from './store/cases';

const chinaOffsetMs = 8 * 3600_000;

/** The instant in China time with its offset, e.g. 2026-09-30T12:00:00+08:00 (China keeps UTC+8 all year). */
export const chinaOffsetIso = (instant: Date): string => `${new Date(instant.getTime() + chinaOffsetMs).toISOString().slice(0, 19)}+08:00`;

export const exportKinds = ['cases', 'ratings'] as const;
export type ExportKind = (typeof exportKinds)[number];

export const exportQuerySchema = z.object({
  city: z.string().regex(/^\d{6}$/),
  /** Cases received or changed at or after this instant; ratings given at or after it. */
  since: z.iso.datetime({ offset: true }),
  /** The `next` of the previous page ('' = from the start). */
  after: z.string().max(64).default(''),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});
export type ExportQuery = z.input<typeof exportQuerySchema>;

export interface ExportPage<T> {
  records: T[];
  /** Pass as `after` for the next page; null: this was the last one. */
  next: string | null;
}

export interface CaseEventRecord {
  status: CaseStatus;
  statusLabel: string;
  fromStatus: CaseStatus | null;
  at: string;
  city: string;
  /** 受理人员 / who acted: a city token's label or `kioskctl: NAME`; empty for the receipt itself. */
  operator: string;
  note: string;
}

export interface CaseRecord {
  办件编号: string;
  receiptNo: string;
  事项名称: string | null;
  实施编码: string | null;
  基本编码: string | null;
  serviceId: string;
  申请时间: string;
  receivedAt: string;
  receivedDivision: string;
  handlingCity: string;
  受理时间: string | null;
  承诺办结时间: string | null;
  办结时间: string | null;
  status: CaseStatus;
  statusLabel: string;
  note: string;
  /** The receipt first (status received), then every status change, oldest first. */
  events: CaseEventRecord[];
}

export type RatingRecord = { ratingId: string; caseNo: string | null; serviceId: string; taskCode: string | null; taskName: string | null } & NationalRatingExport;

/** What an export needs to know about the catalogue: names and deadlines (CaseFacts) and the national codes. */
export interface ExportFacts {
  facts: CaseFacts;
  codes(serviceId: string): { implement: string | null; basic: string | null };
}

export function readExportCodes(payloadText: string): ExportFacts['codes'] {
  const codeSchema = z.object({ codes: z.object({ implement: z.string().nullable().default(null), basic: z.string().nullable().default(null) }) });
  const byId = new Map<string, { implement: string | null; basic: string | null }>();
  const payload = JSON.parse(payloadText) as { items?: { id?: unknown }[] };
  for (const item of payload.items ?? []) {
    const parsed = codeSchema.safeParse(item);
    if (parsed.success && typeof item.id === 'string') byId.set(item.id, parsed.data.codes);
  }
  return (serviceId) => byId.get(serviceId) ?? { implement: null, basic: null };
}

/** A row of `applications` as the export reads it (no kiosk id: the export says where, not which kiosk). */
type ExportCaseRow = Omit<CaseRow, 'kiosk_id' | 'updated_at' | 'last_event_seq'>;

const zh = (status: CaseStatus): string => caseStatusLabel(status, 'zh-CN');

/** Cases of `city` received or changed since `since`, in arrival order, with all their events. */
export async function exportCases(db: Queryable, about: ExportFacts, input: ExportQuery): Promise<ExportPage<CaseRecord>> {
  const query = exportQuerySchema.parse(input);
  const found = await db.query<ExportCaseRow>(
    `SELECT seq::text, id::text, case_no, receipt_no, service_id, handling_city, queue_city, received_division, created_at, received_at,
            accepted_at, status, status_note
       FROM applications WHERE queue_city = $1 AND updated_at >= $2::timestamptz AND seq > $3::bigint
      ORDER BY applications.seq LIMIT $4`,
    [query.city, new Date(query.since), query.after === '' ? '0' : query.after, query.limit],
  );
  const ids = found.rows.map((r) => r.id);
  const events = ids.length === 0 ? { rows: [] } : await db.query<{ application_id: string; status: CaseStatus; from_status: CaseStatus; at: Date; city: string; operator: string; note: string }>(
    'SELECT application_id::text, status, from_status, at, city, operator, note FROM case_events WHERE application_id = ANY($1::uuid[]) ORDER BY seq',
    [ids],
  );
  const eventsOf = new Map<string, CaseEventRecord[]>();
  for (const e of events.rows) {
    const list = eventsOf.get(e.application_id) ?? [];
    list.push({ status: e.status, statusLabel: zh(e.status), fromStatus: e.from_status, at: chinaOffsetIso(e.at), city: e.city, operator: e.operator, note: e.note });
    eventsOf.set(e.application_id, list);
  }
  const records = found.rows.map((r): CaseRecord => {
    const changes = eventsOf.get(r.id) ?? [];
    const completed = changes.findLast((e) => e.status === 'completed');
    const service = about.facts.service(r.service_id);
    const codes = about.codes(r.service_id);
    const runs = r.status === 'accepted' || r.status === 'completed';
    return {
      办件编号: r.case_no,
      receiptNo: r.receipt_no,
      事项名称: service.name['zh-CN'],
      实施编码: codes.implement,
      基本编码: codes.basic,
      serviceId: r.service_id,
      申请时间: chinaOffsetIso(r.created_at),
      receivedAt: chinaOffsetIso(r.received_at),
      receivedDivision: r.received_division,
      handlingCity: r.handling_city,
      受理时间: r.accepted_at ? chinaOffsetIso(r.accepted_at) : null,
      承诺办结时间: runs ? about.facts.deadlineOf(r.service_id, r.accepted_at) : null,
      办结时间: completed?.at ?? null,
      status: r.status,
      statusLabel: zh(r.status),
      note: r.status_note,
      events: [{ status: 'received', statusLabel: zh('received'), fromStatus: null, at: chinaOffsetIso(r.received_at), city: r.received_division, operator: '', note: '' }, ...changes],
    };
  });
  return { records, next: found.rows.length < query.limit ? null : (found.rows.at(-1)?.seq ?? null) };
}

const firstUuid = '00000000-0000-0000-0000-000000000000';

/**
 * Ratings given since `since` for the cases `city` handles; a rating whose application the hub does not hold
 * (none, or not arrived yet) counts for the city where it was given. In rating-id order (UUIDv7: time order).
 */
export async function exportRatings(db: Queryable, about: ExportFacts, input: ExportQuery): Promise<ExportPage<RatingRecord>> {
  const query = exportQuerySchema.parse(input);
  // 420100 covers its districts 4201xx; 仙桃/潜江/天门 (4290xx) are cities of their own (cityOfDivision).
  const districtPrefix = query.city.endsWith('00') ? query.city.slice(0, 4) : null;
  const found = await db.query<{ id: string; service_id: string; case_no: string | null; national: NationalRatingExport }>(
    `SELECT r.id::text, r.service_id, a.case_no, r.national
       FROM ratings r LEFT JOIN applications a ON a.id = r.application_id
      WHERE r.rated_at >= $2::timestamptz AND r.id > $3::uuid
        AND (a.queue_city = $1 OR (a.id IS NULL AND (r.division = $1 OR left(r.division, 4) = $4::text)))
      ORDER BY r.id LIMIT $5`,
    [query.city, new Date(query.since), query.after === '' ? firstUuid : query.after, districtPrefix, query.limit],
  );
  const records = found.rows.map((r): RatingRecord => ({
    ratingId: r.id,
    caseNo: r.case_no,
    serviceId: r.service_id,
    taskCode: about.codes(r.service_id).implement,
    taskName: about.facts.service(r.service_id).name['zh-CN'],
    ...r.national,
    kioskReasons: r.national.kioskReasons as RatingReason[],
  }));
  return { records, next: found.rows.length < query.limit ? null : (found.rows.at(-1)?.id ?? null) };
}
