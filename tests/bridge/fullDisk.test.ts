// A full disk under the kiosk's data directory (issue 15 §3), on a real 256 MiB tmpfs (the tests run as root, as
// CI does; mounting needs it): the Chromium host keeps serving the kiosk's pages (guides come from the program
// folder, not the data disk) while the page's IndexedDB writes fail with an error it can show, and writes work
// again once space is freed. The page is a probe that writes a row every 300 ms (strict durability, as the
// outbox does) and reports each change of outcome through the bridge; the host's log file is on the full disk,
// so the test reads the host's stderr, where every line also goes.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { startChild, waitForLine } from '../../main/processes';
import { freePort } from '../support/freePort';

const root = join(import.meta.dirname, '..', '..');
const base = mkdtempSync(join(tmpdir(), 'kiosk-fulldisk-'));
const dataDir = join(base, 'data');
const staticDir = mkdtempSync(join(tmpdir(), 'kiosk-fulldisk-page-'));
afterAll(() => {
  // Lazily: Chromium's last child processes may still hold the profile open for a moment after the host exits.
  spawnSync('umount', ['--lazy', dataDir]);
  for (const dir of [base, staticDir]) rmSync(dir, { recursive: true, force: true });
});

describe('a full data disk', () => {
  it('never stops the host serving pages; a write that cannot be stored fails loudly, and works again with space', { timeout: 180_000 }, async () => {
    mkdirSync(dataDir);
    expect(spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=256m', 'tmpfs', dataDir], { encoding: 'utf8' }).stderr).toBe('');
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><meta charset="utf-8"><script src="probe.js"></script>');
    writeFileSync(
      join(staticDir, 'probe.js'),
      `const s = new URLSearchParams(location.hash.slice(1)).get('s');
       const ws = new WebSocket(location.origin.replace('http', 'ws') + '/bridge?s=' + encodeURIComponent(s));
       let last = '';
       const report = (outcome) => {
         if (outcome === last) return;
         last = outcome;
         ws.send(JSON.stringify({ id: 1, method: 'app.log', input: { level: 'info', scope: 'probe', message: 'probe write ' + outcome } }));
       };
       // After a failed write the page opens the database again, as a reload of the kiosk page would: Chromium
       // closes a store whose write hit a full disk (measured here), so the old connection stays dead.
       let db = null;
       let opening = false;
       const reopen = () => {
         opening = true;
         const open = indexedDB.open('probe', 1);
         open.onupgradeneeded = () => open.result.createObjectStore('outbox', { keyPath: 'id' });
         open.onsuccess = () => { db = open.result; opening = false; };
         open.onerror = () => { report('failed open'); opening = false; };
       };
       const fail = (name) => {
         report('failed ' + name);
         if (db) db.close();
         db = null;
       };
       ws.onopen = () => {
         let n = 0;
         setInterval(() => {
           if (!db) return opening || reopen();
           try {
             const tx = db.transaction('outbox', 'readwrite', { durability: 'strict' });
             tx.objectStore('outbox').put({ id: 'row-' + (n++ % 20), sealed: 'x'.repeat(50000) + n });
             tx.oncomplete = () => report('ok');
             tx.onabort = () => fail(tx.error ? tx.error.name : 'abort');
           } catch (error) {
             fail(error.name);
           }
         }, 300);
       };`,
    );
    const port = await freePort();
    const host = startChild('kiosk', process.execPath, ['--import', 'tsx', join(root, 'main/browser/main.ts')], {
      cwd: root,
      env: { ...process.env, DISPLAY: '', WAYLAND_DISPLAY: '', KIOSK_CHROMIUM_HEADLESS: '1', KIOSK_DATA_DIR: dataDir, KIOSK_PORT: String(port), KIOSK_RENDERER_DIR: staticDir, KIOSK_LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    host.process.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const outcomes = () => [...stderr.matchAll(/"text":"probe write ([^"]+)"/g)].map((m) => m[1]);
    try {
      await waitForLine(host, /Kiosk ready at/, 60_000);
      await vi.waitFor(() => expect(outcomes()).toEqual(['ok']), { timeout: 60_000, interval: 200 });

      spawnSync('dd', ['if=/dev/zero', `of=${join(dataDir, 'filler')}`, 'bs=1M']); // until ENOSPC
      // (The error's name, e.g. QuotaExceededError, is capitalised text, which the logger masks.)
      await vi.waitFor(() => expect(outcomes()[1]).toMatch(/^failed /), { timeout: 60_000, interval: 200 });
      // The host still serves the kiosk's pages and answers the bridge's log calls.
      for (const path of ['/', '/probe.js']) expect((await fetch(`http://127.0.0.1:${port}${path}`)).status).toBe(200);
      expect(host.process.exitCode).toBeNull();

      rmSync(join(dataDir, 'filler'));
      await vi.waitFor(() => expect(outcomes().at(-1)).toBe('ok'), { timeout: 60_000, interval: 200 });
    } finally {
      await host.stop(5000);
    }
  });
});
