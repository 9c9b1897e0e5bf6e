// GET /v1/applications/changes?since=CURSOR&limit=N (kiosk credential): this kiosk's applications whose status
// changed after the cursor, so "我的办件" keeps the last known status offline. A kiosk that polls with the
// `next` of its previous answer sees every change once (the latest state of each case, in event order).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { cursorSchema } from '../../src/domain/caseApi';
import { describeIssues, sendError } from '../http';
import { requireKiosk } from './context';
import { readKioskChanges } from '../store/cases';
import type { CaseContext } from './caseContext';

const changesQuerySchema = z.object({
  since: cursorSchema.default('0'),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

export function registerKioskCaseRoutes(app: FastifyInstance, ctx: CaseContext): void {
  app.get('/v1/applications/changes', async (request, reply) => {
    const kiosk = await requireKiosk(ctx, request, reply);
    if (!kiosk) return reply;
    const query = changesQuerySchema.safeParse(request.query);
    if (!query.success) return sendError(reply, 400, 'bad_request', describeIssues(query.error));
    return readKioskChanges(ctx.db, kiosk.kioskId, query.data.since, query.data.limit, ctx.facts.deadlineOf);
  });
}
