// Admin routes for the back office, used by kioskctl while the hub runs (loopback and the admin secret, checked
// by the admin plugin this is registered in):
//   POST /v1/admin/operators { city, name, passwordHash }  → 201 { id, name, city } | 400 | 409 name taken
//   POST /v1/admin/operators/:name/disable                  → { disabled: Operator | null } (sessions end at once)
//   GET  /v1/admin/operators?city=                          → { operators }
//   GET  /v1/admin/audit?city=&since=                       → { entries }
// The password is hashed by kioskctl; only the hash reaches the hub.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { divisionCodeSchema, isInMetroCircle } from '../../src/domain/hubApi';
import { describeIssues, sendError } from '../http';
import { isPasswordHash } from '../office/passwords';
import { readAudit, writeAudit } from '../store/officeAudit';
import { addOperator, disableOperator, listOperators, OperatorError, type Operator } from '../store/operators';
import type { Db } from '../db/db';
import type { HubContext } from './context';

export const officeOperatorNameSchema = z.string().trim().min(1).max(64).regex(/^[^\s\p{C}](.*[^\s\p{C}])?$/u, 'no control characters, no spaces at the ends');
export const officeCitySchema = divisionCodeSchema.refine(isInMetroCircle, 'expected a city of the 1+8 circle').refine((code) => /00$/.test(code) || code.startsWith('4290'), 'expected a city, not a district (420100, not 420102)');

export const operatorRequestSchema = z.object({ city: officeCitySchema, name: officeOperatorNameSchema, passwordHash: z.string().refine(isPasswordHash, 'expected a scrypt hash') });
export const auditQuerySchema = z.object({ city: officeCitySchema.optional(), since: z.string().regex(/^\d{1,18}$/).optional() });

/** Disables the operator and writes `operatorDisabled` to the audit log; null when no active operator has the name. */
export async function disableOperatorAudited(db: Db, name: string, now: Date): Promise<Operator | null> {
  return db.transaction(async (tx) => {
    const operator = await disableOperator(tx, name, now);
    if (operator) await writeAudit(tx, { at: now, action: 'operatorDisabled', operatorId: operator.id, operatorName: operator.name, city: operator.city, detail: 'kioskctl' });
    return operator;
  });
}

/** Adds the operator and writes `operatorAdded` to the audit log (who added them: the hub's own operator). */
export async function addOperatorAudited(db: Db, request: z.infer<typeof operatorRequestSchema>, now: Date): Promise<Operator> {
  return db.transaction(async (tx) => {
    const operator = await addOperator(tx, { ...request, now });
    await writeAudit(tx, { at: now, action: 'operatorAdded', operatorId: operator.id, operatorName: operator.name, city: operator.city, detail: 'kioskctl' });
    return operator;
  });
}

export function registerAdminOfficeRoutes(admin: FastifyInstance, ctx: HubContext): void {
  admin.post('/operators', async (request, reply) => {
    const body = operatorRequestSchema.safeParse(request.body);
    if (!body.success) return sendError(reply, 400, 'bad_request', describeIssues(body.error));
    try {
      return reply.code(201).send(await addOperatorAudited(ctx.db, body.data, new Date(ctx.clock.now())));
    } catch (error) {
      if (error instanceof OperatorError && error.code === 'duplicate_name') return sendError(reply, 409, 'conflict', error.message);
      throw error;
    }
  });
  admin.post('/operators/:name/disable', async (request) => ({ disabled: await disableOperatorAudited(ctx.db, String((request.params as { name: unknown }).name), new Date(ctx.clock.now())) }));
  admin.get('/operators', async (request, reply) => {
    const query = auditQuerySchema.pick({ city: true }).safeParse(request.query);
    if (!query.success) return sendError(reply, 400, 'bad_request', describeIssues(query.error));
    return { operators: await listOperators(ctx.db, query.data.city) };
  });
  admin.get('/audit', async (request, reply) => {
    const query = auditQuerySchema.safeParse(request.query);
    if (!query.success) return sendError(reply, 400, 'bad_request', describeIssues(query.error));
    return { entries: await readAudit(ctx.db, query.data) };
  });
}
