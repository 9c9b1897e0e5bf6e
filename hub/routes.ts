// API v1 for kiosks and city back offices. Every body and parameter is checked with the shared zod schemas
// from src/domain/hubApi before anything is read or written; every failure is a 4xx `{ error, reason }`.
import { isoNow } from '../src/domain/clock';
import type { Clock } from '../src/domain/clock';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  applicationIdSchema,
  enrolRequestSchema,
  heartbeatRequestSchema,
  type EnrolResponse,
} from '../src/domain/hubApi';
import type { Db } from './db/db';
import type { HubKeys } from './keys';
import type { KioskAuth } from './kioskAuth';
import type { PublishedCatalog } from './catalog';
import { bearerToken, describeIssues, sendError } from './http';
import { enrolKiosk, recordHeartbeat, type AuthenticatedKiosk } from './store/kiosks';
import { findApplication } from './store/applications';
import { registerBatchRoute } from './batchRoute';
import { registerRatingsRoute } from './ratingsRoute';
import { enrolRateLimit, type CredentialGuard, type RateLimitOptions } from './rateLimits';
import { registerReleaseRoutes } from './releaseRoutes';

export interface HubContext {
  db: Db;
  auth: KioskAuth;
  keys: HubKeys;
  catalog: PublishedCatalog;
  /** The hub's public base URL (status pages, the receipt's QR), told to kiosks; known once the hub listens. */
  publicUrl: () => string;
  /** Counts failed credentials per address and answers 429 past the limit (hub/rateLimits.ts). */
  guard: CredentialGuard;
  /** "Now" for case-number days (China time), token expiry, the createdAt window and answers that carry the time. */
  clock: Clock;
}

/** Resolves the kiosk behind the bearer credential, or answers 401 (429 after too many failures) and resolves null. */
export async function requireKiosk(ctx: HubContext, request: FastifyRequest, reply: FastifyReply): Promise<AuthenticatedKiosk | null> {
  if (!(await ctx.guard.admit(request, reply))) return null;
  const token = bearerToken(request);
  const kiosk = token ? await ctx.auth.authenticate(token) : null;
  if (kiosk) return kiosk;
  await ctx.guard.failed(request);
  sendError(reply, 401, 'unauthorized', token ? 'unknown or revoked kiosk credential' : 'missing kiosk credential (Authorization: Bearer …)');
  return null;
}

const receiptNoSchema = z.string().min(4).max(32);

export function registerRoutes(app: FastifyInstance, ctx: HubContext, limits: RateLimitOptions): void {
  app.get('/v1/health', async (_request, reply) => {
    try {
      await ctx.db.query('SELECT 1');
      return { status: 'ok', engine: ctx.db.engine };
    } catch {
      return sendError(reply, 503, 'unavailable', 'database unreachable');
    }
  });

  app.post('/v1/enrol', { config: enrolRateLimit(limits) }, async (request, reply) => {
    if (!(await ctx.guard.admit(request, reply))) return reply;
    const body = enrolRequestSchema.safeParse(request.body);
    if (!body.success) return sendError(reply, 400, 'bad_request', describeIssues(body.error));
    const kiosk = await enrolKiosk(ctx.db, body.data.code, body.data.kioskVersion);
    // Unknown, used and expired codes get the same answer: a code is a secret, its state is not told.
    if (!kiosk) {
      await ctx.guard.failed(request);
      return sendError(reply, 401, 'unauthorized', 'enrolment code unknown, already used or expired');
    }
    request.log.info({ kioskId: kiosk.kioskId, siteCode: kiosk.siteCode }, 'kiosk enrolled');
    const answer: EnrolResponse = { ...kiosk, hpkePublicKey: ctx.keys.hpkePublicKey, signingPublicKey: ctx.keys.signingPublicKey, publicUrl: ctx.publicUrl() };
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
    return { serverTime: isoNow(ctx.clock), catalogEtag: ctx.catalog.etag, publicUrl: ctx.publicUrl() };
  });
}
