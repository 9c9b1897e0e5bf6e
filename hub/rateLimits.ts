// Rate limits per client address, with @fastify/rate-limit (in-process store: each hub process counts on its
// own, so N processes behind a balancer allow up to N times the limit; the limits are there to stop floods and
// guessing, not to meter). Three limits:
//   - every route, 404s included: `perMinute` requests (a kiosk draining a long queue sends ~one batch a second);
//   - enrolment: `enrolPerMinute` (a site enrols a kiosk a year; guessing codes needs many tries);
//   - failed credentials (kiosk credential, city token, enrolment code, admin token): after
//     `failedCredentialsPerMinute` failures in a window, every request of that address that carries a
//     credential gets 429 until the window ends, without a database lookup.
// The address is `request.ip`: the socket's, or with `trustProxy` the client's as the proxy reports it. Behind a
// proxy without `trustProxy` every kiosk shares the proxy's address and one attacker blocks them all.
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendError } from './http';

export interface RateLimitOptions {
  /** Requests per minute per address on every route (default 1,200). */
  perMinute?: number;
  /** Enrolment requests per minute per address (default 30). */
  enrolPerMinute?: number;
  /** Failed credentials per minute per address before 429 (default 20). */
  failedCredentialsPerMinute?: number;
}

export const defaultRateLimits: Required<RateLimitOptions> = { perMinute: 1_200, enrolPerMinute: 30, failedCredentialsPerMinute: 20 };

/** Guards the routes that take a credential. */
export interface CredentialGuard {
  /** False (and a 429 sent) when this address already failed too often in the current window. */
  admit(request: FastifyRequest, reply: FastifyReply): Promise<boolean>;
  /** Counts one failed credential against the request's address. */
  failed(request: FastifyRequest): Promise<void>;
}

const windowMs = 60_000;

export class RateLimitedError extends Error {
  readonly statusCode = 429;
  readonly code = 'HUB_RATE_LIMITED';
}

/**
 * Registers the plugin with the every-route limit; `register` then adds routes that it applies to (the plugin
 * hooks routes declared after it loads), given the guard for credentials.
 */
export function registerWithRateLimits(app: FastifyInstance, options: RateLimitOptions, register: (api: FastifyInstance, guard: CredentialGuard) => void): void {
  const limits = { ...defaultRateLimits, ...options };
  void app.register(rateLimit, {
    global: true,
    max: limits.perMinute,
    timeWindow: windowMs,
    // Thrown into the app's error handler, which answers `{ error: 'too_many_requests', reason }`.
    errorResponseBuilder: (_request, context) => new RateLimitedError(`too many requests from this address; retry in ${context.after}`),
  });
  void app.register(async (api) => {
    const failures = api.createRateLimit({ max: limits.failedCredentialsPerMinute, timeWindow: windowMs });
    const guard: CredentialGuard = {
      async admit(request, reply) {
        const state = await failures(request, { increment: false });
        // Read without counting: only failures count, so a kiosk with a good credential never uses this up.
        if (state.isAllowed || state.remaining > 0) return true;
        const seconds = Math.max(1, state.ttlInSeconds);
        reply.header('retry-after', String(seconds));
        sendError(reply, 429, 'too_many_requests', `too many failed credentials from this address; retry in ${seconds} s`);
        return false;
      },
      async failed(request) {
        await failures(request);
      },
    };
    register(api, guard);
  });
}

/** Route config for the enrolment route. */
export const enrolRateLimit = (options: RateLimitOptions) => ({ rateLimit: { max: options.enrolPerMinute ?? defaultRateLimits.enrolPerMinute, timeWindow: windowMs } });
