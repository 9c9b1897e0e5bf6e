// End to end in Chromium on real IndexedDB (strict durability): a resident submits while the hub is down,
// the browser is closed and started again on the same profile, the hub comes back, and the application
// arrives exactly once.
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher, createEventHub } from '../../src/bridge/dispatcher';
import type { KioskIdentity } from '../../src/bridge/contract/hub';
import { createHubService } from '../../main/host/hub/hubService';
import type { HubService } from '../../main/host/hub/hubService';
import { createLogger } from '../../main/host/log';
import { startHub } from '../../hub/startHub';
import type { RunningHubHandle } from '../../hub/startHub';
import { startFaultProxy } from './helpers/faultProxy';
import type { FaultProxy } from './helpers/faultProxy';
import { tempDir } from './helpers/realHub';

const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update'];

describe('Chromium: submit offline, restart the browser, the hub comes back', () => {
  const hubDir = tempDir('sync-e2e-hub-');
  const kioskDir = tempDir('sync-e2e-kiosk-');
  const profile = tempDir('sync-e2e-profile-');
  let hub: RunningHubHandle | undefined;
  let proxy: FaultProxy;
  let service: HubService;
  let server: Server;
  let origin = '';

  beforeAll(async () => {
    const bundle = await build({ entryPoints: [fileURLToPath(new URL('./helpers/chromiumKioskPage.ts', import.meta.url))], bundle: true, format: 'iife', platform: 'browser', target: 'chrome120', write: false });
    const script = bundle.outputFiles[0]?.text ?? '';
    server = createServer((request, response) => {
      if (request.url === '/kiosk.js') return response.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
      response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><meta charset="utf-8"><script src="/kiosk.js"></script>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;

    hub = await startHub({ dataDir: hubDir, log: false }); // PGlite on disk, so it survives a restart
    proxy = await startFaultProxy(Number(new URL(hub.url).port));
    const { code } = await hub.createEnrolmentCode('420102-001');
    service = createHubService({ url: proxy.url, dataDir: kioskDir, log: createLogger('test/e2e', { write: () => undefined }), enrolmentCode: code, timeoutMs: 2_000, heartbeatMs: 0 });
    await service.start(createEventHub());
    await service.heartbeat();
  });

  afterAll(async () => {
    await service?.stop();
    await proxy?.close();
    await hub?.close();
    server?.close();
    for (const dir of [hubDir, kioskDir, profile]) rmSync(dir, { recursive: true, force: true });
  });

  async function inBrowser<T>(run: (page: Page) => Promise<T>): Promise<T> {
    const context = await chromium.launchPersistentContext(profile, { executablePath: process.env.KIOSK_CHROMIUM ?? '/usr/bin/chromium', headless: true, args: chromiumArgs });
    try {
      const dispatcher = createDispatcher(service.handlers);
      await context.exposeFunction('hubSendBatch', (request: unknown) => dispatcher.dispatch('hub.sendBatch', request));
      const page = await context.newPage();
      await page.goto(origin);
      await page.waitForFunction(() => 'kioskSubmit' in globalThis);
      return await run(page);
    } finally {
      await context.close();
    }
  }

  it('delivers the application once', { timeout: 120_000 }, async () => {
    const identity = await createDispatcher(service.handlers).dispatch('kiosk.identity', {});
    if (!identity.ok) throw new Error('not enrolled');
    const kioskId = (identity.value as KioskIdentity).kioskId;

    // The hub goes away (cleanly stopped: its data stays on disk).
    await hub?.close();
    hub = undefined;

    const first = await inBrowser(async (page) => {
      const submitted = await page.evaluate((id) => (globalThis as unknown as { kioskSubmit: (i: unknown) => Promise<{ receiptNo: string }> }).kioskSubmit(id), identity.value);
      const status = await page.evaluate(() => (globalThis as unknown as { kioskSync: (ms: number) => Promise<{ queued: number; lastError: unknown }> }).kioskSync(1_500));
      return { submitted, status };
    });
    expect(first.submitted.receiptNo).toMatch(/^420102-001-/);
    expect(first.status.queued).toBe(1);
    expect(first.status.lastError).not.toBeNull();

    // The hub comes back (another port, same data); the browser starts again on the same profile.
    hub = await startHub({ dataDir: hubDir, log: false });
    proxy.setUpstream(Number(new URL(hub.url).port));
    const second = await inBrowser((page) =>
      page.evaluate(() => (globalThis as unknown as { kioskSync: (ms: number) => Promise<{ queued: number; rows: { status: string; caseNo: string | null }[] }> }).kioskSync(30_000)),
    );
    expect(second.queued).toBe(0);
    expect(second.rows).toHaveLength(1);
    expect(second.rows[0]?.status).toBe('accepted');

    const found = await hub.db.query<{ n: number; receipt: string; case_no: string }>('SELECT count(*) OVER ()::int AS n, receipt_no AS receipt, case_no FROM applications WHERE kiosk_id = $1', [kioskId]);
    expect(found.rows).toHaveLength(1);
    expect(found.rows[0]).toMatchObject({ n: 1, receipt: first.submitted.receiptNo, case_no: second.rows[0]?.caseNo });
  });
});
