// The operators' view of the kiosks (issue 11 §5): GET /v1/kiosks lists the kiosks of the caller's city with
// their last heartbeat (device health, queue, update state) and their recent events (paper out, a reader that
// stopped answering, maintenance entries). A city operator token sees the kiosks whose site lies in its city;
// the hub's own operators see every kiosk with `kioskctl hub kiosks` (GET /v1/admin/kiosks, loopback and admin
// token only). Decision and reasons: docs/adr/0015-config-recovery-kiosk-events-device-actions.md.
import type { FastifyInstance } from 'fastify';
import { bearerToken, sendError } from '../http';
import { authenticateCityOperator } from '../store/cityOperators';
import { listKiosks } from '../store/kiosks';
import type { HubContext } from './context';

export function registerKioskAdminRoutes(app: FastifyInstance, ctx: HubContext): void {
  app.get('/v1/kiosks', async (request, reply) => {
    if (!(await ctx.guard.admit(request, reply))) return reply;
    const token = bearerToken(request);
    const city = token ? await authenticateCityOperator(ctx.db, token, ctx.clock.now()) : null;
    if (!city) {
      await ctx.guard.failed(request);
      return sendError(reply, 401, 'unauthorized', token ? 'unknown, revoked or expired city operator token' : 'missing city operator token (Authorization: Bearer …)');
    }
    return { city, kiosks: await listKiosks(ctx.db, city) };
  });
}
