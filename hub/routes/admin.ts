// Admin routes for kioskctl while the hub runs: an on-disk PGlite database can be opened by one process only,
// so `kioskctl hub enrol-code / revoke / open / city-token` ask the running hub instead. Unforwarded loopback callers only,
// with the per-start secret the hub writes to hub.json (mode 0600) in its data directory. `open` returns the
// sealed bytes, never plaintext: the CLI opens them itself with the key file.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { divisionCodeSchema, hubKeyFingerprint, isInMetroCircle, siteCodeSchema } from '../../src/domain/hubApi';
import { bearerToken, describeIssues, sendError } from '../http';
import type { CaseContext } from './caseContext';
import { findSealed } from '../store/applications';
import { createCityToken, revokeCityToken } from '../store/cityOperators';
import { createEnrolmentCode, listKiosks } from '../store/kiosks';
import { registerAdminCaseRoutes } from './adminCases';
import { registerAdminOfficeRoutes } from './adminOffice';
import { registerAdminExportRoutes } from './adminExport';
import { listReleases, publishRelease, ReleaseConflictError } from '../store/releases';
import { channelSchema, versionSchema } from '../../src/domain/updateManifest';

export const enrolmentCodeRequestSchema = z.object({ siteCode: siteCodeSchema, ttlHours: z.number().positive().max(24 * 90).optional() });
export const cityTokenRequestSchema = z.object({
  city: divisionCodeSchema.refine(isInMetroCircle, 'expected a city of the 1+8 circle'),
  label: z.string().min(1).max(64),
  ttlDays: z.number().positive().max(3650).optional(),
});

export const releaseRequestSchema = z.object({
  channel: channelSchema,
  version: versionSchema,
  rollout: z.number().int().min(0).max(100),
  notes: z.string().max(4000),
  manifest: z.unknown(),
  bundle: z.base64(),
});

const isLoopback = (ip: string | undefined): boolean => ip === '127.0.0.1' || ip === '::1' || ip === '::ffff:127.0.0.1';

/**
 * Only kioskctl on this machine, talking to the hub directly. A TLS proxy on this machine also connects from
 * loopback, so the socket's address is not enough: a request that a proxy forwarded (it carries X-Forwarded-For,
 * Forwarded or X-Real-IP, which every common proxy adds) is refused too, whatever `trustProxy` says. The
 * socket's address is used, never `request.ip`, which with `trustProxy` comes from a header a client can write.
 */
const isLocalOperator = (request: FastifyRequest): boolean =>
  isLoopback(request.socket.remoteAddress) && !['x-forwarded-for', 'forwarded', 'x-real-ip'].some((name) => name in request.headers);

export function registerAdminRoutes(app: FastifyInstance, ctx: CaseContext, adminToken: string): void {
  const expected = Buffer.from(adminToken);
  app.register(async (admin) => {
    admin.addHook('onRequest', async (request, reply) => {
      const given = Buffer.from(bearerToken(request) ?? '');
      if (!isLocalOperator(request)) return sendError(reply, 404, 'not_found', 'no such route');
      if (!(await ctx.guard.admit(request, reply))) return reply;
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        await ctx.guard.failed(request);
        return sendError(reply, 401, 'unauthorized', 'admin token required');
      }
    });
    admin.post('/enrolment-codes', async (request, reply) => {
      const body = enrolmentCodeRequestSchema.safeParse(request.body);
      if (!body.success) return sendError(reply, 400, 'bad_request', describeIssues(body.error));
      const code = await createEnrolmentCode(ctx.db, body.data.siteCode, { ttlMs: body.data.ttlHours ? body.data.ttlHours * 3600_000 : undefined, now: ctx.clock.now() });
      // The technician checks the hub's keys against this at enrolment (kioskctl kiosk enrol --fingerprint).
      return { code: code.code, siteCode: code.siteCode, expiresAt: code.expiresAt.toISOString(), fingerprint: await hubKeyFingerprint(ctx.keys) };
    });
    admin.post('/kiosks/:id/revoke', async (request) => ({ revoked: await ctx.auth.revoke(String((request.params as { id: unknown }).id)) }));
    admin.get('/kiosks', async () => ({ kiosks: await listKiosks(ctx.db) }));
    admin.post('/city-tokens', async (request, reply) => {
      const body = cityTokenRequestSchema.safeParse(request.body);
      if (!body.success) return sendError(reply, 400, 'bad_request', describeIssues(body.error));
      const ttlMs = body.data.ttlDays ? body.data.ttlDays * 24 * 3600_000 : undefined;
      const created = await createCityToken(ctx.db, body.data.city, body.data.label, { ttlMs, now: ctx.clock.now() });
      return { ...created, expiresAt: created.expiresAt.toISOString() };
    });
    admin.post('/city-tokens/:id/revoke', async (request) => ({ revoked: await revokeCityToken(ctx.db, String((request.params as { id: unknown }).id)) }));
    // A bundle is larger than any kiosk request: this loopback-only route alone takes up to 512 MiB (base64).
    admin.post('/releases', { bodyLimit: 512 * 1024 * 1024 }, async (request, reply) => {
      const body = releaseRequestSchema.safeParse(request.body);
      if (!body.success) return sendError(reply, 400, 'bad_request', describeIssues(body.error));
      try {
        return await publishRelease(ctx.db, { ...body.data, bundle: Buffer.from(body.data.bundle, 'base64') });
      } catch (error) {
        if (error instanceof ReleaseConflictError) return sendError(reply, 409, 'bad_request', error.message);
        throw error;
      }
    });
    admin.get('/releases', async () => ({ releases: await listReleases(ctx.db) }));
    admin.get('/sealed/:ref', async (request, reply) => {
      const found = await findSealed(ctx.db, String((request.params as { ref: unknown }).ref));
      return found ?? sendError(reply, 404, 'not_found', 'no application with this id or case number');
    });
    registerAdminCaseRoutes(admin, ctx);
    registerAdminOfficeRoutes(admin, ctx);
    registerAdminExportRoutes(admin, ctx);
  }, { prefix: '/v1/admin' });
}
