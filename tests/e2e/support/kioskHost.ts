// Starts the Chromium host as its own process (as `npm start -- --headless` does) on a free port with a fresh
// data folder (or a given one, to start the same kiosk again), and stops it, with everything it started.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startChild, waitForLine } from '../../../main/processes';
import { freePort } from '../../support/freePort';

export const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
/** The renderer built for end-to-end tests (`vite build --mode e2e`: with the test hooks production lacks). */
export const e2eRendererDir = join(repoRoot, 'renderer', 'dist-e2e');

export interface RunningKiosk {
  url: string;
  dataDir: string;
  port: number;
  /** The host process (its memory is sampled by the soak). */
  pid: number;
  /** Stops the host; the data folder is deleted unless `keepData` (to start the same kiosk again). */
  stop(options?: { keepData?: boolean }): Promise<void>;
}

export interface StartKioskOptions {
  /** An existing data folder (default: a fresh one). */
  dataDir?: string;
  /** Default: a free port (tests never use the kiosk's fixed default, 17800). */
  port?: number;
}

export async function startKiosk(env: NodeJS.ProcessEnv = {}, options: StartKioskOptions = {}): Promise<RunningKiosk> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'kiosk-e2e-'));
  const port = options.port ?? (await freePort());
  const child = startChild('kiosk', process.execPath, ['--import', 'tsx', join(repoRoot, 'main/browser/main.ts'), '--headless'], {
    cwd: repoRoot,
    env: { ...process.env, KIOSK_DATA_DIR: dataDir, KIOSK_PORT: String(port), KIOSK_LOG_LEVEL: 'warn', KIOSK_RENDERER_DIR: e2eRendererDir, ...env },
  });
  const [, url] = await waitForLine(child, /Kiosk ready at (\S+)/, 30_000);
  return {
    url: url!,
    dataDir,
    port,
    pid: child.process.pid!,
    async stop({ keepData = false } = {}) {
      await child.stop(5000);
      if (!keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
