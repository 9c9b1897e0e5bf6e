// What every route module shares: the hub's context and the kiosk credential check. Routes live one file per
// resource in this folder and import this module; nothing here imports a route (no import circle).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../../src/domain/clock';
import type { PublishedCatalog } from '../catalog';
import type { Db } from '../db/db';
import { bearerToken, sendError } from '../http';
import type { HubKeys } from '../keys';
import type { KioskAuth } from '../kioskAuth';
import type { CredentialGuard } from '../rateLimits';
import type { AuthenticatedKiosk } from '../store/kiosks';

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

