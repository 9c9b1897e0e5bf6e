// A hub release installs by itself only at a quiet hour with nobody at the kiosk: the host's auto-update
// service, with an injected clock, against a real hub (PGlite in memory) holding a published release. At 10:00
// China time and at 03:00 during a resident's session it does nothing; at 03:00 with the kiosk idle it
// downloads, installs (pending) and restarts into it; afterwards the pending slot stops it from going again.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEnrolmentCode, startHub } from '../../hub';
import type { RunningHubHandle } from '../../hub';
import { publishRelease } from '../../hub/store/releases';
import { readCredential } from '../../main/host/hub/credentialStore';
import { enrolKiosk } from '../../main/host/hub/enrol';
import { createLogger } from '../../main/host/log';
import { createAutoUpdateService } from '../../main/host/update/autoUpdateService';
import { readManifestUnverified } from '../../main/host/update/bundleFormat';
import { readState } from '../../main/host/update/slotLayout';
import { createEventHub } from '../../src/bridge/dispatcher';
import { chinaInstant } from '../../src/domain/clock';
import { bundleBytes, kioskDataDir, makeKey, payloadFor, tempDir } from './rig';

const key = makeKey();
let hub: RunningHubHandle;
const hubDir = tempDir('kiosk-hub-');
const bundle = bundleBytes(key.privateKey, { version: '0.6.0' }, payloadFor('0.6.0', 5));

beforeAll(async () => {
  hub = await startHub({ port: 0, dataDir: hubDir, databaseUrl: 'memory://', log: false, catalogFile: join(import.meta.dirname, '../../src/domain/catalogData/catalog.json') });
  await publishRelease(hub.db, { channel: 'stable', version: '0.6.0', rollout: 100, notes: '', manifest: readManifestUnverified(bundle), bundle });
}, 60_000);
afterAll(async () => {
  await hub?.close();
  rmSync(hubDir, { recursive: true, force: true });
});

describe('automatic install of hub releases', () => {
  it('waits outside the quiet hours and during a session, installs at 03:00 when idle, then restarts', async () => {
    const kiosk = kioskDataDir(key);
    const { code } = await createEnrolmentCode(hub.db, '420100-001');
    expect((await enrolKiosk({ hubUrl: hub.url, code, dataDir: kiosk.dataDir })).ok).toBe(true);
    writeFileSync(join(kiosk.dataDir, 'config.json'), JSON.stringify({ hub: { url: hub.url } }));
    let now = chinaInstant('2031-03-14', '10:00').getTime();
    let restarts = 0;
    const service = createAutoUpdateService({
      dataDir: kiosk.dataDir,
      factoryVersion: kiosk.factoryVersion,
      channel: 'stable',
      quietHours: { start: '02:00', end: '05:00' },
      enabled: true,
      clock: { now: () => now },
      log: createLogger('test', { write: () => undefined }),
      restart: () => restarts++,
      hub: () => readCredential(kiosk.dataDir),
      tickMs: 0,
    });
    await service.start(createEventHub());

    expect(await service.tick()).toBe('waited'); // 10:00
    now = chinaInstant('2031-03-15', '03:00').getTime();
    await service.handlers['update.residentSession']!({ active: true });
    expect(await service.tick()).toBe('waited'); // a resident is at the kiosk
    expect(readState(kiosk.dataDir)).toMatchObject({ current: 'factory', pending: false });

    await service.handlers['update.residentSession']!({ active: false });
    expect(await service.tick()).toBe('installed');
    expect(readState(kiosk.dataDir)).toMatchObject({ current: 'A', pending: true, lastResult: 'installed' });
    expect(restarts).toBe(1);

    // Pending its first good start: nothing more, however late in the window.
    now += 60 * 60_000;
    expect(await service.tick()).toBe('waited');
    await service.stop();
    rmSync(kiosk.dataDir, { recursive: true, force: true });
  }, 60_000);
});
