// The resident's view of a case, with no login: what the receipt's QR opens.
//   GET /v1/status/:receiptNo  → PublicCaseStatus JSON | 400 (malformed, wrong check character) | 404
//   GET /q/:receiptNo?lang=    → the same as a small mobile page (Chinese by default), also for 400 and 404
// Only the fields of publicCaseStatusSchema leave the hub: nothing from the sealed part, no kiosk, no case
// number (which a call centre could be talked into acting on). A receipt number is a weak secret (its
// sequence is a timestamp), which is why the answer carries nothing personal.
import type { FastifyInstance } from 'fastify';
import type { PublicCaseStatus } from '../../src/domain/caseApi';
import { caseStatusLabels } from '../../src/domain/caseStatus';
import { parseReceiptNo } from '../../src/domain/receiptNo';
import { sendError } from '../http';
import { findCaseByReceipt } from '../store/cases';
import type { CaseContext } from './caseContext';
import { pageLocale, renderStatusPage } from './statusPage';

type Lookup = { kind: 'found'; status: PublicCaseStatus } | { kind: 'malformed' } | { kind: 'unknown' };

async function lookUp(ctx: CaseContext, raw: unknown): Promise<Lookup> {
  const parsed = typeof raw === 'string' && raw.length <= 40 ? parseReceiptNo(raw) : null;
  if (!parsed) return { kind: 'malformed' };
  const row = await findCaseByReceipt(ctx.db, parsed.receiptNo);
  if (!row) return { kind: 'unknown' };
  const name = ctx.facts.service(row.service_id).name;
  return {
    kind: 'found',
    status: {
      receiptNo: row.receipt_no,
      service: { 'zh-CN': name['zh-CN'], en: name.en },
      status: row.status,
      statusLabel: caseStatusLabels[row.status],
      updatedAt: row.updated_at.toISOString(),
      handlingCity: row.handling_city,
      note: row.status_note,
    },
  };
}

export function registerPublicStatusRoutes(app: FastifyInstance, ctx: CaseContext): void {
  app.get('/v1/status/:receiptNo', async (request, reply) => {
    const found = await lookUp(ctx, (request.params as { receiptNo?: unknown }).receiptNo);
    reply.header('Cache-Control', 'no-store');
    if (found.kind === 'malformed') return sendError(reply, 400, 'bad_request', 'receiptNo: malformed or wrong check character; read it again from the receipt');
    if (found.kind === 'unknown') return sendError(reply, 404, 'not_found', 'no application with this receipt number has reached the hub yet');
    return found.status;
  });

  app.get('/q/:receiptNo', async (request, reply) => {
    const locale = pageLocale((request.query as { lang?: unknown }).lang);
    const receiptNo = String((request.params as { receiptNo?: unknown }).receiptNo ?? '');
    const found = await lookUp(ctx, receiptNo);
    const status = found.kind === 'found' ? 200 : found.kind === 'malformed' ? 400 : 404;
    return reply
      .code(status)
      .header('Cache-Control', 'no-store')
      .header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
      .header('X-Content-Type-Options', 'nosniff')
      .type('text/html; charset=utf-8')
      .send(renderStatusPage(found.kind === 'found' ? { kind: 'found', status: found.status } : { kind: found.kind, receiptNo }, locale));
  });
}
