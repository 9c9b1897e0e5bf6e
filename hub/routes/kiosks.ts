// A kiosk's own resource: enrolment (a one-time code for a credential and the hub's keys) and the heartbeat.
import type { FastifyInstance } from 'fastify';
import { isoNow } from '../../src/domain/clock';
import { enrolRequestSchema, heartbeatRequestSchema, type EnrolResponse } from '../../src/domain/hubApi';
import { describeIssues, sendError } from '../http';
import { enrolRateLimit, type RateLimitOptions } from '../rateLimits';
import { enrolKiosk, recordHeartbeat } from '../store/kiosks';
import { requireKiosk, type HubContext } from './context';

export function registerKioskRoutes(app: FastifyInstance, ctx: HubContext, limits: RateLimitOptions): void {
  app.post('/v1/enrol', { config: enrolRateLimit(limits) }, async (request, reply) => {
    if (!(await ctx.guard.admit(request, reply))) return reply;
    const body = enrolRequestSchema.safeParse(request.body);
    if (!body.success) return sendError(reply, 400, 'bad_request', describeIssues(body.error));
    const kiosk = await enrolKiosk(ctx.db, body.data.code, body.data.kioskVersion, new Date(ctx.clock.now()));
    // Unknown, used and expired codes get the same answer: a code is a secret, its state is not told.
    if (!kiosk) {
      await ctx.guard.failed(request);
      return sendError(reply, 401, 'unauthorized', 'enrolment code unknown, already used or expired');
    }
    request.log.info({ kioskId: kiosk.kioskId, siteCode: kiosk.siteCode }, 'kiosk enrolled');
    const answer: EnrolResponse = { ...kiosk, hpkePublicKey: ctx.keys.hpkePublicKey, signingPublicKey: ctx.keys.signingPublicKey, publicUrl: ctx.publicUrl() };
    return reply.code(201).send(answer);
  });

  app.post('/v1/heartbeat', async (request, reply) => {
    const kiosk = await requireKiosk(ctx, request, reply);
    if (!kiosk) return reply;
    const body = heartbeatRequestSchema.safeParse(request.body);
    if (!body.success) return sendError(reply, 400, 'bad_request', describeIssues(body.error));
    await recordHeartbeat(ctx.db, kiosk.kioskId, body.data);
    const sealingKey = { hpkePublicKey: ctx.keys.hpkePublicKey, kid: ctx.keys.sealingKeyId, signature: ctx.keys.sealingKeySignature };
    return { serverTime: isoNow(ctx.clock), catalogEtag: ctx.catalog.etag, publicUrl: ctx.publicUrl(), sealingKey };
  });
}
