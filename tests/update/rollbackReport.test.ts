// After an automatic rollback the hub is told at once: the kiosk host boots (bootHost, as both hosts do), the
// loader returns from a slot that used its three starts, and the hub service's first heartbeat — sent at start,
// not a minute later — carries the update report with `rolledBack`. `kioskctl hub kiosks` (against the running
// hub on PGlite) then shows current, previous, pending and the last result with the failed version and why.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEnrolmentCode, startHub } from '../../hub';
import type { RunningHubHandle } from '../../hub';
import { listKiosks } from '../../hub/store/kiosks';
import { bootHost } from '../../main/host/bootstrap';
import { readCredential } from '../../main/host/hub/credentialStore';
import { enrolKiosk } from '../../main/host/hub/enrol';
import { decideBoot } from '../../main/host/update/bootSlot';
import { installBundle } from '../../main/host/update/installBundle';
import { runKioskctl } from '../support/kioskctl';
import { kioskDataDir, makeKey, tempDir, writeBundle } from './rig';

const key = makeKey();
let hub: RunningHubHandle;
const hubDir = tempDir('kiosk-hub-');

beforeAll(async () => {
  // PGlite in the hub's data folder (not in memory), as `kioskctl hub start` runs it.
  hub = await startHub({ port: 0, dataDir: hubDir, log: false, catalogFile: join(import.meta.dirname, '../../src/domain/catalogData/catalog.json') });
}, 60_000);
afterAll(async () => {
  await hub?.close();
  rmSync(hubDir, { recursive: true, force: true });
});

describe('rollback report', () => {
  it('reaches the hub with the first heartbeat after the start that rolled back, and hub kiosks shows it', { timeout: 120_000 }, async () => {
    const kiosk = kioskDataDir(key);
    const { code } = await createEnrolmentCode(hub.db, '420100-001');
    expect((await enrolKiosk({ hubUrl: hub.url, code, dataDir: kiosk.dataDir })).ok).toBe(true);
    writeFileSync(join(kiosk.dataDir, 'config.json'), JSON.stringify({ hub: { url: hub.url }, update: { channel: 'stable' } }));
    const kioskId = readCredential(kiosk.dataDir)?.kioskId;

    // 0.9.0 is installed and started three times without a good health report (the watchdog's restarts).
    expect(installBundle(writeBundle(tempDir(), key.privateKey, { version: '0.9.0' }), { ...kiosk, channel: 'stable', runtime: { node: process.versions.node, electron: null } })).toMatchObject({ ok: true, slot: 'A' });
    for (let start = 0; start < 3; start++) expect(decideBoot(kiosk).source).toBe('A');

    // The fourth start: the real host boot goes back to the factory payload and starts its services.
    const factoryRenderer = tempDir('kiosk-factory-');
    mkdirSync(join(factoryRenderer, 'assets'));
    const booted = await bootHost('browser', { factoryRendererDir: factoryRenderer, onUnhealthy: () => undefined }, kiosk.dataDir, kiosk.factoryVersion);
    try {
      expect(booted.start).toMatchObject({ source: 'factory', rolledBack: 'not marked good after 3 starts' });
      // No second heartbeat comes for a minute (the default period): only the one sent at start can pass this.
      await expect
        .poll(async () => (await listKiosks(hub.db)).find((k) => k.kioskId === kioskId)?.update, { timeout: 20_000 })
        .toEqual({ current: { slot: 'factory', version: '0.1.0' }, previous: null, pending: false, lastResult: 'rolledBack', rolledBack: { version: '0.9.0', reason: 'not marked good after 3 starts' } });
    } finally {
      await booted.host.stop();
    }

    const run = await runKioskctl(['hub', 'kiosks', '--data', hubDir], {}, 60_000);
    expect(run.code, run.stderr).toBe(0);
    const listed = (JSON.parse(run.stdout) as { kioskId: string; update: unknown }[]).find((k) => k.kioskId === kioskId);
    expect(listed?.update).toEqual({ current: { slot: 'factory', version: '0.1.0' }, previous: null, pending: false, lastResult: 'rolledBack', rolledBack: { version: '0.9.0', reason: 'not marked good after 3 starts' } });
    rmSync(kiosk.dataDir, { recursive: true, force: true });
  });
});
