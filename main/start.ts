// `npm start`: the whole kiosk on embedded defaults, on one machine — the hub (PGlite), the two device
// simulators on pseudo-terminals, and the kiosk in Electron when its binary is present, otherwise in the
// Chromium host. `npm start -- --headless` never opens a window. SIGINT/SIGTERM stops every child.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openPtyPair } from '../devices/sim/ptyPair';
import type { PtyPair } from '../devices/sim/ptyPair';
import { defaultDataDir } from './host/paths';
import { startChild, waitForLine } from './processes';
import type { Child } from './processes';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({ options: { headless: { type: 'boolean', default: false } } });
const dataDir = defaultDataDir();
const runDir = join(dataDir, 'run');
mkdirSync(runDir, { recursive: true });

const children: Child[] = [];
const pairs: PtyPair[] = [];
let stopping = false;

async function stopAll(code = 0) {
  if (stopping) return;
  stopping = true;
  await Promise.all(children.reverse().map((c) => c.stop()));
  await Promise.all(pairs.map((p) => p.close()));
  process.exit(code);
}
process.once('SIGINT', () => void stopAll(0));
process.once('SIGTERM', () => void stopAll(0));

/** Runs a TypeScript entry under the same Node, with tsx as a loader (no extra tsx process in between). */
const tsNode = (name: string, entry: string, args: string[], env: NodeJS.ProcessEnv = {}) => {
  const child = startChild(name, process.execPath, ['--import', 'tsx', join(root, entry), ...args], { cwd: root, env: { ...process.env, ...env } });
  children.push(child);
  return child;
};

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds the renderer when it is missing or older than its sources. */
function ensureRendererBuilt() {
  const built = join(root, 'renderer', 'dist', 'index.html');
  const sources = Math.max(newestMtime(join(root, 'renderer')), newestMtime(join(root, 'src')));
  if (existsSync(built) && statSync(built).mtimeMs >= sources) return;
  console.log('Building the renderer…');
  const run = spawnSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) throw new Error('the renderer build failed (see above)');
}

/** The Electron binary, when this machine has one (npm skips its download where the internet is closed). */
function electronBinary(): string | undefined {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown;
    return typeof path === 'string' && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

async function startHub(): Promise<string | undefined> {
  const hub = tsNode('hub', 'bin/kioskctl.ts', ['hub', 'start', '--port', '0', '--data', join(dataDir, 'hub')]);
  try {
    return (await waitForLine(hub, /(http:\/\/127\.0\.0\.1:\d+)/))[1];
  } catch (error) {
    console.warn(`[hub] not available (${(error as Error).message}); the kiosk keeps applications until a hub answers.`);
    return undefined;
  }
}

async function startSimulator(kind: 'idcard' | 'printer', simArgs: string[]): Promise<string | undefined> {
  const pair = await openPtyPair({ dir: runDir, names: [kind, `${kind}-sim`] });
  pairs.push(pair);
  const sim = tsNode(`sim ${kind}`, 'bin/kioskctl.ts', ['sim', kind, '--link', pair.simPath, ...simArgs]);
  const early = await Promise.race([sim.exited, new Promise((r) => setTimeout(() => r('running'), 1500))]);
  if (early !== 'running') {
    console.warn(`[sim ${kind}] the simulator is not available yet; the kiosk shows the ${kind} as not connected.`);
    return undefined;
  }
  return pair.devicePath;
}

async function main() {
  ensureRendererBuilt();
  const hubUrl = await startHub();
  const idcardPort = await startSimulator('idcard', ['--card', join(root, 'devices', 'sim', 'cards', 'resident.json')]);
  const printerPort = await startSimulator('printer', ['--out', join(dataDir, 'receipts')]);
  const env: NodeJS.ProcessEnv = {
    KIOSK_DATA_DIR: join(dataDir, 'kiosk'),
    ...(hubUrl ? { KIOSK_HUB_URL: hubUrl } : {}),
    ...(idcardPort ? { KIOSK_IDCARD_PORT: idcardPort } : {}),
    ...(printerPort ? { KIOSK_PRINTER_PORT: printerPort } : {}),
  };

  const electron = values.headless ? undefined : electronBinary();
  let kiosk: Child;
  if (electron) {
    if (!existsSync(join(root, 'dist', 'electron', 'main.cjs'))) spawnSync(process.execPath, ['--import', 'tsx', 'main/electron/build.ts'], { cwd: root, stdio: 'inherit' });
    kiosk = startChild('kiosk', electron, [root], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit'] });
    children.push(kiosk);
    console.log('Kiosk started in Electron.');
  } else {
    kiosk = tsNode('kiosk', 'main/browser/main.ts', values.headless ? ['--headless'] : [], env);
    kiosk.process.stdout?.pipe(process.stdout); // the ready line, exactly as the Chromium host prints it
  }
  const code = await kiosk.exited;
  if (!stopping) {
    console.error(`The kiosk exited (code ${code}); stopping the hub and simulators.`);
    await stopAll(code ?? 1);
  }
}

main().catch(async (error: unknown) => {
  console.error(`npm start failed: ${error instanceof Error ? error.message : String(error)}`);
  await stopAll(1);
});
