// The hub under abuse (issue 10 §3): rate limits per client address, and a TLS proxy in front (trustProxy).
// Other loopback addresses (127.0.0.2 …) are other clients; X-Forwarded-For is what a proxy adds.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readRunningHub } from '../../hub/dataDir';
import { defaultRateLimits } from '../../hub/rateLimits';
import { batchResponseSchema, hubErrorSchema } from '../../src/domain/hubApi';
import { call, callFrom, enrol, engines, makeItem, useDatabase, useHub } from './support';

const badToken = () => randomBytes(32).toString('base64url');

describe.each(engines)('rate limits on %s', (engine) => {
  const database = useDatabase(engine);
  const started = useHub(database);
  const url = (path: string) => `${started.hub.url}${path}`;

  it('answers 429 to 300 bad-token batches past the limit while a good kiosk keeps being served', { timeout: 120_000 }, async () => {
    const kiosk = await enrol(started.hub);
    const attacker = '127.0.0.2';
    const bad: number[] = [];
    for (let i = 0; i < 300; i++) {
      bad.push((await callFrom(attacker, url('/v1/applications:batch'), { token: badToken(), body: { items: [makeItem()] } })).status);
      if (i % 10 === 0) {
        const good = await call(url('/v1/applications:batch'), { token: kiosk.credential, body: { items: [makeItem()] } });
        expect(good.status).toBe(200);
        expect(batchResponseSchema.parse(good.body).results[0]?.status).toBe('accepted');
      }
    }
    const limit = defaultRateLimits.failedCredentialsPerMinute;
    expect(bad.slice(0, limit)).toEqual(Array<number>(limit).fill(401));
    expect(bad[limit]).toBe(429);
    expect(bad.filter((status) => status === 429).length).toBeGreaterThanOrEqual(300 - 2 * limit);
    expect(bad.every((status) => status === 401 || status === 429)).toBe(true);

    // Once blocked, the address gets 429 for any credential, without a database lookup, with a reason and Retry-After.
    const blocked = await callFrom(attacker, url('/v1/heartbeat'), { token: kiosk.credential, body: { version: '0.1.0', devices: {}, queueDepth: 0, lastSyncAt: null } });
    expect(blocked.status).toBe(429);
    expect(hubErrorSchema.parse(blocked.body)).toMatchObject({ error: 'too_many_requests' });
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    // Public routes without a credential are not part of that limit.
    expect((await callFrom(attacker, url('/v1/health'))).status).toBe(200);
  });

  it('counts failed city tokens and enrolment codes the same way, and limits enrolment itself', async () => {
    const cityGuesser = '127.0.0.3';
    const statuses: number[] = [];
    for (let i = 0; i <= defaultRateLimits.failedCredentialsPerMinute; i++) {
      statuses.push((await callFrom(cityGuesser, url('/v1/cities/420100/applications'), { token: badToken() })).status);
    }
    expect(statuses.at(-2)).toBe(401);
    expect(statuses.at(-1)).toBe(429);
    expect((await callFrom(cityGuesser, url('/v1/enrol'), { body: { code: 'AAAA-BBBB-CCCC' } })).status).toBe(429);

    // Enrolment: at most enrolPerMinute requests per address, even with good codes.
    const enroller = '127.0.0.4';
    const answers: number[] = [];
    for (let i = 0; i <= defaultRateLimits.enrolPerMinute; i++) {
      const { code } = await started.hub.createEnrolmentCode('420102-009');
      answers.push((await callFrom(enroller, url('/v1/enrol'), { body: { code } })).status);
    }
    expect(answers.slice(0, -1).every((status) => status === 201)).toBe(true);
    expect(answers.at(-1)).toBe(429);
  });

  describe('with a low limit on every route', () => {
    const low = useHub(database, { rateLimits: { perMinute: 5 } });

    it('answers 429 on public routes and unknown paths past it, per address', async () => {
      const from = '127.0.0.5';
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) statuses.push((await callFrom(from, `${low.hub.url}/v1/catalog`)).status);
      for (let i = 0; i < 3; i++) statuses.push((await callFrom(from, `${low.hub.url}/no/such/path`)).status);
      expect(statuses).toEqual([200, 200, 200, 404, 404, 429]);
      expect((await callFrom(from, `${low.hub.url}/v1/health`)).status).toBe(429);
      expect((await callFrom('127.0.0.6', `${low.hub.url}/v1/health`)).status).toBe(200);
    });
  });
});

describe('behind a TLS proxy (trustProxy)', () => {
  const database = useDatabase('pglite');
  const proxied = useHub(database, { trustProxy: 'loopback' });
  const direct = useHub(database);
  const adminToken = (dataDir: string): string => readRunningHub(dataDir)?.adminToken ?? '';

  it('keeps the admin routes unreachable through the proxy even with the right token', async () => {
    for (const hub of [proxied, direct]) {
      const token = adminToken(hub.dataDir);
      const kiosks = `${hub.hub.url}/v1/admin/kiosks`;
      expect((await call(kiosks, { token })).status).toBe(200);
      for (const headers of [{ 'x-forwarded-for': '127.0.0.1' }, { 'x-forwarded-for': '203.0.113.9' }, { forwarded: 'for=127.0.0.1' }, { 'x-real-ip': '127.0.0.1' }] as Record<string, string>[]) {
        const through = await call(kiosks, { token, headers });
        expect(through.status, JSON.stringify(headers)).toBe(404);
      }
    }
  });

  it('limits each client address the proxy reports, not the proxy', async () => {
    const kiosk = await enrol(proxied.hub);
    const batch = (clientIp: string, token: string) => call(`${proxied.hub.url}/v1/applications:batch`, { token, body: { items: [makeItem()] }, headers: { 'x-forwarded-for': clientIp } });
    const statuses: number[] = [];
    for (let i = 0; i <= defaultRateLimits.failedCredentialsPerMinute; i++) statuses.push((await batch('203.0.113.9', badToken())).status);
    expect(statuses.at(-1)).toBe(429);
    expect((await batch('203.0.113.9', kiosk.credential)).status).toBe(429);
    // Another client behind the same proxy (same socket address, 127.0.0.1) is not blocked.
    expect((await batch('198.51.100.7', kiosk.credential)).status).toBe(200);
    expect((await batch('198.51.100.7', badToken())).status).toBe(401);
  });
});
