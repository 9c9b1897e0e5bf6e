// The handling city's side of 收受分离: its queue with current status and deadline, and status changes.
//   GET  /v1/cities/:code/applications?status=&since=&limit=
//   POST /v1/cities/:code/applications/:id/events   { status, note } → 200 new state | 400 | 403 | 404 | 409
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { cursorSchema, parseCaseEvent } from '../../src/domain/caseApi';
import { caseStatuses } from '../../src/domain/caseStatus';
import { applicationIdSchema } from '../../src/domain/hubApi';
import { describeIssues, sendError } from '../http';
import { changeCaseStatus, cityOperatorLabel, readCaseQueue } from '../store/cases';
import { requireCityOperator, type CaseContext } from './caseContext';

const queueQuerySchema = z.object({
  status: z.enum(caseStatuses).optional(),
  since: cursorSchema.default('0'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export function registerCityCaseRoutes(app: FastifyInstance, ctx: CaseContext): void {
  app.get('/v1/cities/:code/applications', async (request, reply) => {
    const operator = await requireCityOperator(ctx, request, reply);
    if (!operator) return reply;
    const query = queueQuerySchema.safeParse(request.query);
    if (!query.success) return sendError(reply, 400, 'bad_request', describeIssues(query.error));
    return readCaseQueue(ctx.db, operator.city, query.data, ctx.facts.deadlineOf);
  });

  app.post('/v1/cities/:code/applications/:id/events', async (request, reply) => {
    const operator = await requireCityOperator(ctx, request, reply);
    if (!operator) return reply;
    const id = applicationIdSchema.safeParse((request.params as { id?: unknown }).id);
    if (!id.success) return sendError(reply, 400, 'bad_request', 'id: expected a UUID');
    const event = parseCaseEvent(request.body);
    if (!event.ok) return sendError(reply, 400, 'bad_request', event.reason);
    const outcome = await changeCaseStatus(
      ctx.db,
      { applicationId: id.data.toLowerCase(), city: operator.city, operator: await cityOperatorLabel(ctx.db, operator.token), status: event.status, note: event.note, at: ctx.now() },
      ctx.facts.deadlineOf,
    );
    switch (outcome.kind) {
      case 'changed':
        request.log.info({ caseNo: outcome.state.caseNo, status: outcome.state.status }, 'case status changed');
        return outcome.state;
      case 'notFound':
        return sendError(reply, 404, 'not_found', 'no application with this id');
      case 'otherCity':
        return sendError(reply, 403, 'forbidden', 'this case is handled by another city');
      case 'notAllowed':
        return sendError(reply, 409, 'conflict', `a ${outcome.from} case cannot become ${event.status}`);
    }
  });
}
