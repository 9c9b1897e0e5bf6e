// API v1 for kiosks, city back offices and the public status page, one module per resource. Every body and
// parameter is checked with the shared zod schemas from src/domain/hubApi before anything is read or written;
// every failure is a 4xx `{ error, reason }`.
import type { FastifyInstance } from 'fastify';
import type { WorkCalendar } from '../../src/domain/caseDeadline';
import { readCaseFacts } from '../caseFacts';
import type { RateLimitOptions } from '../rateLimits';
import { registerAdminRoutes } from './admin';
import { registerApplicationRoutes } from './applications';
import { registerBatchRoute } from './applicationBatch';
import { registerCatalogRoutes } from './catalog';
import { registerCityCaseRoutes } from './cityCases';
import type { HubContext } from './context';
import { registerKioskCaseRoutes } from './kioskCases';
import { registerKioskRoutes } from './kiosks';
import { registerPublicStatusRoutes } from './publicStatus';
import { registerRatingsRoute } from './ratings';
import { registerReleaseRoutes } from './releases';

export interface RouteOptions {
  limits: RateLimitOptions;
  calendar?: WorkCalendar;
  /** Secret for the loopback-only admin routes used by kioskctl (none: admin routes off). */
  adminToken?: string;
}

export function registerRoutes(app: FastifyInstance, ctx: HubContext, options: RouteOptions): void {
  registerCatalogRoutes(app, ctx);
  registerKioskRoutes(app, ctx, options.limits);
  registerBatchRoute(app, ctx);
  registerApplicationRoutes(app, ctx);
  registerRatingsRoute(app, ctx);
  registerReleaseRoutes(app, ctx);
  const caseCtx = { ...ctx, facts: readCaseFacts(ctx.catalog, options.calendar), now: () => new Date(ctx.clock.now()) };
  registerCityCaseRoutes(app, caseCtx);
  registerKioskCaseRoutes(app, caseCtx);
  registerPublicStatusRoutes(app, caseCtx);
  if (options.adminToken) registerAdminRoutes(app, caseCtx, options.adminToken);
}
