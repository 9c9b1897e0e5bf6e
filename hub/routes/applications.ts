// A kiosk reads back its own applications (by id or receipt number); the intake is applicationBatch.ts.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { applicationIdSchema } from '../../src/domain/hubApi';
import { sendError } from '../http';
import { findApplication } from '../store/applications';
import { requireKiosk, type HubContext } from './context';

const receiptNoSchema = z.string().min(4).max(32);

export function registerApplicationRoutes(app: FastifyInstance, ctx: HubContext): void {
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
}
