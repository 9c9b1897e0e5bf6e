// The built Electron shell's loader, with the same stand-in `electron` module as shellSmoke.test.ts (a
// CONFIGURATION CHECK OF THE BUILT ARTEFACT: the Electron binary cannot run here). With an update installed in
// slot A, the shell counts the start and serves slot A's renderer on app://kiosk/, not the packaged one. The
// health check and rollback themselves are proven end to end through the Chromium host
// (tests/e2e/updateRollback.spec.ts), which runs the same bootHost().
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { installBundle } from '../../main/host/update/installBundle';
import { trustKey } from '../../main/host/update/keys';
import { readState } from '../../main/host/update/slotLayout';
import { makeKey, writeBundle } from '../update/rig';
import { buildShell } from './builtShell';
import type { BuiltShell } from './builtShell';
import { createFakeMainElectron, requireWithElectron } from './fakeElectronMain';

let shell: BuiltShell;
let temp: string;
let fake: ReturnType<typeof createFakeMainElectron>;
let dataDir: string;

beforeAll(async () => {
  shell = await buildShell();
  temp = mkdtempSync(join(tmpdir(), 'shell-update-'));
  const appPath = join(temp, 'app');
  mkdirSync(join(appPath, 'renderer', 'dist'), { recursive: true });
  writeFileSync(join(appPath, 'renderer', 'dist', 'index.html'), '<!doctype html><title>packaged</title>');
  dataDir = join(temp, 'userData', 'kiosk');
  const key = makeKey();
  trustKey(dataDir, key.publicKey);
  const slotPayload = [{ path: 'renderer/index.html', bytes: Buffer.from('<!doctype html><title>slot 9.9.0</title>') }];
  const installed = installBundle(writeBundle(temp, key.privateKey, { version: '9.9.0' }, slotPayload), {
    dataDir,
    factoryVersion: '9.8.7-smoke',
    trusted: [key.publicKey],
    channel: 'stable',
    runtime: { node: process.versions.node, electron: null },
  });
  expect(installed).toMatchObject({ ok: true, slot: 'A' });
  delete process.env.KIOSK_DATA_DIR;
  fake = createFakeMainElectron({ appPath, userData: join(temp, 'userData'), version: '9.8.7-smoke', isPackaged: true, hasLock: true });
  requireWithElectron(shell.main, fake.electron);
  await vi.waitFor(() => expect(fake.record.windows).toHaveLength(1), { timeout: 20_000, interval: 20 });
});

afterAll(() => {
  fake?.app.emit('before-quit');
  shell?.remove();
  if (temp) rmSync(temp, { recursive: true, force: true });
});

describe('built Electron shell: the update loader (configuration, not proof that features work)', () => {
  it('counts the start of the pending slot and serves its renderer', async () => {
    expect(readState(dataDir)).toMatchObject({ current: 'A', pending: true, bootAttempts: 1 });
    const response = await fake.record.protocolHandlers.get('app')!(new Request('app://kiosk/'));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>slot 9.9.0</title>');
  });
});
