// Starts the Chromium host as its own process (as `npm start -- --headless` does) with a fresh data folder,
// and stops it, with everything it started, after the test.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startChild, waitForLine } from '../../../main/processes';

export const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

export interface RunningKiosk {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

export async function startKiosk(env: NodeJS.ProcessEnv = {}): Promise<RunningKiosk> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-'));
  const child = startChild('kiosk', process.execPath, ['--import', 'tsx', join(repoRoot, 'main/browser/main.ts'), '--headless'], {
    cwd: repoRoot,
    env: { ...process.env, KIOSK_DATA_DIR: dataDir, KIOSK_LOG_LEVEL: 'warn', ...env },
  });
  const [, url] = await waitForLine(child, /Kiosk ready at (\S+)/, 30_000);
  return {
    url: url!,
    dataDir,
    async stop() {
      await child.stop(5000);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
