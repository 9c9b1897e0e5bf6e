// The kiosk's side of the hub channel (issue 10 §3): https only (http to this machine alone), the hub's keys
// pinned at enrolment by the fingerprint the hub operator gives with the code, and the credential sent to the
// URL that issued it and nowhere else (not to another configured URL, not along a redirect).
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readRunningHub } from '../../hub/dataDir';
import { ConfigError, loadConfig } from '../../main/host/config';
import { credentialPath, readCredential, writeCredential } from '../../main/host/hub/credentialStore';
import { enrolKiosk } from '../../main/host/hub/enrol';
import { createHubService } from '../../main/host/hub/hubService';
import { createLogger } from '../../main/host/log';
import { createEventHub } from '../../src/bridge/dispatcher';
import { hubKeyFingerprint } from '../../src/domain/hubApi';
import { runKioskctl } from '../support/kioskctl';
import { call, useDatabase, useHub } from './support';

const dirs: string[] = [];
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-channel-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('hub URL', () => {
  it.each(['http://hub.example', 'http://10.0.0.5:8780', 'ftp://hub.example'])('refuses %s in config.json and in KIOSK_HUB_URL, saying why', (url) => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, 'config.json'), JSON.stringify({ hub: { url } }));
    expect(() => loadConfig(dataDir, {})).toThrow(ConfigError);
    expect(() => loadConfig(dataDir, {})).toThrow(/must be https:\/\//);
    expect(() => loadConfig(tempDir(), { KIOSK_HUB_URL: url })).toThrow(/must be https:\/\//);
  });

  it.each(['https://hub.example', 'http://127.0.0.1:8780', 'http://localhost:8780', 'http://[::1]:8780'])('takes %s', (url) => {
    expect(loadConfig(tempDir(), { KIOSK_HUB_URL: url }).hub.url).toBe(url);
  });

  it('kioskctl kiosk enrol refuses a plain-http hub, and an https hub without the fingerprint', { timeout: 60_000 }, async () => {
    const dataDir = tempDir();
    const plain = await runKioskctl(['kiosk', 'enrol', '--code', 'AAAA-BBBB-CCCC', '--hub', 'http://hub.example', '--data', dataDir]);
    expect(plain.code).toBe(64);
    expect(plain.stderr).toMatch(/must be https:\/\/.*credential would cross the network readable/);
    const unpinned = await runKioskctl(['kiosk', 'enrol', '--code', 'AAAA-BBBB-CCCC', '--hub', 'https://hub.example', '--data', dataDir]);
    expect(unpinned.code).toBe(64);
    expect(unpinned.stderr).toMatch(/--fingerprint FP is required/);
    expect(existsSync(credentialPath(dataDir))).toBe(false);
  });
});

describe('against a real hub', () => {
  const database = useDatabase('pglite');
  const started = useHub(database);
  const servers: Server[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  });

  /** A loopback HTTP server that records every request's path and headers, answering with `answer`. */
  async function recorder(answer: (res: ServerResponse) => void = (res) => res.writeHead(503).end()) {
    const seen: { path: string; headers: IncomingHttpHeaders }[] = [];
    const server = createServer((req, res) => {
      seen.push({ path: req.url ?? '', headers: req.headers });
      req.resume();
      answer(res);
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    return { seen, url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` };
  }

  it('gives the operator the fingerprint with the code, and enrols only with a hub whose keys match it', async () => {
    const admin = readRunningHub(started.dataDir);
    const issued = await call<{ code: string; fingerprint: string }>(`${started.hub.url}/v1/admin/enrolment-codes`, { token: admin?.adminToken, body: { siteCode: '420102-012' } });
    expect(issued.body.fingerprint).toBe(await hubKeyFingerprint(started.hub.keys));
    expect(issued.body.fingerprint).toMatch(/^[0-9a-f]{4}(-[0-9a-f]{4}){7}$/);

    const otherKeys = await hubKeyFingerprint({ ...started.hub.keys, hpkePublicKey: Buffer.alloc(32, 9).toString('base64') });
    const dataDir = tempDir();
    const refused = await enrolKiosk({ hubUrl: started.hub.url, code: issued.body.code, dataDir, fingerprint: otherKeys });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toMatch(/presented keys with fingerprint .* nothing was stored/);
    expect(readCredential(dataDir)).toBeNull();

    const { code } = await started.hub.createEnrolmentCode('420102-012');
    const typed = issued.body.fingerprint.toUpperCase().replace(/-/g, ' ');
    const accepted = await enrolKiosk({ hubUrl: started.hub.url, code, dataDir, fingerprint: typed });
    expect(accepted.ok).toBe(true);
    expect(readCredential(dataDir)?.signingPublicKey).toBe(started.hub.keys.signingPublicKey);
  });

  it('never sends the credential to a hub URL other than the one that issued it', async () => {
    const dataDir = tempDir();
    const { code } = await started.hub.createEnrolmentCode('420102-013');
    const enrolled = await enrolKiosk({ hubUrl: started.hub.url, code, dataDir });
    expect(enrolled.ok).toBe(true);
    const credential = readCredential(dataDir)?.credential ?? '';
    const elsewhere = await recorder();
    const lines: string[] = [];
    const service = createHubService({ url: elsewhere.url, dataDir, log: createLogger('test/channel', { write: (line) => lines.push(line) }), heartbeatMs: 0 });
    await service.start(createEventHub());
    expect((await service.heartbeat()).ok).toBe(false);
    expect(await service.handlers['hub.sendBatch']?.({ items: [] as never })).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(service.status().state).toBe('unenrolled');
    expect(elsewhere.seen.some((request) => JSON.stringify(request.headers).includes(credential))).toBe(false);
    expect(lines.some((line) => line.includes('issued by another hub URL'))).toBe(true);
    service.stop();
  });

  it('does not follow a redirect with the credential', async () => {
    const target = await recorder((res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
    const redirector = await recorder((res) => res.writeHead(307, { location: `${target.url}/v1/heartbeat` }).end());
    const dataDir = tempDir();
    const key = Buffer.alloc(32, 1).toString('base64');
    writeCredential(dataDir, { hubUrl: redirector.url, kioskId: 'k-redirect', siteCode: '420102-014', credential: 'r'.repeat(43), hpkePublicKey: key, signingPublicKey: key, enrolledAt: new Date(0).toISOString() });
    const service = createHubService({ url: redirector.url, dataDir, log: createLogger('test/channel', { write: () => undefined }), heartbeatMs: 0 });
    await service.start(createEventHub());
    const answer = await service.heartbeat();
    expect(answer).toMatchObject({ ok: false, error: { code: 'transport', message: 'the hub answered 307' } });
    expect(redirector.seen.length).toBeGreaterThanOrEqual(1); // to the issuing URL, with the credential
    expect(redirector.seen[0]?.headers.authorization).toBe(`Bearer ${'r'.repeat(43)}`);
    expect(target.seen).toEqual([]);
    service.stop();
  });
});
