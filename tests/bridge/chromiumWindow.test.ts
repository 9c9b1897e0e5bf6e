// The Chromium host with its own Chromium (as on a kiosk with a screen, here without a window): the bridge
// secret reaches the page, and no process argument, stdout line or log line carries it (ADR 0005).
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeLaunchPage } from '../../main/browser/chromium';
import { startChild, waitForLine } from '../../main/processes';
import { freePort } from '../support/freePort';

const root = join(import.meta.dirname, '..', '..');
const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-window-'));
const staticDir = mkdtempSync(join(tmpdir(), 'kiosk-window-page-'));
let reportServer: Server | undefined;
afterAll(() => {
  reportServer?.close();
  for (const dir of [dataDir, staticDir]) rmSync(dir, { recursive: true, force: true });
});

/** Command lines of every process that mentions `text` (Chromium's browser, zygote, renderer, GPU processes). */
const commandLines = (text: string): string[] =>
  readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
      } catch {
        return ''; // gone meanwhile
      }
    })
    .filter((line) => line.includes(text));

describe('Chromium host with its own Chromium window', () => {
  it('keeps the secret off the command line, stdout and the log, and the page still connects', { timeout: 90_000 }, async () => {
    // The page reports the secret it was given to the test's own server, but only once the bridge accepted it.
    let reported: (secret: string) => void = () => undefined;
    const secretSeen = new Promise<string>((resolve) => (reported = resolve));
    reportServer = createServer((request, response) => {
      reported(new URL(request.url ?? '/', 'http://x').searchParams.get('s') ?? '');
      response.end('ok');
    });
    await new Promise<void>((resolve) => reportServer!.listen(0, '127.0.0.1', resolve));
    const reportPort = (reportServer.address() as { port: number }).port;
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><meta charset="utf-8"><script src="boot.js"></script>');
    writeFileSync(
      join(staticDir, 'boot.js'),
      `const s = new URLSearchParams(location.hash.slice(1)).get('s');
       const ws = new WebSocket(location.origin.replace('http', 'ws') + '/bridge?s=' + encodeURIComponent(s));
       ws.onopen = () => { location.href = 'http://127.0.0.1:${reportPort}/?s=' + encodeURIComponent(s); };`,
    );

    const port = await freePort();
    const host = startChild('kiosk', process.execPath, ['--import', 'tsx', join(root, 'main/browser/main.ts')], {
      cwd: root,
      env: { ...process.env, DISPLAY: '', WAYLAND_DISPLAY: '', KIOSK_CHROMIUM_HEADLESS: '1', KIOSK_DATA_DIR: dataDir, KIOSK_PORT: String(port), KIOSK_RENDERER_DIR: staticDir, KIOSK_LOG_LEVEL: 'info' },
    });
    const stdout: string[] = [];
    host.process.stdout!.on('data', (chunk: Buffer) => stdout.push(chunk.toString()));
    try {
      await waitForLine(host, /Kiosk ready at/, 30_000);
      const secret = await secretSeen;
      expect(secret).toMatch(/^[\w-]{32}$/);
      const chromium = commandLines(join(dataDir, 'chromium'));
      expect(chromium.length).toBeGreaterThan(0);
      expect(chromium.filter((line) => line.includes(secret))).toEqual([]);
      expect(chromium.some((line) => line.includes(`--app=file://${join(dataDir, 'run')}/launch-`))).toBe(true);

      expect(stdout.join('')).toContain(`Kiosk ready at http://127.0.0.1:${port}/ (Chromium window opened)`);
      expect(stdout.join('')).not.toContain(secret);
      const log = readFileSync(join(dataDir, 'logs', 'kiosk.log'), 'utf8');
      expect(log).toContain('kiosk page connected to the bridge');
      expect(log).not.toContain(secret);
      // The launch page, the one file that held the secret, is gone once the page connected.
      expect(readdirSync(join(dataDir, 'run')).filter((name) => name.startsWith('launch-'))).toEqual([]);
    } finally {
      await host.stop(5000);
    }
  });

  it('stops with a clear message when its port is taken, instead of moving to another origin', { timeout: 60_000 }, async () => {
    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    const port = (squatter.address() as { port: number }).port;
    const host = startChild('kiosk', process.execPath, ['--import', 'tsx', join(root, 'main/browser/main.ts'), '--headless'], {
      cwd: root,
      env: { ...process.env, KIOSK_DATA_DIR: join(dataDir, 'taken'), KIOSK_PORT: String(port), KIOSK_RENDERER_DIR: staticDir, KIOSK_LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stderr: string[] = [];
    host.process.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
    try {
      expect(await host.exited).toBe(1);
      expect(stderr.join('')).toContain(`Kiosk not started: 127.0.0.1:${port} is already in use by another program`);
    } finally {
      squatter.close();
    }
  });

  it('writes the launch page for the kiosk user only (folder 0700, file 0600) and deletes it on demand', () => {
    const runDir = join(dataDir, 'run-modes');
    const page = writeLaunchPage(runDir, 'http://127.0.0.1:1/#s=secret');
    const file = new URL(page.fileUrl).pathname;
    expect(statSync(runDir).mode & 0o777).toBe(0o700);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toContain('location.replace("http://127.0.0.1:1/#s=secret")');
    page.remove();
    page.remove();
    expect(readdirSync(runDir)).toEqual([]);
  });
});
