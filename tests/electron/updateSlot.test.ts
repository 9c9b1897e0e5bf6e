// The built Electron shell's loader (dist/electron/loader.cjs, the package's entry), with the same stand-in
// `electron` module as shellSmoke.test.ts (a CONFIGURATION CHECK OF THE BUILT ARTEFACT: the Electron binary
// cannot run here). With an update installed in slot A, the loader counts the start once and runs slot A's own
// main process code and preload, which serve slot A's renderer; a slot whose main process code dies at start is
// rolled back after its three starts. The health check itself is proven end to end through the Chromium host
// (tests/e2e/updateRollback.spec.ts), which runs the same bootHost().
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { installBundle } from '../../main/host/update/installBundle';
import { trustKey } from '../../main/host/update/keys';
import { readState, slotPayloadDir } from '../../main/host/update/slotLayout';
import { makeKey, writeBundle } from '../update/rig';
import type { SigningKey } from '../update/rig';
import { buildShell } from './builtShell';
import type { BuiltShell } from './builtShell';
import { createFakeMainElectron, requireWithElectron } from './fakeElectronMain';

const factoryVersion = '9.8.7-smoke';
let shell: BuiltShell;
let temp: string;
let key: SigningKey;

beforeAll(async () => {
  shell = await buildShell();
  temp = mkdtempSync(join(tmpdir(), 'shell-update-'));
  key = makeKey();
  delete process.env.KIOSK_DATA_DIR;
});

afterAll(() => {
  shell?.remove();
  if (temp) rmSync(temp, { recursive: true, force: true });
});

/** A kiosk (its own userData) with the packaged renderer, and slot A installed with `payload`. */
function kioskWithSlot(name: string, payload: { path: string; bytes: Buffer }[]) {
  const appPath = join(temp, name, 'app');
  mkdirSync(join(appPath, 'renderer', 'dist'), { recursive: true });
  writeFileSync(join(appPath, 'renderer', 'dist', 'index.html'), '<!doctype html><title>packaged</title>');
  const userData = join(temp, name, 'userData');
  const dataDir = join(userData, 'kiosk');
  trustKey(dataDir, key.publicKey);
  const installed = installBundle(writeBundle(join(temp, name), key.privateKey, { version: '9.9.0' }, payload), {
    dataDir,
    factoryVersion,
    trusted: [key.publicKey],
    channel: 'stable',
    runtime: { node: process.versions.node, electron: null },
  });
  expect(installed).toMatchObject({ ok: true, slot: 'A' });
  const start = () => {
    const fake = createFakeMainElectron({ appPath, userData, version: factoryVersion, isPackaged: true, hasLock: true });
    requireWithElectron(shell.loader, fake.electron);
    return fake;
  };
  return { dataDir, start };
}

const slotRenderer = { path: 'renderer/index.html', bytes: Buffer.from('<!doctype html><title>slot 9.9.0</title>') };
const marked = (file: string) => Buffer.from(`globalThis.__kioskHostFrom = __filename;\n${readFileSync(file, 'utf8')}`);

describe('built Electron shell: the update loader (configuration, not proof that features work)', () => {
  it("counts the pending slot's start once and runs the slot's own main process code, preload and renderer", async () => {
    // The slot's host code is this build's, marked so the test sees which copy ran. Its native modules
    // (serialport, resvg, PGlite) resolve from the package, as they must from a slot under the data directory.
    const kiosk = kioskWithSlot('good', [slotRenderer, { path: 'electron/main.cjs', bytes: marked(shell.main) }, { path: 'electron/preload.cjs', bytes: readFileSync(shell.preload) }]);
    const fake = kiosk.start();
    await vi.waitFor(() => expect(fake.record.windows).toHaveLength(1), { timeout: 20_000, interval: 20 });
    try {
      const slotElectron = join(slotPayloadDir(kiosk.dataDir, 'A'), 'electron');
      expect((globalThis as { __kioskHostFrom?: string }).__kioskHostFrom).toBe(join(slotElectron, 'main.cjs'));
      expect(readState(kiosk.dataDir)).toMatchObject({ current: 'A', pending: true, bootAttempts: 1 });
      expect(fake.record.windows[0]!.options.webPreferences.preload).toBe(join(slotElectron, 'preload.cjs'));
      const response = await fake.record.protocolHandlers.get('app')!(new Request('app://kiosk/'));
      expect(await response.text()).toContain('<title>slot 9.9.0</title>');
    } finally {
      fake.app.emit('before-quit');
      delete (globalThis as { __kioskHostFrom?: string }).__kioskHostFrom;
    }
  });

  it('a slot whose main process code dies at start is left after its three starts for the packaged code', async () => {
    const kiosk = kioskWithSlot('dies', [slotRenderer, { path: 'electron/main.cjs', bytes: Buffer.from("throw new Error('this release cannot start');\n") }]);
    for (let attempt = 1; attempt <= 3; attempt++) {
      expect(() => kiosk.start()).toThrow('this release cannot start');
      expect(readState(kiosk.dataDir)).toMatchObject({ current: 'A', pending: true, bootAttempts: attempt });
    }
    const fake = kiosk.start();
    await vi.waitFor(() => expect(fake.record.windows).toHaveLength(1), { timeout: 20_000, interval: 20 });
    try {
      expect(readState(kiosk.dataDir)).toMatchObject({ current: 'factory', pending: false, lastResult: 'rolledBack' });
      expect(fake.record.windows[0]!.options.webPreferences.preload).toBe(shell.preload);
      const response = await fake.record.protocolHandlers.get('app')!(new Request('app://kiosk/'));
      expect(await response.text()).toContain('<title>packaged</title>');
    } finally {
      fake.app.emit('before-quit');
    }
  });
});
