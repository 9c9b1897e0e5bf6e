import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { decodeHubFailure } from '../../../src/bridge/contract/hub';
import { createEventHub } from '../../../src/bridge/dispatcher';
import type { EventEnvelope } from '../../../src/bridge/contract';
import { createLogger } from '../log';
import { credentialPath, readCredential, writeCredential } from './credentialStore';
import { enrolKiosk } from './enrol';
import { createHubHttp } from './hubHttp';
import { createHubService } from './hubService';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'hub-client-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const key32 = Buffer.alloc(32, 1).toString('base64');
const stored = { hubUrl: 'https://hub.test', kioskId: 'k-1', siteCode: '420102-001', credential: 'c'.repeat(40), hpkePublicKey: key32, signingPublicKey: key32, enrolledAt: '2026-05-01T00:00:00.000Z' };
const item = { id: '01890a5d-ac96-774b-bcce-b302099a8057', receiptNo: '420102-001-0000001', serviceId: 's', handlingCity: '420100', createdAt: '2026-05-01T00:00:00.000Z', sealed: { suite: 'hpke-base-x25519-sha256-aes128gcm' as const, enc: key32, ct: key32 } };

/** A fetch that answers from a function, recording requests. */
function fakeFetch(answer: (url: string, init: RequestInit) => Response | Promise<Response>) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fn = (async (input: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(input), init: init ?? {} });
    return answer(String(input), init ?? {});
  }) as typeof fetch;
  return { fn, calls };
}
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('hub HTTP classification', () => {
  const request = (answer: Parameters<typeof fakeFetch>[0], timeoutMs = 1_000) =>
    createHubHttp({ baseUrl: 'https://hub.test/', timeoutMs, fetch: fakeFetch(answer).fn })({ method: 'GET', path: '/x', schema: z.object({ fine: z.literal(true) }) });

  it('takes a 2xx as success only when the body is the hub’s', async () => {
    expect((await request(() => json(200, { fine: true }))).result).toEqual({ ok: true, value: { fine: true } });
    const portal = await request(() => new Response('<html>login</html>', { status: 200 }));
    expect(portal.result.ok).toBe(false);
    if (!portal.result.ok) expect(decodeHubFailure(portal.result.error.detail)).toEqual({ retryable: true, httpStatus: 200, reason: 'malformed_answer' });
  });

  it.each([
    [400, 'invalid_argument', false],
    [413, 'invalid_argument', false],
    [401, 'forbidden', true],
    [429, 'transport', true],
    [500, 'transport', true],
    [503, 'transport', true],
  ])('maps HTTP %i to %s (retryable %s) with the hub’s reason', async (status, code, retryable) => {
    const { result, info } = await request(() => json(status, { error: 'bad_request', reason: 'items.0: no valid id' }));
    expect(info).toEqual({ reached: true, httpStatus: status });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(code);
    expect(decodeHubFailure(result.error.detail)).toEqual({ retryable, httpStatus: status, reason: 'bad_request: items.0: no valid id' });
  });

  it('reports no answer as transport, and a hub too slow as timeout, both retryable', async () => {
    const refused = await request(() => Promise.reject(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } })));
    expect(refused.info.reached).toBe(false);
    expect(!refused.result.ok && [refused.result.error.code, decodeHubFailure(refused.result.error.detail)]).toEqual(['transport', { retryable: true, reason: 'ECONNREFUSED' }]);
    const slow = await request(
      (_url, init) =>
        new Promise<Response>((_resolve, reject) => init.signal?.addEventListener('abort', () => reject((init.signal as AbortSignal).reason as Error))),
      50,
    );
    expect(!slow.result.ok && slow.result.error.code).toBe('timeout');
  });
});

describe('hub service', () => {
  const lines: string[] = [];
  const log = createLogger('test/hub', { level: 'debug', write: (line) => lines.push(line) });

  it('answers unavailable (retryable) while not enrolled, and says so in its status', async () => {
    const service = createHubService({ url: 'https://hub.test', dataDir: tempDir(), log, heartbeatMs: 0, fetch: fakeFetch(() => json(500, {})).fn });
    const events = createEventHub();
    const seen: EventEnvelope[] = [];
    events.subscribe((e) => seen.push(e));
    await service.start(events);
    expect(seen.map((e) => e.payload)).toEqual([{ state: 'unenrolled', lastContactAt: null }]);
    const answer = await service.handlers['hub.sendBatch']?.({ items: [item] });
    expect(answer?.ok).toBe(false);
    if (answer && !answer.ok) {
      expect(answer.error.code).toBe('unavailable');
      expect(decodeHubFailure(answer.error.detail).retryable).toBe(true);
    }
    expect((await service.handlers['kiosk.identity']?.({}))?.ok).toBe(false);
    await service.stop();
  });

  it('uses the stored credential, never hands it out, and emits status only when the state changes', async () => {
    const dataDir = tempDir();
    writeCredential(dataDir, stored);
    expect(statSync(credentialPath(dataDir)).mode & 0o777).toBe(0o600);
    let up = false;
    const { fn, calls } = fakeFetch((url) => {
      if (!up) return Promise.reject(new TypeError('fetch failed'));
      if (url.endsWith('/v1/heartbeat')) return json(200, { serverTime: '2026-05-01T00:00:00.000Z', catalogEtag: '"x"' });
      return json(200, { results: [{ id: item.id, status: 'accepted', caseNo: 'C-1' }] });
    });
    const service = createHubService({ url: 'https://hub.test', dataDir, log, heartbeatMs: 0, fetch: fn });
    const events = createEventHub();
    const states: string[] = [];
    events.subscribe((e) => states.push((e.payload as { state: string }).state));
    await service.start(events);
    await service.heartbeat();
    up = true;
    expect(await service.handlers['hub.sendBatch']?.({ items: [item] })).toEqual({ ok: true, value: { results: [{ id: item.id, status: 'accepted', caseNo: 'C-1' }] } });
    await service.heartbeat();
    expect(states).toEqual(['offline', 'online']);
    const identity = await service.handlers['kiosk.identity']?.({});
    expect(identity).toEqual({ ok: true, value: { kioskId: 'k-1', siteCode: '420102-001', hpkePublicKey: key32, signingPublicKey: key32, publicUrl: null } });
    expect(calls.every((c) => (c.init.headers as Record<string, string>).authorization === `Bearer ${stored.credential}`)).toBe(true);
    expect(lines.join('\n')).not.toContain(stored.credential);
    await service.stop();
  });

  it('passes the catalog on with its ETag, answers notModified for a 304, and sends the cached ETag', async () => {
    const dataDir = tempDir();
    writeCredential(dataDir, stored);
    const signed = { payload: '{"version":"v1","items":[]}', signature: Buffer.alloc(64).toString('base64'), algorithm: 'ed25519' };
    const { fn, calls } = fakeFetch((_url, init) => {
      const tag = (init.headers as Record<string, string>)['if-none-match'];
      if (tag === '"v1"') return new Response(null, { status: 304, headers: { etag: '"v1"' } });
      if (tag === '"no-etag"') return json(200, signed);
      return new Response(JSON.stringify(signed), { status: 200, headers: { 'content-type': 'application/json', etag: '"v1"' } });
    });
    const service = createHubService({ url: 'https://hub.test', dataDir, log, heartbeatMs: 0, fetch: fn });
    await service.start(createEventHub());
    expect(await service.handlers['hub.catalog']?.({ etag: null })).toEqual({ ok: true, value: { status: 'updated', etag: '"v1"', signed } });
    expect(await service.handlers['hub.catalog']?.({ etag: '"v1"' })).toEqual({ ok: true, value: { status: 'notModified' } });
    const noTag = await service.handlers['hub.catalog']?.({ etag: '"no-etag"' });
    expect(noTag?.ok === false && decodeHubFailure(noTag.error.detail)).toMatchObject({ retryable: true, reason: 'malformed_answer' });
    const catalogCalls = calls.filter((c) => c.url.endsWith('/v1/catalog'));
    expect(catalogCalls.map((c) => (c.init.headers as Record<string, string>)['if-none-match'])).toEqual([undefined, '"v1"', '"no-etag"']);
    await service.stop();
  });

  it('treats a damaged credential file as not enrolled, and says why in the log', async () => {
    const dataDir = tempDir();
    writeFileSync(credentialPath(dataDir), '{"kioskId": 1}');
    expect(() => readCredential(dataDir)).toThrow(/damaged/);
    const service = createHubService({ url: 'https://hub.test', dataDir, log, heartbeatMs: 0, fetch: fakeFetch(() => json(500, {})).fn });
    await service.start(createEventHub());
    expect(service.status().state).toBe('unenrolled');
    expect(lines.some((line) => line.includes('hub credential unreadable'))).toBe(true);
    await service.stop();
  });

  it('spends the enrolment code once when heartbeats overlap', async () => {
    const { credential: _c, hubUrl: _u, enrolledAt: _e, ...answer } = stored;
    const fetch = fakeFetch(async (url) => {
      if (!url.endsWith('/v1/enrol')) return json(503, {});
      await new Promise((resolve) => setTimeout(resolve, 20)); // the hub takes a moment: the second heartbeat starts meanwhile
      return json(201, { ...answer, credential: stored.credential });
    });
    const dataDir = tempDir();
    const service = createHubService({ url: 'https://hub.test', dataDir, log, heartbeatMs: 0, enrolmentCode: 'ABC-DEF-GHJ', fetch: fetch.fn });
    await Promise.all([service.heartbeat(), service.heartbeat()]);
    expect(fetch.calls.filter((call) => call.url.endsWith('/v1/enrol'))).toHaveLength(1);
    expect(readCredential(dataDir)).toMatchObject({ kioskId: 'k-1' });
  });

  it('enrols with a code, and writes nothing when the hub refuses it', async () => {
    const dataDir = tempDir();
    const refused = await enrolKiosk({ hubUrl: 'https://hub.test', code: 'ABC-DEF-GHJ', dataDir, fetch: fakeFetch(() => json(401, { error: 'unauthorized', reason: 'enrolment code unknown, already used or expired' })).fn });
    expect(!refused.ok && refused.error.code).toBe('forbidden');
    expect(readCredential(dataDir)).toBeNull();
    const { credential: _c, hubUrl: _u, enrolledAt: _e, ...answer } = stored;
    const accepted = await enrolKiosk({ hubUrl: 'https://hub.test', code: 'ABC-DEF-GHJ', dataDir, fetch: fakeFetch(() => json(201, { ...answer, credential: stored.credential })).fn });
    expect(accepted.ok && Object.keys(accepted.value)).not.toContain('credential');
    expect(JSON.parse(readFileSync(credentialPath(dataDir), 'utf8'))).toMatchObject({ kioskId: 'k-1', credential: stored.credential });
  });
});
