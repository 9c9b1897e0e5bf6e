// Rollback end to end, in Debian's Chromium through the Chromium host: a kiosk with applications in its
// outbox is given a signed update whose renderer never reports healthy. Each start of it misses the health
// check and the host exits (75), as a watchdog would see; after three starts the loader returns to the
// previous version, which reports healthy, and the outbox still holds every row. Then a good update (this
// project's own build: renderer and Chromium host code) is installed; the kiosk's loader runs the slot's host
// code, and the release is marked good by its own health report.
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { readFileSync, readlinkSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { buildChromiumHost } from '../../main/browser/build';
import { startChild, waitForLine } from '../../main/processes';
import type { Child } from '../../main/processes';
import { updateStatus } from '../../main/host/update/bootSlot';
import { installBundle } from '../../main/host/update/installBundle';
import { projectPayload } from '../../main/host/update/payload';
import { kioskDataDir, makeKey, tempDir, writeBundle } from '../update/rig';
import { repoRoot } from './support/kioskHost';

const factoryVersion = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** One start of the kiosk through its loader on a fixed port (IndexedDB belongs to the origin, so the port never moves). */
async function startHost(dataDir: string, port: number): Promise<{ child: Child; url: string }> {
  const child = startChild('kiosk', process.execPath, ['--import', 'tsx', join(repoRoot, 'main/browser/loader.ts'), '--headless'], {
    cwd: repoRoot,
    env: { ...process.env, KIOSK_DATA_DIR: dataDir, KIOSK_PORT: String(port), KIOSK_HEALTH_TIMEOUT_MS: '4000', KIOSK_LOG_LEVEL: 'warn' },
  });
  const [, url] = await waitForLine(child, /Kiosk ready at (\S+)/, 30_000);
  return { child, url: url! };
}

/** A fresh document load (the new URL differs from the last only after `#`, which alone would not reload). */
async function open(page: Page, url: string) {
  await page.goto('about:blank');
  await page.goto(url);
}

/** Ids in the outbox, read with plain IndexedDB (what any version of the renderer would find there). */
const outboxIds = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('zhengwu-kiosk');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('outbox').objectStore('outbox').getAllKeys();
          request.onsuccess = () => resolve((request.result as string[]).sort());
          request.onerror = () => reject(request.error);
        };
      }),
  );

test('a payload that fails its health check is rolled back after three starts and the queue is kept', async ({ page }) => {
  test.setTimeout(300_000);
  const key = makeKey();
  const kiosk = kioskDataDir(key);
  const port = await freePort();
  const runtime = { node: process.versions.node, electron: null };

  // The factory version runs, and two applications wait in its outbox (due far in the future: no hub here).
  let host = await startHost(kiosk.dataDir, port);
  await open(page, host.url);
  await expect(page.getByTestId('screen-attract')).toBeVisible();
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('zhengwu-kiosk');
        open.onsuccess = () => {
          const tx = open.result.transaction('outbox', 'readwrite');
          for (const n of [1, 2]) {
            tx.objectStore('outbox').put({ id: `0190f000-0000-7000-8000-00000000000${n}`, receiptNo: `R-TEST-${n}`, serviceId: 's', handlingCity: '420100', createdAt: '2026-05-01T08:00:00.000Z', status: 'queued', attempts: 0, nextAttemptAt: Number.MAX_SAFE_INTEGER, lastError: null, sealed: { enc: '', ct: '' }, lookupKey: 'a'.repeat(64), caseNo: null, leaseUntil: null, strikes: 0, strikeReason: null });
          }
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
  const queued = await outboxIds(page);
  expect(queued).toHaveLength(2);
  await host.child.stop();

  // A signed release whose renderer starts but never reports healthy.
  const broken = [{ path: 'renderer/index.html', bytes: Buffer.from('<!doctype html><title>broken</title><p data-testid="broken">0.9.0</p>') }];
  const installed = installBundle(writeBundle(tempDir(), key.privateKey, { version: '0.9.0' }, broken), { ...kiosk, channel: 'stable', runtime });
  expect(installed).toMatchObject({ ok: true, slot: 'A' });

  for (let start = 1; start <= 3; start++) {
    host = await startHost(kiosk.dataDir, port);
    await open(page, host.url);
    await expect(page.getByTestId('broken')).toBeVisible();
    expect(updateStatus(kiosk)).toMatchObject({ current: { slot: 'A', version: '0.9.0' }, pending: true, bootAttempts: start });
    expect(await host.child.exited).toBe(75); // missed the health check: the host leaves for the watchdog
  }

  // The fourth start is the previous version again: it reports healthy and finds every queued row.
  host = await startHost(kiosk.dataDir, port);
  await open(page, host.url);
  await expect(page.getByTestId('screen-attract')).toBeVisible();
  expect(updateStatus(kiosk)).toMatchObject({ current: { slot: 'factory', version: factoryVersion }, previous: null, pending: false, lastResult: 'rolledBack' });
  expect(await outboxIds(page)).toEqual(queued);
  await host.child.stop();

  // A good release (this project's build, its Chromium host code included) is marked good by its own health report.
  await buildChromiumHost();
  const payload = projectPayload(repoRoot);
  expect(payload.map((file) => file.path)).toContain('browser/main.mjs');
  const good = installBundle(writeBundle(tempDir(), key.privateKey, { version: '0.9.1' }, payload), { ...kiosk, channel: 'stable', runtime });
  expect(good).toMatchObject({ ok: true, slot: 'A' }); // the failed slot is the free one again
  host = await startHost(kiosk.dataDir, port);
  // The loader links the package's modules above the slots only when it runs a slot's host code.
  expect(readlinkSync(join(kiosk.dataDir, 'update', 'node_modules'))).toBe(join(repoRoot, 'node_modules'));
  await open(page, host.url);
  await expect(page.getByTestId('screen-attract')).toBeVisible();
  await expect.poll(() => updateStatus(kiosk)).toMatchObject({ current: { slot: 'A', version: '0.9.1' }, pending: false, lastResult: 'good' });
  expect(await outboxIds(page)).toEqual(queued);
  await host.child.stop();
  rmSync(kiosk.dataDir, { recursive: true, force: true });
});
