// How `kioskctl hub export` writes records: JSON Lines (one record per line, events nested) or CSV (RFC 4180,
// one row per case event, so a spreadsheet can filter by status or operator). CSV cells are quoted whenever
// they hold a quote, comma or line break, and a cell starting with = + - @ (a formula to a spreadsheet: the
// resident's comment and the operator's note are free text) is prefixed with ' as OWASP recommends.
import type { CaseRecord, ExportKind, RatingRecord } from './caseExport';

export const exportFormats = ['jsonl', 'csv'] as const;
export type ExportFormat = (typeof exportFormats)[number];

type Cell = string | number | null | undefined | readonly string[];

export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  let text = Array.isArray(value) ? value.join(',') : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const csvLine = (cells: readonly Cell[]): string => `${cells.map(csvCell).join(',')}\r\n`;

const caseColumns = ['办件编号', 'receiptNo', '事项名称', '实施编码', '基本编码', 'serviceId', '申请时间', 'receivedAt', 'receivedDivision', 'handlingCity',
  '受理时间', '承诺办结时间', '办结时间', 'status', 'statusLabel', 'note'] as const satisfies readonly (keyof CaseRecord)[];
const eventColumns = ['status', 'statusLabel', 'fromStatus', 'at', 'city', 'operator', 'note'] as const;
const ratingColumns = ['ratingId', 'caseNo', 'serviceId', 'taskCode', 'taskName', 'projectNo', 'pf', 'satisfaction', 'satisfactionCode', 'satisfactionName',
  'kioskReasons', 'writingEvaluation', 'assessNumber', 'assessTime', 'areaCode'] as const satisfies readonly (keyof RatingRecord)[];

/** The first lines of a file: a UTF-8 byte-order mark and the header for CSV (Excel reads Chinese right only with it), nothing for JSONL. */
export function exportHeader(kind: ExportKind, format: ExportFormat): string {
  if (format === 'jsonl') return '';
  const names = kind === 'cases' ? [...caseColumns, ...eventColumns.map((c) => `event.${c}`)] : [...ratingColumns];
  return `\uFEFF${csvLine(names)}`;
}

/** The lines of a page of records. */
export function exportLines(kind: ExportKind, format: ExportFormat, records: readonly (CaseRecord | RatingRecord)[]): string {
  if (format === 'jsonl') return records.map((r) => `${JSON.stringify(r)}\n`).join('');
  if (kind === 'ratings') return (records as RatingRecord[]).map((r) => csvLine(ratingColumns.map((c) => r[c]))).join('');
  return (records as CaseRecord[])
    .flatMap((r) => r.events.map((e) => csvLine([...caseColumns.map((c) => r[c]), ...eventColumns.map((c) => e[c])])))
    .join('');
}
