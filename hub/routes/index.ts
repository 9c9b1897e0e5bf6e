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
import { registerKioskAdminRoutes } from './kioskAdmin';
import { registerOfficeRoutes } from './office';
import type { SealedOpener } from '../office/opener';
import { registerPublicStatusRoutes } from './publicStatus';
import { registerRatingsRoute } from './ratings';
import { registerReleaseRoutes } from './releases';

export interface RouteOptions {
  limits: RateLimitOptions;
  calendar?: WorkCalendar;
  /** Secret for the loopback-only admin routes used by kioskctl (none: admin routes off). */
  adminToken?: string;
  /** Opens sealed parts for the back office only (hub started with an opening key); default none: nothing opens. */
  officeOpener?: SealedOpener | null;
  /**
   * Which routes this process answers (default 'all'): 'public' leaves out /office (the process the kiosks and
   * phones reach), 'office' serves /office alone besides health and admin (the process that may hold the opening
   * key, on the cities' internal network; ADR 0017).
   */
  serve?: HubServe;
}

export const hubServes = ['all', 'public', 'office'] as const;
export type HubServe = (typeof hubServes)[number];

export function registerRoutes(app: FastifyInstance, ctx: HubContext, options: RouteOptions): void {
  const serve = options.serve ?? 'all';
  const caseCtx = { ...ctx, facts: readCaseFacts(ctx.catalog, options.calendar), now: () => new Date(ctx.clock.now()) };
  registerCatalogRoutes(app, ctx); // with /v1/health, which every process answers
  if (serve !== 'office') {
    registerKioskRoutes(app, ctx, options.limits);
    registerKioskAdminRoutes(app, ctx);
    registerBatchRoute(app, ctx);
    registerApplicationRoutes(app, ctx);
    registerRatingsRoute(app, ctx);
    registerReleaseRoutes(app, ctx);
    registerCityCaseRoutes(app, caseCtx);
    registerKioskCaseRoutes(app, caseCtx);
    registerPublicStatusRoutes(app, caseCtx);
  }
  // The only routes that get the opener (ADR 0017): intake, kiosk, city-token and public routes cannot decrypt.
  if (serve !== 'public') registerOfficeRoutes(app, caseCtx, options.officeOpener ?? null);
  if (options.adminToken) registerAdminRoutes(app, caseCtx, options.adminToken);
}
