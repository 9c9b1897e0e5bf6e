// POST /v1/admin/cases/:ref/events { status, note, operator } — `kioskctl hub case-event` while the hub runs
// (loopback and the admin secret, checked by the admin plugin this is registered in). The hub's own operator
// acts for the handling city until the back office exists; the event names them as "kioskctl: <operator>".
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { parseCaseEvent } from '../../src/domain/caseApi';
import { readCaseFacts } from '../caseFacts';
import { sendError } from '../http';
import type { HubContext } from './context';
import { changeCaseStatus, findCaseId, type CaseChangeOutcome } from '../store/cases';

export const operatorNameSchema = z.string().trim().min(1).max(64);

/** The answer to an admin status change, shared by the admin route and kioskctl on the database. */
export function describeOutcome(outcome: CaseChangeOutcome, status: string): { status: number; body: unknown } {
  switch (outcome.kind) {
    case 'changed':
      return { status: 200, body: outcome.state };
    case 'notAllowed':
      return { status: 409, body: { error: 'conflict', reason: `a ${outcome.from} case cannot become ${status}` } };
    default:
      return { status: 404, body: { error: 'not_found', reason: 'no application with this id or case number' } };
  }
}

export function registerAdminCaseRoutes(admin: FastifyInstance, ctx: HubContext): void {
  const facts = readCaseFacts(ctx.catalog);
  admin.post('/cases/:ref/events', async (request, reply) => {
    const event = parseCaseEvent(request.body);
    const operator = operatorNameSchema.safeParse((request.body as { operator?: unknown } | null)?.operator);
    if (!event.ok) return sendError(reply, 400, 'bad_request', event.reason);
    if (!operator.success) return sendError(reply, 400, 'bad_request', 'operator: who makes this change (1–64 characters)');
    const id = await findCaseId(ctx.db, String((request.params as { ref: unknown }).ref));
    if (!id) return sendError(reply, 404, 'not_found', 'no application with this id or case number');
    const outcome = await changeCaseStatus(ctx.db, { applicationId: id, city: null, operator: `kioskctl: ${operator.data}`, status: event.status, note: event.note, at: new Date(ctx.clock.now()) }, facts.deadlineOf);
    const answer = describeOutcome(outcome, event.status);
    return reply.code(answer.status).send(answer.body);
  });
}
