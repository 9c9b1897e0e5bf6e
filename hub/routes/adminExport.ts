// GET /v1/admin/export/:kind?city=&since=&after=&limit= — `kioskctl hub export` while the hub runs (an on-disk
// PGlite opens in one process only). Loopback and the admin secret, checked by the admin plugin this is
// registered in. Records only: the CLI writes them as JSONL or CSV.
import type { FastifyInstance } from 'fastify';
import { exportCases, exportKinds, exportQuerySchema, exportRatings, readExportCodes, type ExportFacts } from '../caseExport';
import { describeIssues, sendError } from '../http';
import type { CaseContext } from './caseContext';

export function registerAdminExportRoutes(admin: FastifyInstance, ctx: CaseContext): void {
  const about: ExportFacts = { facts: ctx.facts, codes: readExportCodes(ctx.catalog.signed.payload) };
  admin.get('/export/:kind', async (request, reply) => {
    const kind = (request.params as { kind: string }).kind;
    if (!(exportKinds as readonly string[]).includes(kind)) return sendError(reply, 404, 'not_found', 'export cases or ratings');
    const query = exportQuerySchema.safeParse(request.query);
    if (!query.success) return sendError(reply, 400, 'bad_request', describeIssues(query.error));
    const after = query.data.after;
    const afterOk = after === '' || (kind === 'cases' ? /^\d{1,18}$/.test(after) : /^[0-9a-f-]{36}$/i.test(after));
    if (!afterOk) return sendError(reply, 400, 'bad_request', 'after: the `next` of the previous page');
    return kind === 'cases' ? exportCases(ctx.db, about, query.data) : exportRatings(ctx.db, about, query.data);
  });
}
