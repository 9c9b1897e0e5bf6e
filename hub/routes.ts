// API v1 for kiosks and city back offices. Every body and parameter is checked with the shared zod schemas
// from src/domain/hubApi before anything is read or written; every failure is a 4xx `{ error, reason }`.
import { isoNow } from '../src/domain/clock';
import type { Clock } from '../src/domain/clock';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  applicationIdSchema,
  divisionCodeSchema,
  enrolRequestSchema,
  heartbeatRequestSchema,
  isInMetroCircle,
  type EnrolResponse,
} from '../src/domain/hubApi';
import type { Db } from './db/db';
import type { HubKeys } from './keys';
import type { KioskAuth } from './kioskAuth';
import type { PublishedCatalog } from './catalog';
import { bearerToken, describeIssues, sendError } from './http';
import { enrolKiosk, recordHeartbeat, type AuthenticatedKiosk } from './store/kiosks';
import { findApplication } from './store/applications';
import { authenticateCityOperator, readCityQueue } from './store/cityOperators';
import { registerBatchRoute } from './batchRoute';
import { registerRatingsRoute } from './ratingsRoute';
import { registerReleaseRoutes } from './releaseRoutes';

export interface HubContext {
  db: Db;
  auth: KioskAuth;
  keys: HubKeys;
  catalog: PublishedCatalog;
  /** "Now" for case-number days (China time) and answers that carry the time. */
  clock: Clock;
}

/** Resolves the kiosk behind the bearer credential, or answers 401 and resolves null. */
export async function requireKiosk(ctx: HubContext, request: FastifyRequest, reply: FastifyReply): Promise<AuthenticatedKiosk | null> {
  const token = bearerToken(request);
  if (!token) {
    sendError(reply, 401, 'unauthorized', 'missing kiosk credential (Authorization: Bearer …)');
    return null;
  }
  const kiosk = await ctx.auth.authenticate(token);
  if (!kiosk) sendError(reply, 401, 'unauthorized', 'unknown or revoked kiosk credential');
  return kiosk;
}

const receiptNoSchema = z.string().min(4).max(32);
const cityQuerySchema = z.object({
  since: z.string().regex(/^\d{1,18}$/, 'expected the `next` cursor of an earlier answer').default('0'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export function registerRoutes(app: FastifyInstance, ctx: HubContext): void {
  app.get('/v1/health', async (_request, reply) => {
    try {
      await ctx.db.query('SELECT 1');
      return { status: 'ok', engine: ctx.db.engine };
    } catch {
      return sendError(reply, 503, 'unavailable', 'database unreachable');
    }
  });

  app.post('/v1/enrol', async (request, reply) => {
    const body = enrolRequestSchema.safeParse(request.body);
    if (!body.success) return sendError(reply, 400, 'bad_request', describeIssues(body.error));
    const kiosk = await enrolKiosk(ctx.db, body.data.code, body.data.kioskVersion);
    // Unknown, used and expired codes get the same answer: a code is a secret, its state is not told.
    if (!kiosk) return sendError(reply, 401, 'unauthorized', 'enrolment code unknown, already used or expired');
    request.log.info({ kioskId: kiosk.kioskId, siteCode: kiosk.siteCode }, 'kiosk enrolled');
    const answer: EnrolResponse = { ...kiosk, hpkePublicKey: ctx.keys.hpkePublicKey, signingPublicKey: ctx.keys.signingPublicKey };
    return reply.code(201).send(answer);
  });

  registerBatchRoute(app, ctx);
  registerRatingsRoute(app, ctx);
  registerReleaseRoutes(app, ctx);

  app.get('/v1/applications/by-receipt/:receiptNo', async (request, reply) => {
    const kiosk = await requireKiosk(ctx, request, reply);
    if (!kiosk) return reply;
    const receiptNo = receiptNoSchema.safeParse((request.params as { receiptNo?: unknown }).receiptNo);
    if (!receiptNo.success) return sendError(reply, 400, 'bad_request', `receiptNo: ${receiptNo.error.issues[0]?.message ?? 'invalid'}`);
    const found = await findApplication(ctx.db, kiosk.kioskId, { receiptNo: receiptNo.data });
    return found ?? sendError(reply, 404, 'not_found', 'no application with this receipt number from this kiosk');
  });

  app.get('/v1/applications/:id', async (request, reply) => {
    const kiosk = await requireKiosk(ctx, request, reply);
    if (!kiosk) return reply;
    const id = applicationIdSchema.safeParse((request.params as { id?: unknown }).id);
    if (!id.success) return sendError(reply, 400, 'bad_request', 'id: expected a UUID');
    const found = await findApplication(ctx.db, kiosk.kioskId, { id: id.data });
    return found ?? sendError(reply, 404, 'not_found', 'no application with this id from this kiosk');
  });

  app.get('/v1/catalog', async (request, reply) => {
    reply.header('ETag', ctx.catalog.etag).header('Cache-Control', 'no-cache');
    const ifNoneMatch = request.headers['if-none-match'];
    if (typeof ifNoneMatch === 'string' && ifNoneMatch.split(',').some((tag) => tag.trim() === ctx.catalog.etag || tag.trim() === '*')) {
      return reply.code(304).send();
    }
    return ctx.catalog.signed;
  });

  app.post('/v1/heartbeat', async (request, reply) => {
    const kiosk = await requireKiosk(ctx, request, reply);
    if (!kiosk) return reply;
    const body = heartbeatRequestSchema.safeParse(request.body);
    if (!body.success) return sendError(reply, 400, 'bad_request', describeIssues(body.error));
    await recordHeartbeat(ctx.db, kiosk.kioskId, body.data);
    return { serverTime: isoNow(ctx.clock), catalogEtag: ctx.catalog.etag };
  });

  app.get('/v1/cities/:code/applications', async (request, reply) => {
    const token = bearerToken(request);
    if (!token) return sendError(reply, 401, 'unauthorized', 'missing city operator token (Authorization: Bearer …)');
    const city = await authenticateCityOperator(ctx.db, token);
    if (!city) return sendError(reply, 401, 'unauthorized', 'unknown or revoked city operator token');
    const code = divisionCodeSchema.safeParse((request.params as { code?: unknown }).code);
    if (!code.success || !isInMetroCircle(code.data)) return sendError(reply, 400, 'bad_request', 'code: expected a city of the 1+8 circle, e.g. 420100');
    if (code.data !== city) return sendError(reply, 403, 'forbidden', `this token reads the queue of ${city} only`);
    const query = cityQuerySchema.safeParse(request.query);
    if (!query.success) return sendError(reply, 400, 'bad_request', describeIssues(query.error));
    return readCityQueue(ctx.db, city, query.data.since, query.data.limit);
  });
}
