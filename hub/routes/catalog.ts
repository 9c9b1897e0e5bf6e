// The signed service catalogue (public: it holds no secret), with an ETag so an unchanged one costs a 304, and
// the health probe.
import type { FastifyInstance } from 'fastify';
import { sendError } from '../http';
import type { HubContext } from './context';

export function registerCatalogRoutes(app: FastifyInstance, ctx: HubContext): void {
  app.get('/v1/health', async (_request, reply) => {
    try {
      await ctx.db.query('SELECT 1');
      return { status: 'ok', engine: ctx.db.engine };
    } catch {
      return sendError(reply, 503, 'unavailable', 'database unreachable');
    }
  });

  app.get('/v1/catalog', async (request, reply) => {
    reply.header('ETag', ctx.catalog.etag).header('Cache-Control', 'no-cache');
    const ifNoneMatch = request.headers['if-none-match'];
    if (typeof ifNoneMatch === 'string' && ifNoneMatch.split(',').some((tag) => tag.trim() === ctx.catalog.etag || tag.trim() === '*')) {
      return reply.code(304).send();
    }
    return ctx.catalog.signed;
  });
}
