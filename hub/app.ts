// Builds the Fastify app: body limit, JSON only, one error shape, structured logs without personal data or
// credentials (pino logs method, path and status; no headers, no bodies, no query strings).
import Fastify, { type FastifyError, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { hubLimits } from '../src/domain/hubApi';
import { sendError } from './http';
import type { HubContext } from './routes/context';
import { registerRoutes, type HubServe } from './routes/index';
import type { WorkCalendar } from '../src/domain/caseDeadline';
import { registerWithRateLimits, type RateLimitOptions } from './rateLimits';
import type { SealedOpener } from './office/opener';

export interface HubLogOptions {
  /** pino level (default 'info'); 'silent' turns logging off. */
  level?: string;
  /** Where JSON lines go (default: stderr, so stdout stays for the CLI's one line). */
  stream?: { write(line: string): void };
}

export interface BuildHubAppOptions {
  /** Largest accepted body in bytes (default hubLimits.maxBodyBytes = 4 MiB); above it: 413. */
  bodyLimit?: number;
  /** Logging (default { level: 'info' } to stderr); false = none. */
  log?: HubLogOptions | false;
  /** Secret for the loopback-only admin routes used by kioskctl (default: admin routes off). */
  adminToken?: string;
  /** Holidays and make-up working days for deadlines (default: Monday to Friday, weekdaysOnly). */
  calendar?: WorkCalendar;
  /** Limits per client address (hub/rateLimits.ts; defaults there). */
  rateLimits?: RateLimitOptions;
  /**
   * Fastify's `trustProxy` (default false): whom to believe about the client address in X-Forwarded-For, e.g.
   * 'loopback' or '10.0.0.5' for a TLS proxy there. Without it, behind a proxy every client has the proxy's
   * address (rate limits then count all kiosks as one). Admin routes never answer a forwarded request either way.
   */
  trustProxy?: boolean | string | string[];
  /** Opens sealed parts for the back office's case view (ADR 0017); default none: the office cannot open them. */
  officeOpener?: SealedOpener | null;
  /** Which routes this process answers (hub/routes/index.ts; default 'all'). */
  serve?: HubServe;
}

const pathOnly = (url: string): string => url.split('?')[0] ?? url;

// PostgreSQL's text and jsonb cannot hold U+0000: a request carrying one is refused at the door as a 400, where
// it used to reach the database and come back a 500 (found by tests/fuzz/hubRequests.test.ts), which a kiosk
// takes for "try again later" — forever, for a batch with such an item.
const nulReason = 'text may not contain the NUL character (U+0000)';
function holdsNul(value: unknown): boolean {
  const pending: unknown[] = [value]; // a loop, not recursion: JSON.parse accepts nesting deeper than the stack
  while (pending.length > 0) {
    const next = pending.pop();
    if (typeof next === 'string') {
      if (next.includes('\u0000')) return true;
    } else if (Array.isArray(next)) {
      for (const inner of next) pending.push(inner); // not push(...next): a long array would overflow the stack
    } else if (next !== null && typeof next === 'object') {
      for (const [key, inner] of Object.entries(next)) {
        if (key.includes('\u0000')) return true;
        pending.push(inner);
      }
    }
  }
  return false;
}

function loggerOptions(log: HubLogOptions | false | undefined): FastifyServerOptions['logger'] {
  if (log === false) return false;
  return {
    level: log?.level ?? 'info',
    stream: log?.stream ?? process.stderr,
    serializers: {
      req: (req: { method: string; url: string; ip?: string }) => ({ method: req.method, path: pathOnly(req.url), ip: req.ip }),
      res: (res: { statusCode: number }) => ({ status: res.statusCode }),
    },
  };
}

export function buildHubApp(ctx: Omit<HubContext, 'guard'>, options: BuildHubAppOptions = {}): FastifyInstance {
  const bodyLimit = options.bodyLimit ?? hubLimits.maxBodyBytes;
  const app = Fastify({ bodyLimit, logger: loggerOptions(options.log), return503OnClosing: true, trustProxy: options.trustProxy ?? false });

  // Only JSON bodies exist in API v1; anything else is refused before it is read.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit }, (_request, body, done) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body as string);
    } catch {
      done(Object.assign(new Error('body is not valid JSON'), { statusCode: 400, code: 'HUB_INVALID_JSON' }), undefined);
      return;
    }
    if (holdsNul(parsed)) done(Object.assign(new Error(nulReason), { statusCode: 400, code: 'HUB_NUL' }), undefined);
    else done(null, parsed);
  });
  // The same for path parameters and query strings (a raw NUL byte never gets past Node's HTTP parser).
  app.addHook('onRequest', async (request, reply) => {
    if (/%00/i.test(request.url)) return sendError(reply, 400, 'bad_request', nulReason);
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode ?? 500;
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return sendError(reply, 413, 'payload_too_large', `body above the limit of ${bodyLimit} bytes`);
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return sendError(reply, 415, 'unsupported_media_type', 'send Content-Type: application/json');
    if (status === 429) return sendError(reply, 429, 'too_many_requests', error.message);
    if (status >= 400 && status < 500) return sendError(reply, status, 'bad_request', error.message);
    // The message of a database error may quote values; log only its code and where it happened.
    request.log.error({ err: { name: error.name, code: error.code } }, 'request failed');
    return sendError(reply, 500, 'internal', 'internal error; nothing from this request was stored, retry later');
  });
  registerWithRateLimits(app, options.rateLimits ?? {}, (api, guard) => {
    // Unknown paths count against the address too (the plugin hooks routes only).
    api.setNotFoundHandler({ preHandler: api.rateLimit() }, (request, reply) => sendError(reply, 404, 'not_found', `no route ${request.method} ${pathOnly(request.url)}`));
    const routesCtx: HubContext = { ...ctx, guard };
    registerRoutes(api, routesCtx, { limits: options.rateLimits ?? {}, calendar: options.calendar, adminToken: options.adminToken, officeOpener: options.officeOpener, serve: options.serve });
  });
  return app;
}
