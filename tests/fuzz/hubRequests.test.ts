// Issue 15 §4: every hub route against any JSON, on a real hub over PGlite. Bodies are arbitrary JSON, or a
// valid body with one field replaced, removed or its item mangled; path parameters and query strings are any
// text; some bodies are not JSON at all. The hub must answer 4xx (or 2xx/3xx for what happens to be valid),
// never 5xx, and stay healthy: after the run it still serves health and accepts a good batch. Rate limits are
// raised so the fuzz reaches the handlers instead of stopping at 429 (their own tests are in abuse.test.ts).
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { readRunningHub } from '../../hub/dataDir';
import { batchResponseSchema } from '../../src/domain/hubApi';
import { enrol, makeItem, makeRating, useDatabase, useHub } from '../hub/support';

const database = useDatabase('pglite');
const started = useHub(database, { rateLimits: { perMinute: 1_000_000, enrolPerMinute: 1_000_000, failedCredentialsPerMinute: 1_000_000 } });

type Auth = 'none' | 'kiosk' | 'city' | 'admin';
interface Route {
  method: 'GET' | 'POST';
  /** Builds the path from generated segments (already URL-encoded). */
  path(segments: string[], query: string): string;
  auth: Auth;
  /** A body the route accepts, to mutate; absent for GET. */
  valid?: () => Record<string, unknown>;
}

const routes: Record<string, Route> = {
  enrol: { method: 'POST', path: () => '/v1/enrol', auth: 'none', valid: () => ({ code: 'AAAA-BBBB-CCCC', kioskVersion: '0.1.0' }) },
  batch: { method: 'POST', path: () => '/v1/applications:batch', auth: 'kiosk', valid: () => ({ items: [makeItem(), makeItem()] }) },
  ratings: { method: 'POST', path: () => '/v1/ratings:batch', auth: 'kiosk', valid: () => ({ items: [makeRating(), makeRating()] }) },
  heartbeat: { method: 'POST', path: () => '/v1/heartbeat', auth: 'kiosk', valid: () => ({ version: '0.2.0', devices: { printer: { status: 'ok' } }, queueDepth: 3, quarantined: 0, lastSyncAt: null, clockSkewMs: 12 }) },
  application: { method: 'GET', path: ([id]) => `/v1/applications/${id}`, auth: 'kiosk' },
  byReceipt: { method: 'GET', path: ([receiptNo]) => `/v1/applications/by-receipt/${receiptNo}`, auth: 'kiosk' },
  changes: { method: 'GET', path: (_s, query) => `/v1/applications/changes?${query}`, auth: 'kiosk' },
  catalog: { method: 'GET', path: (_s, query) => `/v1/catalog?${query}`, auth: 'kiosk' },
  cityQueue: { method: 'GET', path: ([city], query) => `/v1/cities/${city}/applications?${query}`, auth: 'city' },
  cityEvent: { method: 'POST', path: ([city, id]) => `/v1/cities/${city}/applications/${id}/events`, auth: 'city', valid: () => ({ status: 'accepted', note: '请补交照片' }) },
  status: { method: 'GET', path: ([receiptNo]) => `/v1/status/${receiptNo}`, auth: 'none' },
  statusPage: { method: 'GET', path: ([receiptNo]) => `/q/${receiptNo}`, auth: 'none' },
  releaseLatest: { method: 'GET', path: ([channel]) => `/v1/releases/${channel}/latest`, auth: 'kiosk' },
  releaseBundle: { method: 'GET', path: ([channel, version]) => `/v1/releases/${channel}/${version}/bundle`, auth: 'kiosk' },
  adminCode: { method: 'POST', path: () => '/v1/admin/enrolment-codes', auth: 'admin', valid: () => ({ siteCode: '420102-001', ttlHours: 2 }) },
  adminRevokeKiosk: { method: 'POST', path: ([id]) => `/v1/admin/kiosks/${id}/revoke`, auth: 'admin', valid: () => ({}) },
  adminKiosks: { method: 'GET', path: () => '/v1/admin/kiosks', auth: 'admin' },
  adminCityToken: { method: 'POST', path: () => '/v1/admin/city-tokens', auth: 'admin', valid: () => ({ city: '420100', label: '武汉 王', ttlDays: 30 }) },
  adminRevokeCityToken: { method: 'POST', path: ([id]) => `/v1/admin/city-tokens/${id}/revoke`, auth: 'admin', valid: () => ({}) },
  adminReleases: { method: 'GET', path: () => '/v1/admin/releases', auth: 'admin' },
  adminPublish: { method: 'POST', path: () => '/v1/admin/releases', auth: 'admin', valid: () => ({ channel: 'pilot', version: '1.0.0', bundle: 'AAAA' }) },
  adminSealed: { method: 'GET', path: ([ref]) => `/v1/admin/sealed/${ref}`, auth: 'admin' },
  adminCaseEvent: { method: 'POST', path: ([ref]) => `/v1/admin/cases/${ref}/events`, auth: 'admin', valid: () => ({ status: 'accepted', operator: '王', note: 'x' }) },
  adminExport: { method: 'GET', path: ([kind], query) => `/v1/admin/export/${kind}?${query}`, auth: 'admin' },
  adminOperator: { method: 'POST', path: () => '/v1/admin/operators', auth: 'admin', valid: () => ({ city: '420100', name: '武汉-王五', passwordHash: 'scrypt$x' }) },
  adminOperators: { method: 'GET', path: (_s, query) => `/v1/admin/operators?${query}`, auth: 'admin' },
  adminDisableOperator: { method: 'POST', path: ([name]) => `/v1/admin/operators/${name}/disable`, auth: 'admin', valid: () => ({}) },
  adminAudit: { method: 'GET', path: (_s, query) => `/v1/admin/audit?${query}`, auth: 'admin' },
  kiosks: { method: 'GET', path: (_s, query) => `/v1/kiosks?${query}`, auth: 'city' },
  officeLogin: { method: 'POST', path: () => '/office/login', auth: 'none', valid: () => ({ name: '武汉-王五', password: 'x', form: 'y' }) },
  officeQueue: { method: 'GET', path: (_s, query) => `/office/queue?${query}`, auth: 'none' },
  officeCase: { method: 'GET', path: ([id]) => `/office/cases/${id}`, auth: 'none' },
  officeOpen: { method: 'POST', path: ([id]) => `/office/cases/${id}/open`, auth: 'none', valid: () => ({ csrf: 'x' }) },
  officeEvent: { method: 'POST', path: ([id]) => `/office/cases/${id}/events`, auth: 'none', valid: () => ({ status: 'accepted', note: 'x', csrf: 'x' }) },
};

// NUL is rare in generated JSON, and was the one thing that reached the database as a 500: offered on purpose.
const json = fc.oneof({ arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 5 }, { arbitrary: fc.constantFrom('a\u0000b', { 'k\u0000': 1 }, ['\u0000']), weight: 1 });
/** A valid body with one key replaced by any JSON, removed, or (for a batch) one item's key mangled. */
function mutation(valid: () => Record<string, unknown>): fc.Arbitrary<unknown> {
  return fc.tuple(fc.nat(), fc.nat(), json, fc.constantFrom('replace', 'remove', 'item', 'extra')).map(([keyPick, itemKeyPick, value, how]) => {
    const body = valid();
    const keys = Object.keys(body);
    const key = keys[keyPick % Math.max(keys.length, 1)] ?? 'x';
    if (how === 'replace') body[key] = value;
    else if (how === 'remove') delete body[key];
    else if (how === 'extra') body[`x${keyPick}`] = value;
    else if (Array.isArray(body.items) && body.items.length > 0) {
      const item = body.items[0] as Record<string, unknown>;
      const itemKeys = Object.keys(item);
      item[itemKeys[itemKeyPick % itemKeys.length] as string] = value;
    } else body[key] = value;
    return body;
  });
}

const segmentText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom('..', '.', '%', '%00', '420100', '420102', '429004', 'stable', 'pilot', '1.0.0', randomUUID(), randomUUID().toUpperCase(), 'R0000001', '420100-261122-000001', 'x'.repeat(3000)),
);
/** Encoded segments, and now and then one left raw (a bad %-escape, a slash). */
const encodeSegment = (text: string): string => {
  try {
    return encodeURIComponent(text) || '%20';
  } catch {
    return '%ED%A0%80'; // a lone surrogate: what a client that encodes it anyway would send
  }
};
const segment = fc.oneof({ arbitrary: segmentText.map(encodeSegment), weight: 5 }, { arbitrary: fc.constantFrom('%E0%A4%A', '%ZZ', 'a%2Fb', '%F0%9F'), weight: 1 });
const query = fc.oneof(
  fc.dictionary(fc.constantFrom('since', 'limit', 'status', 'city', 'x'), segmentText, { maxKeys: 3 }).map((q) => new URLSearchParams(q).toString()),
  fc.constantFrom('since=-1', 'limit=0', 'limit=1e309', 'since=99999999999999999999', 'status=__proto__', 'limit=500&limit=2', '%', 'since[]=1'),
);
const rawBody = fc.oneof(fc.string({ maxLength: 60 }), fc.constantFrom('{', '[', '{"items":', '\u0000', '{"__proto__":{"x":1}}', '{"items":[{"id":"a","id":"b"}]}', 'null', '1e999'));

describe('the hub under any request', () => {
  const tokens: Record<Auth, string | undefined> = { none: undefined, kiosk: undefined, city: undefined, admin: undefined };
  beforeAll(async () => {
    tokens.kiosk = (await enrol(started.hub)).credential;
    tokens.city = (await started.hub.createCityToken('420100')).token;
    tokens.admin = readRunningHub(started.dataDir)?.adminToken;
    expect(tokens.admin).toBeTruthy();
  });

  async function send(route: Route, segments: string[], q: string, body: { json?: unknown; raw?: string; contentType?: string } | null, wrongToken: boolean) {
    const headers: Record<string, string> = {};
    const token = tokens[route.auth];
    if (token) headers.authorization = `Bearer ${wrongToken ? token.slice(0, -2) + 'xx' : token}`;
    let payload: string | undefined;
    if (body) {
      headers['content-type'] = body.contentType ?? 'application/json';
      payload = body.raw ?? JSON.stringify(body.json);
    }
    const response = await fetch(`${started.hub.url}${route.path(segments, q)}`, { method: route.method, headers, body: route.method === 'GET' ? undefined : (payload ?? '') });
    await response.arrayBuffer();
    return response.status;
  }

  it.each(Object.keys(routes))('%s: any input is answered below 500', { timeout: 120_000 }, async (name) => {
    const route = routes[name] as Route;
    const bodies: fc.Arbitrary<{ json?: unknown; raw?: string; contentType?: string } | null> = route.method === 'GET'
      ? fc.constant(null)
      : fc.oneof(
          { arbitrary: json.map((value) => ({ json: value })), weight: 2 },
          { arbitrary: route.valid ? mutation(route.valid).map((value) => ({ json: value })) : json.map((value) => ({ json: value })), weight: 4 },
          { arbitrary: rawBody.map((raw) => ({ raw })), weight: 1 },
          { arbitrary: fc.constantFrom({ raw: 'a=1', contentType: 'application/x-www-form-urlencoded' }, { raw: '{}', contentType: 'text/plain' }), weight: 1 },
        );
    await fc.assert(
      fc.asyncProperty(fc.array(segment, { minLength: 2, maxLength: 2 }), query, bodies, fc.boolean(), async (segments, q, body, wrongToken) => {
        const status = await send(route, segments, q, body, wrongToken && route.auth !== 'none');
        expect(status, `${route.method} ${route.path(segments, q)} ${JSON.stringify(body)?.slice(0, 300)}`).toBeLessThan(500);
      }),
      { numRuns: 40 },
    );
  });

  // Regressions found by this fuzz (a NUL reached PostgreSQL, which refuses it in text and jsonb: 500).
  it.each([
    ['POST', '/v1/admin/city-tokens/%00/revoke', 'admin', {}],
    ['POST', '/v1/admin/kiosks/%00/revoke', 'admin', {}],
    ['GET', '/v1/admin/sealed/%00', 'admin', undefined],
    ['POST', '/v1/admin/cases/%00/events', 'admin', { status: 'accepted', operator: 'x' }],
    ['POST', '/v1/admin/city-tokens', 'admin', { city: '420100', label: 'a\u0000b' }],
    ['POST', '/v1/heartbeat', 'kiosk', { version: 'a\u0000b', devices: {}, queueDepth: 3, lastSyncAt: null }],
    ['POST', '/v1/heartbeat', 'kiosk', { version: '0.2.0', devices: { 'a\u0000': { status: 'ok' } }, queueDepth: 3, lastSyncAt: null }],
    ['POST', '/v1/ratings:batch', 'kiosk', { items: [{ ...makeRating(), serviceId: 'a\u0000b' }] }],
  ] as const)('%s %s with a NUL is a 400', async (method, path, auth, body) => {
    const headers: Record<string, string> = { authorization: `Bearer ${tokens[auth]}`, 'content-type': 'application/json' };
    const answer = await fetch(`${started.hub.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    expect(answer.status).toBe(400);
    expect(await answer.json()).toMatchObject({ error: 'bad_request', reason: expect.stringMatching(/NUL/) });
  });

  it('is healthy afterwards: health answers and a good batch is accepted', async () => {
    expect((await fetch(`${started.hub.url}/v1/health`)).status).toBe(200);
    const answer = await fetch(`${started.hub.url}/v1/applications:batch`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.kiosk}`, 'content-type': 'application/json' },
      body: JSON.stringify({ items: [makeItem()] }),
    });
    expect(answer.status).toBe(200);
    expect(batchResponseSchema.parse(await answer.json()).results[0]?.status).toBe('accepted');
  });
});
