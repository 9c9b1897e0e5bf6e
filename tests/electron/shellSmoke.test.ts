// Smoke test of the built Electron shell: dist/electron/main.cjs and preload.cjs (built by the project's own
// build function) are loaded in Node with a stand-in `electron` module that records what the shell asks for.
//
// This is a CONFIGURATION CHECK OF THE BUILT ARTEFACT, NOT PROOF THAT FEATURES WORK. The Electron binary cannot
// be downloaded here, so nothing below shows that Chromium honours these options; what it shows is that the
// bundle, as shipped, asks Electron for the hardened window, protocol, handlers and IPC wiring that DESIGN.md §2
// requires, and that it starts the real host services. The features themselves are proven end to end through
// the Chromium host (tests/e2e), which runs the same renderer and host services.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { contentSecurityPolicy } from '../../main/host/csp';
import { ipcChannels, methods } from '../../src/bridge/contract';
import { buildShell, readBuilderConfig } from './builtShell';
import type { BuiltShell } from './builtShell';
import { createFakeMainElectron, createFakePreloadElectron, requireWithElectron } from './fakeElectronMain';
import type { FakeWindow } from './fakeElectronMain';

let shell: BuiltShell;
let temp: string;
let appPath: string;
let fake: ReturnType<typeof createFakeMainElectron>;
let window: FakeWindow;
const secret = 'root:x:0:0:secret outside the renderer folder';

beforeAll(async () => {
  shell = await buildShell();
  temp = mkdtempSync(join(tmpdir(), 'shell-smoke-'));
  appPath = join(temp, 'app');
  mkdirSync(join(appPath, 'renderer', 'dist'), { recursive: true });
  writeFileSync(join(appPath, 'renderer', 'dist', 'index.html'), '<!doctype html><title>kiosk</title>');
  writeFileSync(join(appPath, 'secret.txt'), secret);
  writeFileSync(join(temp, 'secret.txt'), secret);
  delete process.env.KIOSK_DATA_DIR; // the packaged shell keeps its data under userData
  fake = createFakeMainElectron({ appPath, userData: join(temp, 'userData'), version: '9.8.7-smoke', isPackaged: true, hasLock: true });
  requireWithElectron(shell.loader, fake.electron);
  await vi.waitFor(() => expect(fake.record.windows).toHaveLength(1), { timeout: 20_000, interval: 20 });
  window = fake.record.windows[0]!;
});

afterAll(async () => {
  fake?.app.emit('before-quit');
  shell?.remove();
  if (temp) rmSync(temp, { recursive: true, force: true });
});

describe('built Electron shell: configuration (not proof that features work)', () => {
  it('registers the app:// scheme as privileged before ready, and boots the host under userData', () => {
    expect(fake.record.calls.slice(0, 2)).toEqual(['protocol.registerSchemesAsPrivileged', 'app.whenReady']);
    expect(fake.record.privilegedSchemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    expect(fake.record.switches).toContain('enable-speech-dispatcher'); // voice guidance on Linux (speech-dispatcher + espeak-ng)
    expect(readFileSync(join(temp, 'userData', 'kiosk', 'logs', 'kiosk.log'), 'utf8')).toContain('host started');
  });

  it('opens one kiosk window with the hardened webPreferences and the built preload, on app://kiosk/', () => {
    expect(window.options).toMatchObject({ kiosk: true, fullscreen: true });
    expect(window.options.webPreferences).toMatchObject({
      preload: shell.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      devTools: false,
    });
    expect(window.loaded).toEqual(['app://kiosk/']);
    expect(fake.record.applicationMenu).toBeNull();
  });

  it('serves the renderer on app://kiosk/ with the CSP and nosniff headers', async () => {
    const response = await fake.record.protocolHandlers.get('app')!(new Request('app://kiosk/'));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>kiosk</title>');
    expect(response.headers.get('Content-Security-Policy')).toBe(contentSecurityPolicy());
    expect(response.headers.get('Content-Security-Policy')).toMatch(/script-src 'self';/);
    expect(response.headers.get('Content-Security-Policy')).not.toMatch(/unsafe-eval/);
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
  });

  it.each([
    'app://kiosk/../../secret.txt',
    'app://kiosk/%2e%2e/%2e%2e/secret.txt',
    'app://kiosk/..%2f..%2fsecret.txt',
    'app://kiosk/%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://kiosk/..%2F..%2F..%2Fsecret.txt',
    'app://kiosk/%252e%252e%252f%252e%252e%252fsecret.txt',
    'app://kiosk/..%5c..%5csecret.txt',
    'app://kiosk/%2Fetc%2Fpasswd',
    'app://evil/index.html',
  ])('never serves a file outside the renderer folder: %s', async (url) => {
    const fetchedBefore = fake.record.fetched.length;
    const answer = await fake.record.protocolHandlers.get('app')!(new Request(url)).then(
      async (response) => ({ status: response.status, body: await response.text() }),
      (error: Error) => ({ status: 0, body: error.message }),
    );
    expect(answer.body).not.toContain(secret);
    expect(answer.status).not.toBe(200);
    const rendererDir = pathToFileURL(join(appPath, 'renderer', 'dist')).href + '/';
    for (const fetched of fake.record.fetched.slice(fetchedBefore)) expect(fetched.startsWith(rendererDir)).toBe(true);
  });

  it('denies every permission request and check except persistent storage (it keeps the outbox from eviction)', () => {
    const permissions = ['media', 'geolocation', 'notifications', 'midi', 'midiSysex', 'pointerLock', 'fullscreen', 'openExternal', 'clipboard-read', 'clipboard-sanitized-write', 'display-capture', 'hid', 'serial', 'usb', 'idle-detection', 'window-management', 'unknown'];
    for (const permission of permissions) {
      const granted = vi.fn();
      fake.record.permissionRequest!({}, permission, granted);
      expect([permission, granted.mock.calls]).toEqual([permission, [[false]]]);
      expect([permission, fake.record.permissionCheck!({}, permission)]).toEqual([permission, false]);
    }
    expect(fake.record.permissionCheck!({}, 'persistent-storage')).toBe(true);
  });

  it('denies navigation away from app://kiosk/, redirects, webviews and new windows, on every web contents', () => {
    for (const contents of [window.webContents, fake.createContents()]) {
      const navigate = (url: string) => {
        const event = { preventDefault: vi.fn() };
        contents.emit('will-navigate', event, url);
        return event.preventDefault.mock.calls.length > 0;
      };
      for (const url of ['https://evil.example/', 'file:///etc/passwd', 'app://kiosk.evil.example/', 'app://evil/', 'javascript:alert(1)']) expect([url, navigate(url)]).toEqual([url, true]);
      expect(navigate('app://kiosk/#/guide')).toBe(false);
      for (const name of ['will-redirect', 'will-attach-webview']) {
        const event = { preventDefault: vi.fn() };
        contents.emit(name, event, 'https://evil.example/');
        expect([name, event.preventDefault.mock.calls.length]).toEqual([name, 1]);
      }
      expect(contents.windowOpenHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
      expect(contents.windowOpenHandler!({ url: 'app://kiosk/' })).toEqual({ action: 'deny' });
      contents.emit('devtools-opened');
      expect(contents.devToolsClosed).toBe(1);
    }
  });

  it('carries the bridge contract over its IPC channels, from the built preload to the real host, and only for its own page', async () => {
    expect([...fake.ipcMain.handlers.keys()]).toEqual([ipcChannels.invoke]);
    const preload = createFakePreloadElectron(window.webContents.renderer);
    requireWithElectron(shell.preload, preload.electron);
    const kiosk = preload.exposed.kiosk as Record<string, (input?: unknown) => Promise<unknown>> & { onEvent(listener: () => void): () => void };
    expect(Object.keys(preload.exposed)).toEqual(['kiosk']);
    expect(Object.keys(kiosk).sort()).toEqual([...Object.keys(methods), 'onEvent'].sort());
    kiosk.onEvent(() => undefined);
    expect(preload.channels).toEqual([ipcChannels.event]);
    expect(await kiosk['app.info']!({})).toMatchObject({ ok: true, value: { host: 'electron', version: '9.8.7-smoke' } });

    window.webContents.renderer.navigate('https://evil.example/');
    expect(await kiosk['app.info']!({})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    window.webContents.renderer.navigate('app://kiosk/');
  });

  it('asks electron-builder for the fuses that stop the packaged app being run as plain Node or with another app', () => {
    const config = readBuilderConfig();
    expect(config.asar).toBe(true);
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
    });
  });

  it('a second start only quits (single instance)', async () => {
    const second = createFakeMainElectron({ appPath, userData: join(temp, 'userData2'), version: '9.8.7-smoke', isPackaged: true, hasLock: false });
    requireWithElectron(shell.loader, second.electron);
    await Promise.resolve();
    expect(second.record.quits).toBe(1);
    expect(second.record.calls).toEqual([]);
    expect(second.record.windows).toEqual([]);
  });
});
