// Chromium host entry: `tsx main/browser/main.ts [--headless] [--port N]`.
// With a display it opens Debian's Chromium in kiosk mode; headless (or with no display) it only prints
//   Kiosk ready at http://127.0.0.1:PORT/#s=SECRET
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { bootHost } from '../host/bootstrap';
import { startBrowserHost } from './browserHost';
import { hasDisplay, launchChromium } from './chromium';

const { values } = parseArgs({
  options: { headless: { type: 'boolean', default: false }, port: { type: 'string', default: process.env.KIOSK_PORT ?? '0' } },
});
const staticDir = process.env.KIOSK_RENDERER_DIR ?? fileURLToPath(new URL('../../renderer/dist', import.meta.url));

// The loader: the update slot to start (or the factory renderer above) is chosen inside bootHost.
const { host, dataDir, log, start } = await bootHost('browser', { factoryRendererDir: staticDir });
const web = await startBrowserHost({ dispatcher: host.dispatcher, events: host.events, staticDir: start.rendererDir, port: Number(values.port), log });

let browser: ReturnType<typeof launchChromium> | undefined;
if (values.headless || !hasDisplay()) {
  console.log(`Kiosk ready at ${web.url}`);
} else {
  browser = launchChromium(web.url, join(dataDir, 'chromium'));
  browser.once('exit', (code) => {
    log.info('chromium exited', { code });
    void stop();
  });
  console.log(`Kiosk ready at ${web.url} (Chromium window opened)`);
}

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  browser?.kill('SIGTERM');
  await web.close();
  await host.stop();
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
