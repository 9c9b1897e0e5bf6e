// What the case-life-cycle routes share (issue 13): the hub's context plus the catalogue's case facts, the
// clock (injected, so tests decide what "now" is) and the hub's public base URL.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { divisionCodeSchema, isInMetroCircle } from '../../src/domain/hubApi';
import type { CaseFacts } from '../caseFacts';
import { bearerToken, sendError } from '../http';
import type { HubContext } from './context';
import { authenticateCityOperator } from '../store/cityOperators';

export interface CaseContext extends HubContext {
  facts: CaseFacts;
  now: () => Date;
}

export interface CityOperator {
  city: string;
  token: string;
}

/**
 * The operator behind the bearer token, allowed for the city in the path; otherwise answers 401 (no or unknown
 * token), 400 (not a city of the circle) or 403 (another city's token) and resolves null.
 */
export async function requireCityOperator(ctx: HubContext, request: FastifyRequest, reply: FastifyReply): Promise<CityOperator | null> {
  if (!(await ctx.guard.admit(request, reply))) return null;
  const token = bearerToken(request);
  const city = token ? await authenticateCityOperator(ctx.db, token, ctx.clock.now()) : null;
  if (!token || !city) {
    await ctx.guard.failed(request);
    sendError(reply, 401, 'unauthorized', token ? 'unknown, revoked or expired city operator token' : 'missing city operator token (Authorization: Bearer …)');
    return null;
  }
  const code = divisionCodeSchema.safeParse((request.params as { code?: unknown }).code);
  if (!code.success || !isInMetroCircle(code.data)) {
    sendError(reply, 400, 'bad_request', 'code: expected a city of the 1+8 circle, e.g. 420100');
    return null;
  }
  if (code.data !== city) {
    sendError(reply, 403, 'forbidden', `this token works the cases of ${city} only`);
    return null;
  }
  return { city, token };
}
