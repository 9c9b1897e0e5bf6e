// The built Electron shell's answers to a failing window (issue 15 §1), in the style of shellSmoke.test.ts: the
// bundle is loaded with the stand-in `electron` module and the real host services, and the test plays what
// Electron would emit (a crashed or hung renderer, a close from the window manager, a zoom). Like the smoke test
// this checks the WIRING of the built artefact, not that Chromium emits these events; the counting policy is
// main/electron/rendererFailures.test.ts. The hub is a small recording HTTP server on loopback, so "reported to
// the hub" is the heartbeat the host really sends.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildShell } from './builtShell';
import type { BuiltShell } from './builtShell';
import { createFakeMainElectron, requireWithElectron } from './fakeElectronMain';
import type { FakeWindow } from './fakeElectronMain';

let shell: BuiltShell;
let temp: string;
let fake: ReturnType<typeof createFakeMainElectron>;
let window: FakeWindow;
let hub: Server;
const heartbeats: { devices: Record<string, { status: string; detail?: string }> }[] = [];
const saved = { ...process.env };

beforeAll(async () => {
  hub = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      if (request.url === '/v1/heartbeat') heartbeats.push(JSON.parse(body) as (typeof heartbeats)[number]);
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ serverTime: new Date().toISOString(), catalogEtag: 'e1' }));
    });
  });
  await new Promise<void>((resolve) => hub.listen(0, '127.0.0.1', resolve));
  const hubUrl = `http://127.0.0.1:${(hub.address() as { port: number }).port}`;

  shell = await buildShell();
  temp = mkdtempSync(join(tmpdir(), 'shell-recovery-'));
  const appPath = join(temp, 'app');
  mkdirSync(join(appPath, 'renderer', 'dist'), { recursive: true });
  writeFileSync(join(appPath, 'renderer', 'dist', 'index.html'), '<!doctype html><title>kiosk</title>');
  const dataDir = join(temp, 'userData', 'kiosk');
  mkdirSync(dataDir, { recursive: true });
  // Enrolled already: the heartbeat goes out without an enrolment round.
  writeFileSync(
    join(dataDir, 'hub-credential.json'),
    JSON.stringify({ hubUrl, kioskId: '420100-001-TEST', siteCode: '420100-001', credential: 'c'.repeat(32), hpkePublicKey: 'AAAA', signingPublicKey: 'AAAA', enrolledAt: '2030-01-01T00:00:00.000Z' }),
  );
  delete process.env.KIOSK_DATA_DIR;
  process.env.KIOSK_HUB_URL = hubUrl;
  process.env.KIOSK_UNRESPONSIVE_GRACE_MS = '300';
  fake = createFakeMainElectron({ appPath, userData: join(temp, 'userData'), version: '9.8.7-recovery', isPackaged: true, hasLock: true });
  requireWithElectron(shell.loader, fake.electron);
  await vi.waitFor(() => expect(fake.record.windows).toHaveLength(1), { timeout: 20_000, interval: 20 });
  window = fake.record.windows[0]!;
});

afterAll(async () => {
  fake?.app.emit('before-quit');
  shell?.remove();
  hub?.close();
  process.env = saved;
  if (temp) rmSync(temp, { recursive: true, force: true });
});

const logLines = (message: string) =>
  readFileSync(join(temp, 'userData', 'kiosk', 'logs', 'kiosk.log'), 'utf8')
    .split('\n')
    .filter((line) => line.includes(`"msg":"${message}"`))
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('built Electron shell: a failing window (wiring, not proof that Electron emits these events)', () => {
  it('pins zoom: no pinch range, a zoom change is undone, Ctrl +/-/0 are refused', () => {
    const contents = window.webContents;
    expect(contents.visualZoomLimits).toEqual([1, 1]);
    contents.zoomFactor = 1.5;
    contents.emit('zoom-changed', {}, 'in');
    expect(contents.zoomFactor).toBe(1);
    const press = (input: Record<string, unknown>) => {
      const event = { preventDefault: vi.fn() };
      contents.emit('before-input-event', event, { type: 'keyDown', control: false, meta: false, ...input });
      return event.preventDefault.mock.calls.length > 0;
    };
    expect([press({ control: true, key: '+' }), press({ control: true, key: '-' }), press({ control: true, key: '0' }), press({ meta: true, key: '=' })]).toEqual([true, true, true, true]);
    expect([press({ key: '+' }), press({ control: true, key: 'a' })]).toEqual([false, false]);
  });

  it('refuses to close the window (Alt+F4, the window manager) and does not quit', () => {
    const event = { preventDefault: vi.fn() };
    window.emit('close', event);
    expect(event.preventDefault).toHaveBeenCalledTimes(1);
    expect(fake.record.quits).toBe(0);
    expect(logLines('kiosk window close refused')).toHaveLength(1);
  });

  it('reloads a crashed renderer, and a hung one after its grace (a hang that ends in time is left alone)', async () => {
    const loadsBefore = window.loaded.length;
    window.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    expect(window.loaded.slice(loadsBefore)).toEqual(['app://kiosk/']);

    window.webContents.emit('unresponsive');
    window.webContents.emit('responsive');
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(window.webContents.forcedCrashes).toBe(0);

    window.webContents.emit('unresponsive');
    await vi.waitFor(() => expect(window.webContents.forcedCrashes).toBe(1), { timeout: 5000, interval: 20 });
    window.webContents.emit('render-process-gone', {}, { reason: 'killed', exitCode: 9 }); // the crash we asked for: not a third failure
    expect(window.loaded.slice(loadsBefore)).toEqual(['app://kiosk/', 'app://kiosk/']);
    expect(logLines('renderer failed; reloading')).toMatchObject([
      { kind: 'crashed', reason: 'crashed', code: 139, failures: 1 },
      { kind: 'unresponsive', failures: 2 },
    ]);
  });

  it('the third failure in 10 minutes shows 暂停服务 with the 12345 hotline and tells the hub at once', async () => {
    window.webContents.emit('render-process-gone', {}, { reason: 'oom', exitCode: 0 });
    const shown = window.loaded.at(-1)!;
    expect(shown.startsWith('data:text/html')).toBe(true);
    const html = decodeURIComponent(shown.slice(shown.indexOf(',') + 1));
    expect(html).toContain('暂停服务');
    expect(html).toContain('12345');
    expect(logLines('renderer out of service')).toMatchObject([{ kind: 'crashed', reason: 'oom' }]);
    await vi.waitFor(() => expect(heartbeats.at(-1)?.devices.renderer).toEqual({ status: 'offline', detail: 'outOfService after=crashed' }), { timeout: 10_000, interval: 50 });
    expect(fake.record.quits).toBe(0);
  });
});
