// `kioskctl kiosk enrol / status`, spawned as a real process against a real hub (in process, PGlite): the
// credential lands where the kiosk host reads it, 0600, never printed; the host's hub client then uses it.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub } from '../../hub/startHub';
import type { RunningHubHandle } from '../../hub/startHub';
import { createDispatcher, createEventHub } from '../../src/bridge/dispatcher';
import { loadConfig } from '../../main/host/config';
import { credentialPath } from '../../main/host/hub/credentialStore';
import { createHubService } from '../../main/host/hub/hubService';
import { createLogger } from '../../main/host/log';
import { runKioskctl } from '../support/kioskctl';

const kioskctl = (args: string[], env: NodeJS.ProcessEnv = {}) => runKioskctl(['kiosk', ...args], { KIOSK_DATA_DIR: '', ...env });

describe('kioskctl kiosk', () => {
  const dirs: string[] = [];
  const tempDir = (prefix: string) => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(dir);
    return dir;
  };
  let hub: RunningHubHandle;
  beforeAll(async () => {
    hub = await startHub({ dataDir: tempDir('kiosk-cli-hub-'), databaseUrl: 'memory://', log: false });
  });
  afterAll(async () => {
    await hub?.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('enrols with a one-time code, reports the enrolment without the credential, and the host uses it', { timeout: 60_000 }, async () => {
    const dataDir = tempDir('kiosk-cli-data-');
    const before = await kioskctl(['status', '--data', dataDir]);
    expect(before.code).toBe(1);
    expect(before.stdout).toMatch(/^enrolled: {4}no$/m);

    const refused = await kioskctl(['enrol', '--code', 'AAAA-BBBB-CCCC', '--hub', hub.url, '--data', dataDir]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/enrolment failed \(forbidden\)/);
    expect(existsSync(credentialPath(dataDir))).toBe(false);

    const { code } = await hub.createEnrolmentCode('420102-003');
    const enrolled = await kioskctl(['enrol', '--code', code, '--hub', hub.url, '--data', dataDir]);
    expect(enrolled.code, enrolled.stderr).toBe(0);
    expect(enrolled.stdout).toMatch(new RegExp(`^enrolled as 420102-003-\\S+ at site 420102-003 with ${hub.url.replace(/[.]/g, '\\.')}$`, 'm'));
    const stored = JSON.parse(readFileSync(credentialPath(dataDir), 'utf8')) as { kioskId: string; credential: string; signingPublicKey: string };
    expect(statSync(credentialPath(dataDir)).mode & 0o777).toBe(0o600);
    expect(stored.signingPublicKey).toBe(hub.keys.signingPublicKey);
    expect(loadConfig(dataDir, {}).hub.url).toBe(hub.url);

    // KIOSK_DATA_DIR is the default data directory, as for the Chromium host and npm start.
    const status = await kioskctl(['status'], { KIOSK_DATA_DIR: dataDir });
    expect(status.code).toBe(0);
    expect(status.stdout).toContain(`kiosk id:    ${stored.kioskId}`);
    expect(status.stdout).toContain('site:        420102-003');
    expect(status.stdout).toContain(`hub:         ${hub.url}`);
    expect(status.stdout).toMatch(/^enrolled: {4}yes$/m);
    const json = await kioskctl(['status', '--json', '--data', dataDir]);
    expect(JSON.parse(json.stdout)).toMatchObject({ enrolled: true, kioskId: stored.kioskId, siteCode: '420102-003', hubUrl: hub.url });
    for (const output of [enrolled, status, json]) expect(output.stdout + output.stderr).not.toContain(stored.credential);

    // A second enrolment must be asked for: it would re-key the kiosk under queued applications.
    const { code: second } = await hub.createEnrolmentCode('420102-003');
    const again = await kioskctl(['enrol', '--code', second, '--hub', hub.url, '--data', dataDir]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already enrolled as .* --force/);

    // The kiosk host reads the same file from the same directory and talks to the hub with it.
    const log = createLogger('test/kiosk-cli', { level: 'error', write: () => undefined });
    const service = createHubService({ url: loadConfig(dataDir, {}).hub.url ?? '', dataDir, log, heartbeatMs: 0 });
    await service.start(createEventHub());
    expect((await service.heartbeat()).ok).toBe(true);
    expect(await createDispatcher(service.handlers).dispatch('kiosk.identity', {})).toMatchObject({ ok: true, value: { kioskId: stored.kioskId, siteCode: '420102-003' } });
    await service.stop();
    const seen = await hub.db.query<{ id: string; last_seen_at: Date | null }>('SELECT id, last_seen_at FROM kiosks WHERE id = $1', [stored.kioskId]);
    expect(seen.rows[0]?.last_seen_at).toBeInstanceOf(Date);

    const forced = await kioskctl(['enrol', '--code', second, '--hub', hub.url, '--data', dataDir, '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(JSON.parse(readFileSync(credentialPath(dataDir), 'utf8')).kioskId).not.toBe(stored.kioskId);
  });

  it('refuses bad arguments and reports a damaged credential file', { timeout: 60_000 }, async () => {
    const dataDir = tempDir('kiosk-cli-bad-');
    expect((await kioskctl(['enrol', '--hub', hub.url, '--data', dataDir])).code).toBe(64);
    expect((await kioskctl(['enrol', '--code', 'AAAA-BBBB-CCCC', '--hub', 'not a url', '--data', dataDir])).code).toBe(64);
    expect((await kioskctl(['nothing', '--data', dataDir])).code).toBe(64);
    writeFileSync(credentialPath(dataDir), '{"kioskId": 1}');
    const damaged = await kioskctl(['status', '--data', dataDir]);
    expect(damaged.code).toBe(1);
    expect(damaged.stderr).toMatch(/damaged.*re-enrol/);
    // A broken config.json fails the enrolment before the one-time code is spent.
    writeFileSync(join(dataDir, 'config.json'), '{ not json');
    const { code } = await hub.createEnrolmentCode('420102-004');
    const broken = await kioskctl(['enrol', '--code', code, '--hub', hub.url, '--data', dataDir]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/config\.json is not valid JSON/);
    const used = await hub.db.query<{ used_at: Date | null }>('SELECT used_at FROM enrolment_codes WHERE site_code = $1', ['420102-004']);
    expect(used.rows[0]?.used_at).toBeNull();
  });
});
