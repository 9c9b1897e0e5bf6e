// A browser store damaged by a power cut, on real parts (issue 15 §3): the Chromium host and its own Chromium
// write a row to IndexedDB (strict durability, as the outbox does), the host stops, a record in the middle of
// the store's LevelDB log is damaged on disk, and the host starts again. Left alone, Chromium would open an
// empty database in its place (measured: leveldbCheck.ts); the host instead moves the store aside before
// Chromium starts, keeps it byte for byte, logs it, and tells the page (app.info storage.damagedStores, which
// the technician's health panel shows) and the hub (heartbeat `storage`).
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { startChild, waitForLine } from '../../main/processes';
import { freePort } from '../support/freePort';

const root = join(import.meta.dirname, '..', '..');
const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-rescue-'));
const staticDir = mkdtempSync(join(tmpdir(), 'kiosk-rescue-page-'));
afterAll(() => {
  for (const dir of [dataDir, staticDir]) rmSync(dir, { recursive: true, force: true });
});

const logText = () => readFileSync(join(dataDir, 'logs', 'kiosk.log'), 'utf8');
const probeLines = () =>
  logText()
    .split('\n')
    .filter((line) => line.includes('"text":"probe '))
    .map((line) => (JSON.parse(line) as { text: string }).text);

async function runHostOnce(port: number, expectedLines: string[]): Promise<void> {
  const host = startChild('kiosk', process.execPath, ['--import', 'tsx', join(root, 'main/browser/main.ts')], {
    cwd: root,
    env: { ...process.env, DISPLAY: '', WAYLAND_DISPLAY: '', KIOSK_CHROMIUM_HEADLESS: '1', KIOSK_DATA_DIR: dataDir, KIOSK_PORT: String(port), KIOSK_RENDERER_DIR: staticDir, KIOSK_LOG_LEVEL: 'info' },
  });
  try {
    await waitForLine(host, /Kiosk ready at/, 60_000);
    await vi.waitFor(() => expect(probeLines()).toEqual(expectedLines), { timeout: 60_000, interval: 200 });
  } finally {
    await host.stop(5000);
  }
}

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('a browser store that would not open', () => {
  it('is moved aside before Chromium starts, kept byte for byte, and reported; the kiosk starts on a fresh one', { timeout: 240_000 }, async () => {
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><meta charset="utf-8"><script src="probe.js"></script>');
    writeFileSync(
      join(staticDir, 'probe.js'),
      `const s = new URLSearchParams(location.hash.slice(1)).get('s');
       const ws = new WebSocket(location.origin.replace('http', 'ws') + '/bridge?s=' + encodeURIComponent(s));
       const log = (message) => ws.send(JSON.stringify({ id: 9, method: 'app.log', input: { level: 'info', scope: 'probe', message } }));
       ws.onmessage = (event) => {
         const { id, result } = JSON.parse(event.data);
         if (id === 1) log('probe damaged=' + ((result.value.storage && result.value.storage.damagedStores) || []).length);
       };
       ws.onopen = () => {
         const open = indexedDB.open('probe', 1);
         open.onupgradeneeded = () => open.result.createObjectStore('outbox', { keyPath: 'id' });
         open.onsuccess = () => {
           const tx = open.result.transaction('outbox', 'readwrite', { durability: 'strict' });
           const store = tx.objectStore('outbox');
           const count = store.count();
           count.onsuccess = () => {
             store.put({ id: 'row-' + count.result, sealed: 'x'.repeat(4000) });
             tx.oncomplete = () => {
               log('probe rows before=' + count.result);
               ws.send(JSON.stringify({ id: 1, method: 'app.info', input: {} }));
             };
           };
         };
       };`,
    );
    const port = await freePort();
    await runHostOnce(port, ['probe rows before=0', 'probe damaged=0']);
    await runHostOnce(port, ['probe rows before=0', 'probe damaged=0', 'probe rows before=1', 'probe damaged=0']); // a sound store is left alone
    expect(logText()).not.toContain('damaged browser store moved aside');

    const storeName = `http_127.0.0.1_${port}.indexeddb.leveldb`;
    const storeDir = join(dataDir, 'chromium', 'Default', 'IndexedDB', storeName);
    const logFile = readdirSync(storeDir).find((name) => name.endsWith('.log'))!;
    const bytes = readFileSync(join(storeDir, logFile));
    expect(bytes.length).toBeGreaterThan(8000);
    for (let i = 2000; i < 2100; i++) bytes[i] = bytes[i]! ^ 0xff; // inside a record, far from the end: not a torn tail
    writeFileSync(join(storeDir, logFile), bytes);

    await runHostOnce(port, ['probe rows before=0', 'probe damaged=0', 'probe rows before=1', 'probe damaged=0', 'probe rows before=0', 'probe damaged=1']);
    const moved = logText()
      .split('\n')
      .filter((line) => line.includes('damaged browser store moved aside'))
      .map((line) => JSON.parse(line) as Record<string, string>);
    expect(moved).toHaveLength(1);
    // The port is a 5-digit number, which the logger masks wherever it appears in text.
    expect(moved[0]).toMatchObject({ level: 'error', path: expect.stringMatching(/^http_127\.0\.0\.1_.+\.indexeddb\.leveldb$/), detail: expect.stringMatching(/bad checksum/) });
    const kept = readdirSync(join(dataDir, 'damaged-stores'));
    expect(kept).toHaveLength(1);
    expect(sha(readFileSync(join(dataDir, 'damaged-stores', kept[0]!, storeName, logFile)))).toBe(sha(bytes));
    expect(JSON.parse(readFileSync(join(dataDir, 'damaged-stores', kept[0]!, 'REASON.json'), 'utf8'))).toMatchObject({ store: storeName, problem: expect.stringMatching(/bad checksum/) });
  });
});
