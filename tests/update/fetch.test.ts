// A kiosk fetches its channel's newest release from a real hub (PGlite) and resumes a cut download with Range;
// wrong partial bytes are caught by the announced SHA-256 and the next attempt starts over; a version the kiosk
// rolled back from is not fetched again; `kioskctl update fetch --install` takes it all the way into a slot,
// and the kiosk's next heartbeat reports the new state to the hub.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEnrolmentCode, startHub } from '../../hub';
import type { RunningHubHandle } from '../../hub';
import { publishRelease } from '../../hub/store/releases';
import { enrolKiosk } from '../../main/host/hub/enrol';
import { readCredential } from '../../main/host/hub/credentialStore';
import { readManifestUnverified } from '../../main/host/update/bundleFormat';
import { fetchRelease } from '../../main/host/update/fetchRelease';
import type { FetchReleaseOptions } from '../../main/host/update/fetchRelease';
import { readState } from '../../main/host/update/slotLayout';
import { createHubService } from '../../main/host/hub/hubService';
import { createLogger } from '../../main/host/log';
import { trustedKeys } from '../../main/host/update/keys';
import { updateReport } from '../../main/host/update/updateService';
import { listKiosks } from '../../hub/store/kiosks';
import { createEventHub } from '../../src/bridge/dispatcher';
import { runKioskctl } from '../support/kioskctl';
import { bundleBytes, kioskDataDir, makeKey, payloadFor, tempDir } from './rig';

const key = makeKey();
let hub: RunningHubHandle;
const hubDir = tempDir('kiosk-hub-');
const bundle = bundleBytes(key.privateKey, { version: '0.5.0', notes: 'larger forms' }, payloadFor('0.5.0', 20));

beforeAll(async () => {
  hub = await startHub({ port: 0, dataDir: hubDir, databaseUrl: 'memory://', log: false, catalogFile: join(import.meta.dirname, '../../src/domain/catalogData/catalog.json') });
  await publishRelease(hub.db, { channel: 'stable', version: '0.5.0', rollout: 100, notes: 'larger forms', manifest: readManifestUnverified(bundle), bundle });
}, 60_000);
afterAll(async () => {
  await hub?.close();
  rmSync(hubDir, { recursive: true, force: true });
});

async function enrolledKiosk() {
  const kiosk = kioskDataDir(key);
  const { code } = await createEnrolmentCode(hub.db, '420100-001');
  const enrolled = await enrolKiosk({ hubUrl: hub.url, code, dataDir: kiosk.dataDir });
  expect(enrolled.ok).toBe(true);
  writeFileSync(join(kiosk.dataDir, 'config.json'), JSON.stringify({ hub: { url: hub.url }, update: { channel: 'stable' } }));
  const credential = readCredential(kiosk.dataDir);
  const options: FetchReleaseOptions = { hubUrl: hub.url, credential: credential?.credential ?? '', channel: 'stable', dataDir: kiosk.dataDir, installedVersion: '0.1.0', rolledBackVersion: null };
  return { kiosk, options };
}

/** Where a download of `bundle` keeps its partial bytes (main/host/update/fetchRelease.ts). */
const partFile = (dataDir: string) => {
  const dir = join(dataDir, 'update', 'downloads');
  mkdirSync(dir, { recursive: true });
  return join(dir, `${createHash('sha256').update(bundle).digest('hex')}.part`);
};

describe('fetching a release from the hub', () => {
  it('resumes a cut download where it stopped', async () => {
    const { options } = await enrolledKiosk();
    writeFileSync(partFile(options.dataDir), bundle.subarray(0, 1500)); // what a cut connection left
    const outcome = await fetchRelease(options);
    expect(outcome).toMatchObject({ status: 'downloaded', resumedFrom: 1500, info: { version: '0.5.0', size: bundle.length } });
    if (outcome.status === 'downloaded') expect(readFileSync(outcome.file).equals(bundle)).toBe(true);
  });

  it('throws away partial bytes that do not match and starts over next time', async () => {
    const { options } = await enrolledKiosk();
    writeFileSync(partFile(options.dataDir), Buffer.alloc(1500, 0x55));
    expect(await fetchRelease(options)).toMatchObject({ status: 'failed' });
    expect(await fetchRelease(options)).toMatchObject({ status: 'downloaded', resumedFrom: 0 });
  });

  it('does not fetch the version it rolled back from, nor one not newer', async () => {
    const { options } = await enrolledKiosk();
    expect(await fetchRelease({ ...options, rolledBackVersion: '0.5.0' })).toMatchObject({ status: 'upToDate', info: { version: '0.5.0' } });
    expect(await fetchRelease({ ...options, installedVersion: '0.5.0' })).toMatchObject({ status: 'upToDate' });
  });

  it('kioskctl update fetch --install downloads and installs into a slot', { timeout: 120_000 }, async () => {
    const { kiosk } = await enrolledKiosk();
    const run = await runKioskctl(['update', 'fetch', '--install', '--data', kiosk.dataDir], {}, 90_000);
    expect(run.code, run.stderr).toBe(0);
    expect(readState(kiosk.dataDir)).toMatchObject({ current: 'A', pending: true, lastResult: 'installed' });

    // The next heartbeat tells the hub, and `kioskctl hub kiosks` (listKiosks) shows it.
    const log = createLogger('test/hub', { level: 'error' });
    const service = createHubService({ url: hub.url, dataDir: kiosk.dataDir, log, heartbeatMs: 0, updateReport: () => updateReport({ ...kiosk, trusted: trustedKeys(kiosk.dataDir) }) });
    await service.start(createEventHub());
    const beat = await service.heartbeat();
    await service.stop();
    expect(beat.ok, JSON.stringify(beat)).toBe(true);
    const credential = readCredential(kiosk.dataDir);
    const listed = (await listKiosks(hub.db)).find((k) => k.kioskId === credential?.kioskId);
    expect(listed?.update).toEqual({ current: { slot: 'A', version: '0.5.0' }, previous: { slot: 'factory', version: '0.1.0' }, pending: true, lastResult: 'installed', rolledBack: null });
  });
});
