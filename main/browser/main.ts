// Chromium host: `tsx main/browser/main.ts [--headless] [--port N]` (a kiosk starts it through loader.ts, which
// may run a newer copy of this code from an update slot).
// The port is config.json's `chromiumHost.port` (default 17800; `--port` or KIOSK_PORT override it for tests):
// the same port at every start, because the renderer's IndexedDB belongs to that origin (ADR 0005).
// With a display it opens Debian's Chromium in kiosk mode and prints `Kiosk ready at http://127.0.0.1:PORT/`
// (no secret: the window gets it through a launch page only the kiosk's user can read); headless (or with no
// display) it prints the one-time URL a test browser opens:
//   Kiosk ready at http://127.0.0.1:PORT/#s=SECRET
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { bootHost } from '../host/bootstrap';
import { defaultDataDir, packageVersion } from '../host/paths';
import { takeHandOver } from '../host/update/loaderHandOver';
import type { InspectStorage } from '../host/bootstrap';
import { startBrowserHost } from './browserHost';
import { hasDisplay, launchChromium } from './chromium';
import { superviseChromium } from './chromiumSupervisor';
import type { ChromiumSupervisor } from './chromiumSupervisor';
import { findOrphanedOrigins, grantDurableStorage } from './chromiumProfile';
import { factoryKeysDir, factoryRendererDir } from './packagePaths';

const { values } = parseArgs({ options: { headless: { type: 'boolean', default: false }, port: { type: 'string' } } });
if (values.port !== undefined) process.env.KIOSK_PORT = values.port; // one override path, validated with the config

const profileOf = (dataDir: string) => join(dataDir, 'chromium');

/** Before anything else: keep the origin's storage from eviction, and tell the technician about orphaned queues. */
const inspectProfile: InspectStorage = (config, dataDir, log) => {
  const origin = `http://127.0.0.1:${config.chromiumHost.port}`;
  if (!grantDurableStorage(profileOf(dataDir), origin)) log.warn('chromium preferences unreadable; durable storage not granted this start');
  const orphanedOrigins = findOrphanedOrigins(profileOf(dataDir), config.chromiumHost.port);
  if (orphanedOrigins.length > 0) {
    log.warn('browser storage of older origins found: queued applications there are not sent from this origin (ADR 0005)', {
      origins: orphanedOrigins.length,
      ports: orphanedOrigins.map((o) => o.port),
      bytes: orphanedOrigins.reduce((sum, o) => sum + o.bytes, 0),
    });
  }
  return { orphanedOrigins };
};

const kioskDataDir = defaultDataDir();
let browser: ChromiumSupervisor | undefined;
// The payload to start: chosen (and counted) by the loader when it ran this code (loader.ts), else by bootHost.
const handedOver = takeHandOver(kioskDataDir);
const boot = { factoryRendererDir: factoryRendererDir(), indexedDbDir: join(profileOf(kioskDataDir), 'Default', 'IndexedDB'), factoryKeysDir: factoryKeysDir(), ...handedOver };
const { host, config, dataDir, log, start, health, systemd } = await bootHost('browser', boot, kioskDataDir, handedOver?.start.context.factoryVersion ?? packageVersion(), inspectProfile);
let web: Awaited<ReturnType<typeof startBrowserHost>>;
try {
  web = await startBrowserHost({ dispatcher: host.dispatcher, events: host.events, staticDir: start.rendererDir, port: config.chromiumHost.port, log, onConnect: () => browser?.current()?.forgetLaunchPage() });
} catch (error) {
  log.error('chromium host cannot listen', { error: (error as Error).message });
  console.error(`Kiosk not started: ${(error as Error).message}`);
  await host.stop();
  process.exit(1);
}

// KIOSK_CHROMIUM_HEADLESS=1 runs the kiosk's own Chromium (launch page and all) without a window, so a test on
// a machine with no display sees exactly what a kiosk's process table and stdout show.
const windowless = process.env.KIOSK_CHROMIUM_HEADLESS === '1';
if (values.headless || (!hasDisplay() && !windowless)) {
  console.log(`Kiosk ready at ${web.url}`);
} else {
  // Chromium that exits or crashes is started again (with backoff) while the host keeps serving; the host
  // itself is kept alive by systemd (docs/build/zhengwu-kiosk.service, docs/operations.md).
  browser = superviseChromium({
    launch: () => launchChromium(web.url, { profileDir: profileOf(dataDir), runDir: join(dataDir, 'run'), headless: windowless }),
    log: log.child('chromium'),
    health,
  });
  console.log(`Kiosk ready at ${web.origin}/ (Chromium window opened)`);
}

// Serving now (and Chromium started, when there is one): systemd may consider the unit up, and the watchdog
// pings start (docs/build/zhengwu-kiosk.service).
systemd.ready();

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  systemd.stopping();
  browser?.stop();
  await web.close();
  await host.stop();
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
