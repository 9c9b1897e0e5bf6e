// `kioskctl hub export --city C --since DATE --format jsonl|csv [--what cases|ratings] [--out FILE]`: page by
// page through the running hub's admin route, or straight on the database when none runs (hub/admin.ts), into
// a file written whole or not at all (FILE.part, then renamed; mode 0600: case data is for the city only).
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import type { AdminOps } from '../../hub/admin';
import { exportKinds, type ExportKind } from '../../hub/caseExport';
import { exportFormats, exportHeader, exportLines, type ExportFormat } from '../../hub/exportFormat';
import { cityOfDivision, divisionCodeSchema, isInMetroCircle } from '../../src/domain/hubApi';
import { chinaInstant } from '../../src/domain/clock';

export interface ExportRequest {
  city: string;
  since: string;
  kind: ExportKind;
  format: ExportFormat;
  out?: string;
}

/** The checked request, or what is wrong with the command line. */
export function readExportRequest(values: { city?: string; since?: string; format?: string; what?: string; out?: string }): ExportRequest | string {
  const { city = '', since = '', format = '', what = 'cases' } = values;
  if (!divisionCodeSchema.safeParse(city).success || !isInMetroCircle(city) || cityOfDivision(city) !== city) return '--city must be a 1+8 city, e.g. 420100';
  // A bare date is a China calendar day (from 00:00 China time); a full time needs its offset.
  const instant = /^\d{4}-\d{2}-\d{2}$/.test(since) ? chinaInstant(since) : /^\d{4}-\d{2}-\d{2}T.+([+-]\d{2}:\d{2}|Z)$/.test(since) ? new Date(since) : null;
  if (!instant || Number.isNaN(instant.getTime())) return '--since must be a date (YYYY-MM-DD, China time) or a time with its offset';
  if (!(exportFormats as readonly string[]).includes(format)) return '--format must be jsonl or csv';
  if (!(exportKinds as readonly string[]).includes(what)) return '--what must be cases or ratings';
  return { city, since: instant.toISOString(), kind: what as ExportKind, format: format as ExportFormat, out: values.out };
}

/** Writes the export; resolves with the number of records. */
export async function runExport(admin: AdminOps, request: ExportRequest): Promise<number> {
  const target = request.out ? `${request.out}.part` : null;
  const fd = target ? openSync(target, 'w', 0o600) : null;
  const write = (text: string) => {
    if (text === '') return;
    if (fd === null) process.stdout.write(text);
    else writeSync(fd, text);
  };
  let count = 0;
  try {
    write(exportHeader(request.kind, request.format));
    let after = '';
    for (;;) {
      const page = await admin.exportPage(request.kind, { city: request.city, since: request.since, after, limit: 500 });
      write(exportLines(request.kind, request.format, page.records));
      count += page.records.length;
      if (page.next === null) break;
      after = page.next;
    }
    if (fd !== null) fsyncSync(fd);
  } catch (error) {
    if (target) rmSync(target, { force: true });
    throw error;
  } finally {
    if (fd !== null) closeSync(fd);
  }
  if (target && request.out) renameSync(target, request.out);
  return count;
}
