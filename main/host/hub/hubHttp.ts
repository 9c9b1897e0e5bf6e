// HTTP to the hub with a timeout, turned into bridge Results whose `detail` says whether retrying can help
// (src/bridge/contract/hub.ts `HubFailure`). A 2xx is success only if its body parses with the expected
// schema: a captive portal or proxy that answers 200 with a login page is not the hub (ODK's rule).
import type { z } from 'zod';
import { encodeHubFailure } from '../../../src/bridge/contract/hub';
import { err, ok } from '../../../src/bridge/result';
import type { Result } from '../../../src/bridge/result';
import { hubErrorSchema } from '../../../src/domain/hubApi';

export interface HubHttpOptions {
  baseUrl: string;
  /** Per request, ms (default 15,000; the renderer's lease must be longer). */
  timeoutMs?: number;
  /** Default: the global fetch (Node 22 undici). */
  fetch?: typeof fetch;
}

export interface HubRequest<S extends z.ZodType> {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  credential?: string;
  /**
   * Sent as If-None-Match (default none). With it, a 304 counts as an answer: its (empty) body is parsed with
   * `schema`, so pass a schema that accepts undefined, and tell the two apart by `info.httpStatus`.
   */
  ifNoneMatch?: string;
  schema: S;
}

export interface HubAnswerInfo {
  /** True when an HTTP answer arrived (whatever its status): the hub, or something in front of it, is reachable. */
  reached: boolean;
  httpStatus?: number;
  /** The answer's ETag header, when it had one. */
  etag?: string;
}

export type HubHttp = <S extends z.ZodType>(request: HubRequest<S>) => Promise<{ result: Result<z.output<S>>; info: HubAnswerInfo }>;

export function createHubHttp(options: HubHttpOptions): HubHttp {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const doFetch = options.fetch ?? fetch;
  const base = options.baseUrl.replace(/\/+$/, '');

  return async (request) => {
    let response: Response;
    let text: string;
    try {
      const headers: Record<string, string> = { accept: 'application/json' };
      if (request.body !== undefined) headers['content-type'] = 'application/json';
      if (request.credential) headers.authorization = `Bearer ${request.credential}`;
      if (request.ifNoneMatch !== undefined) headers['if-none-match'] = request.ifNoneMatch;
      response = await doFetch(`${base}${request.path}`, {
        method: request.method,
        headers,
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal: AbortSignal.timeout(timeoutMs),
        // A redirect is never followed: the credential goes to the configured hub URL and nowhere else. A 3xx
        // is then an unexpected answer (retryable) and shows in the log with its status.
        redirect: 'manual',
      });
      text = await response.text();
    } catch (error) {
      const name = error instanceof Error ? error.name : '';
      if (name === 'TimeoutError' || name === 'AbortError')
        return { result: err('timeout', `the hub did not answer within ${timeoutMs} ms`, encodeHubFailure({ retryable: true, reason: 'timeout' })), info: { reached: false } };
      const cause = (error as { cause?: { code?: unknown } }).cause?.code;
      const reason = typeof cause === 'string' ? cause : 'connection';
      return { result: err('transport', `the hub is unreachable (${reason})`, encodeHubFailure({ retryable: true, reason })), info: { reached: false } };
    }

    const status = response.status;
    const etag = response.headers.get('etag');
    const info: HubAnswerInfo = etag === null ? { reached: true, httpStatus: status } : { reached: true, httpStatus: status, etag };
    let json: unknown;
    try {
      json = text.length > 0 ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    if ((status >= 200 && status < 300) || (status === 304 && request.ifNoneMatch !== undefined)) {
      const parsed = request.schema.safeParse(json);
      if (parsed.success) return { result: ok(parsed.data), info };
      return { result: err('transport', `answer ${status} is not the hub's`, encodeHubFailure({ retryable: true, httpStatus: status, reason: 'malformed_answer' })), info };
    }
    const hubError = hubErrorSchema.safeParse(json);
    const reason = (hubError.success ? `${hubError.data.error}: ${hubError.data.reason}` : `http_${status}`).slice(0, 200);
    if (status === 400 || status === 413 || status === 415 || status === 422)
      return { result: err('invalid_argument', `the hub refused the request (${status})`, encodeHubFailure({ retryable: false, httpStatus: status, reason })), info };
    if (status === 401 || status === 403)
      return { result: err('forbidden', `the hub refused the kiosk credential (${status})`, encodeHubFailure({ retryable: true, httpStatus: status, reason })), info };
    if (status === 404) return { result: err('unavailable', 'not found at the hub', encodeHubFailure({ retryable: false, httpStatus: status, reason })), info };
    // 429, 5xx, and anything unexpected: the hub (or a proxy) is there but cannot take it now.
    return { result: err('transport', `the hub answered ${status}`, encodeHubFailure({ retryable: true, httpStatus: status, reason })), info };
  };
}
