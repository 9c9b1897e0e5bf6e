// The rig of the Chromium end-to-end sync tests: a test page (one of this folder's chromium*Page.ts, bundled by
// esbuild and served over HTTP), a real hub behind a fault proxy, and the host's hub service enrolled with it.
// `inBrowser` starts Chromium on the same persistent profile each time (real IndexedDB, surviving restarts) with
// the bridge methods the page needs exposed as functions. Register it inside a describe: it adds its own
// beforeAll and afterAll.
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { createDispatcher, createEventHub } from '../../../src/bridge/dispatcher';
import { createHubService } from '../../../main/host/hub/hubService';
import type { HubService } from '../../../main/host/hub/hubService';
import { createLogger } from '../../../main/host/log';
import type { RunningHubHandle } from '../../../hub/startHub';
import { startFaultProxy } from './faultProxy';
import type { FaultProxy } from './faultProxy';
import { tempDir } from './realHub';

const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update'];

export interface ChromiumRigOptions {
  /** Prefix of the temporary directories (hub data, kiosk data, browser profile). */
  name: string;
  /** The page module in this folder, e.g. 'chromiumKioskPage.ts'. */
  page: string;
  /** The global the page defines once it is ready. */
  ready: string;
  /** Page function name → the bridge method it calls on the host's hub service, e.g. { hubSendBatch: 'hub.sendBatch' }. */
  expose: Record<string, keyof HubService['handlers']>;
  /** Starts the hub on its data directory (the rig enrols the kiosk with it). */
  startHub(hubDir: string): Promise<RunningHubHandle>;
}

export interface ChromiumRig {
  readonly hubDir: string;
  /** The running hub; a test may close it (set undefined) and start another on `hubDir` (then `proxy.setUpstream`). */
  hub: RunningHubHandle | undefined;
  readonly proxy: FaultProxy;
  readonly service: HubService;
  /** Runs `run` in a fresh Chromium on the rig's profile, closing the browser afterwards. */
  inBrowser<T>(run: (page: Page) => Promise<T>): Promise<T>;
}

export function useChromiumRig(options: ChromiumRigOptions): ChromiumRig {
  const hubDir = tempDir(`${options.name}-hub-`);
  const kioskDir = tempDir(`${options.name}-kiosk-`);
  const profile = tempDir(`${options.name}-profile-`);
  const state: { hub?: RunningHubHandle; proxy?: FaultProxy; service?: HubService; server?: Server; origin: string } = { origin: '' };
  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} not started yet`);
    return value;
  };

  beforeAll(async () => {
    const bundle = await build({ entryPoints: [fileURLToPath(new URL(`./${options.page}`, import.meta.url))], bundle: true, format: 'iife', platform: 'browser', target: 'chrome120', write: false });
    const script = bundle.outputFiles[0]?.text ?? '';
    const server = createServer((request, response) => {
      if (request.url === '/kiosk.js') return response.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
      response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><meta charset="utf-8"><script src="/kiosk.js"></script>');
    });
    state.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    state.origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;

    const hub = await options.startHub(hubDir);
    state.hub = hub;
    state.proxy = await startFaultProxy(Number(new URL(hub.url).port));
    const { code } = await hub.createEnrolmentCode('420102-001');
    state.service = createHubService({ url: state.proxy.url, dataDir: kioskDir, log: createLogger('test/chromium', { write: () => undefined }), enrolmentCode: code, timeoutMs: 2_000, heartbeatMs: 0 });
    await state.service.start(createEventHub());
    await state.service.heartbeat();
  });

  afterAll(async () => {
    await state.service?.stop();
    await state.proxy?.close();
    await state.hub?.close();
    state.server?.close();
    for (const dir of [hubDir, kioskDir, profile]) rmSync(dir, { recursive: true, force: true });
  });

  return {
    hubDir,
    get hub() {
      return state.hub;
    },
    set hub(hub) {
      state.hub = hub;
    },
    get proxy() {
      return need(state.proxy, 'fault proxy');
    },
    get service() {
      return need(state.service, 'hub service');
    },
    async inBrowser(run) {
      const context = await chromium.launchPersistentContext(profile, { executablePath: process.env.KIOSK_CHROMIUM ?? '/usr/bin/chromium', headless: true, args: chromiumArgs });
      try {
        const dispatcher = createDispatcher(need(state.service, 'hub service').handlers);
        for (const [name, method] of Object.entries(options.expose)) {
          await context.exposeFunction(name, (request: unknown) => dispatcher.dispatch(method as never, request as never));
        }
        const page = await context.newPage();
        await page.goto(state.origin);
        await page.waitForFunction((ready) => ready in globalThis, options.ready);
        return await run(page);
      } finally {
        await context.close();
      }
    },
  };
}
