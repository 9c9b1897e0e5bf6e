// A real Chromium killed by a signal (issue 15 §1): the Chromium host starts it again on the same profile, keeps
// serving meanwhile, and what the page had stored in IndexedDB (the outbox's home) is still there afterwards.
// The host runs as its own process with its own Chromium (no window: KIOSK_CHROMIUM_HEADLESS=1), exactly as on a
// kiosk; the page is a small probe that counts its rows, adds one (strict durability, as the outbox does) and
// says how many it found through the bridge's `app.log`, which lands in the host's log file.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { startChild, waitForLine } from '../../main/processes';
import { freePort } from '../support/freePort';

const root = join(import.meta.dirname, '..', '..');
const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-relaunch-'));
const staticDir = mkdtempSync(join(tmpdir(), 'kiosk-relaunch-page-'));
afterAll(() => {
  for (const dir of [dataDir, staticDir]) rmSync(dir, { recursive: true, force: true });
});

/** The pid of the Chromium browser process on `profileDir` (not its zygote, renderer or GPU children). */
function browserPid(profileDir: string): number | undefined {
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    let args: string[];
    try {
      args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    } catch {
      continue;
    }
    if (args.includes(`--user-data-dir=${profileDir}`) && !args.some((a) => a.startsWith('--type='))) return Number(pid);
  }
  return undefined;
}

const probeLines = () =>
  readFileSync(join(dataDir, 'logs', 'kiosk.log'), 'utf8')
    .split('\n')
    .filter((line) => line.includes('probe rows before'))
    .map((line) => (JSON.parse(line) as { text: string }).text);

describe('Chromium host: Chromium dies, the host brings it back', () => {
  it('relaunches Chromium killed with SIGKILL, keeps serving, and the stored rows are intact', { timeout: 180_000 }, async () => {
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><meta charset="utf-8"><script src="probe.js"></script>');
    writeFileSync(
      join(staticDir, 'probe.js'),
      `const s = new URLSearchParams(location.hash.slice(1)).get('s');
       const ws = new WebSocket(location.origin.replace('http', 'ws') + '/bridge?s=' + encodeURIComponent(s));
       ws.onopen = () => {
         const open = indexedDB.open('probe', 1);
         open.onupgradeneeded = () => open.result.createObjectStore('outbox', { keyPath: 'id' });
         open.onsuccess = () => {
           const tx = open.result.transaction('outbox', 'readwrite', { durability: 'strict' });
           const store = tx.objectStore('outbox');
           const count = store.count();
           count.onsuccess = () => {
             store.put({ id: 'row-' + count.result });
             tx.oncomplete = () => ws.send(JSON.stringify({ id: 1, method: 'app.log', input: { level: 'info', scope: 'probe', message: 'probe rows before=' + count.result } }));
           };
         };
       };`,
    );
    const port = await freePort();
    const host = startChild('kiosk', process.execPath, ['--import', 'tsx', join(root, 'main/browser/main.ts')], {
      cwd: root,
      env: { ...process.env, DISPLAY: '', WAYLAND_DISPLAY: '', KIOSK_CHROMIUM_HEADLESS: '1', KIOSK_DATA_DIR: dataDir, KIOSK_PORT: String(port), KIOSK_RENDERER_DIR: staticDir, KIOSK_LOG_LEVEL: 'info' },
    });
    try {
      await waitForLine(host, /Kiosk ready at/, 60_000);
      await vi.waitFor(() => expect(probeLines()).toEqual(['probe rows before=0']), { timeout: 60_000, interval: 200 });
      const profileDir = join(dataDir, 'chromium');
      const first = browserPid(profileDir);
      expect(first).toBeDefined();

      process.kill(first!, 'SIGKILL');
      // The host answers while Chromium is gone and while it comes back.
      const page = await fetch(`http://127.0.0.1:${port}/`);
      expect(page.status).toBe(200);
      await vi.waitFor(() => expect(probeLines()).toEqual(['probe rows before=0', 'probe rows before=1']), { timeout: 90_000, interval: 200 });
      const second = browserPid(profileDir);
      expect(second).toBeDefined();
      expect(second).not.toBe(first);
      expect(host.process.exitCode).toBeNull();

      const log = readFileSync(join(dataDir, 'logs', 'kiosk.log'), 'utf8');
      const relaunch = log.split('\n').find((line) => line.includes('chromium exited; relaunching'));
      expect(JSON.parse(relaunch!)).toMatchObject({ signal: 'SIGKILL', attempt: 1, ms: 1000 });
      expect(log.match(/kiosk page connected to the bridge/g)).toHaveLength(2);
    } finally {
      await host.stop(5000);
    }
    expect(browserPid(join(dataDir, 'chromium'))).toBeUndefined(); // stopping the host ends its Chromium
  });
});
