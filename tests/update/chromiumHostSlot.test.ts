// The Chromium host's loader (main/browser/loader.ts, a kiosk's entry) runs the host code an update slot carries
// (`browser/main.mjs`, this project's own bundle) and counts the start once; a slot whose host code dies at
// start is left after its three starts for the packaged host code; the keys the package ships are trusted, and
// logged, at the first start. Real processes, real slots, the real bundle;
// the host runs headless (no Chromium window), which is all the loader decides about. The same loader with a
// real Chromium, the health check and the outbox: tests/e2e/updateRollback.spec.ts.
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildChromiumHost } from '../../main/browser/build';
import { installBundle } from '../../main/host/update/installBundle';
import { readState } from '../../main/host/update/slotLayout';
import { startChild, waitForLine } from '../../main/processes';
import { freePort } from '../support/freePort';
import { kioskDataDir, makeKey, tempDir, writeBundle } from './rig';

const root = join(import.meta.dirname, '..', '..');
let temp: string;
let hostBundle: string;
let factoryRenderer: string;

beforeAll(async () => {
  temp = tempDir('chromium-host-slot-');
  hostBundle = await buildChromiumHost(join(temp, 'build'), 'warning');
  factoryRenderer = join(temp, 'factory-renderer');
  mkdirSync(factoryRenderer);
  writeFileSync(join(factoryRenderer, 'index.html'), '<!doctype html><title>packaged</title>');
});
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** A kiosk with slot A installed from `payload`, and one start of its loader. */
function kioskWithSlot(payload: { path: string; bytes: Buffer }[]) {
  const key = makeKey();
  const kiosk = kioskDataDir(key);
  const installed = installBundle(writeBundle(temp, key.privateKey, { version: '0.9.0' }, payload), { ...kiosk, channel: 'stable', runtime: { node: process.versions.node, electron: null } });
  expect(installed).toMatchObject({ ok: true, slot: 'A' });
  const start = async () => {
    const port = await freePort();
    const child = startChild('kiosk', process.execPath, ['--import', 'tsx', join(root, 'main/browser/loader.ts'), '--headless'], {
      cwd: root,
      env: { ...process.env, KIOSK_DATA_DIR: kiosk.dataDir, KIOSK_PORT: String(port), KIOSK_RENDERER_DIR: factoryRenderer, KIOSK_LOG_LEVEL: 'error' },
    });
    return { child, port };
  };
  return { dataDir: kiosk.dataDir, start };
}

const slotRenderer = { path: 'renderer/index.html', bytes: Buffer.from('<!doctype html><title>slot 0.9.0</title>') };
const page = async (port: number) => (await fetch(`http://127.0.0.1:${port}/`)).text();

describe("the Chromium host's loader", () => {
  it("trusts the package's update keys before deciding, and the host logs it at that first start only", async () => {
    const keysDir = join(temp, 'package-keys');
    mkdirSync(keysDir);
    copyFileSync(makeKey().publicFile, join(keysDir, 'production.pub'));
    const dataDir = tempDir('kiosk-first-start-');
    const trustedLines = () => readFileSync(join(dataDir, 'logs', 'kiosk.log'), 'utf8').split('\n').filter((line) => line.includes('"msg":"update keys trusted from the package"'));
    for (const _start of [1, 2]) {
      const child = startChild('kiosk', process.execPath, ['--import', 'tsx', join(root, 'main/browser/loader.ts'), '--headless'], {
        cwd: root,
        env: { ...process.env, KIOSK_DATA_DIR: dataDir, KIOSK_PORT: String(await freePort()), KIOSK_RENDERER_DIR: factoryRenderer, KIOSK_UPDATE_KEYS_DIR: keysDir, KIOSK_LOG_LEVEL: 'info' },
      });
      try {
        await waitForLine(child, /Kiosk ready at/, 30_000);
      } finally {
        await child.stop(5000);
      }
    }
    expect(trustedLines()).toHaveLength(1);
    expect(JSON.parse(trustedLines()[0]!)).toMatchObject({ count: 1 });
    rmSync(dataDir, { recursive: true, force: true });
  }, 90_000);

  it("runs the slot's own host code (packages from the installed package) and counts its start once", async () => {
    const marked = Buffer.concat([Buffer.from("console.log('host code from the slot');\n"), readFileSync(hostBundle)]);
    const kiosk = kioskWithSlot([slotRenderer, { path: 'browser/main.mjs', bytes: marked }]);
    const { child, port } = await kiosk.start();
    try {
      let stdout = '';
      child.process.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      await waitForLine(child, /Kiosk ready at/, 30_000);
      expect(stdout.split('\n')[0]).toBe('host code from the slot');
      expect(readState(kiosk.dataDir)).toMatchObject({ current: 'A', pending: true, bootAttempts: 1 });
      expect(await page(port)).toContain('<title>slot 0.9.0</title>');
    } finally {
      await child.stop(5000);
    }
  }, 90_000);

  it('a slot whose host code dies at start is left after its three starts for the packaged host code', async () => {
    const kiosk = kioskWithSlot([slotRenderer, { path: 'browser/main.mjs', bytes: Buffer.from("throw new Error('this release cannot start');\n") }]);
    for (let attempt = 1; attempt <= 3; attempt++) {
      const { child } = await kiosk.start();
      expect(await child.exited).not.toBe(0);
      expect(readState(kiosk.dataDir)).toMatchObject({ current: 'A', pending: true, bootAttempts: attempt });
    }
    const { child, port } = await kiosk.start();
    try {
      await waitForLine(child, /Kiosk ready at/, 30_000);
      expect(readState(kiosk.dataDir)).toMatchObject({ current: 'factory', pending: false, lastResult: 'rolledBack' });
      expect(await page(port)).toContain('<title>packaged</title>');
    } finally {
      await child.stop(5000);
    }
  }, 120_000);
});
