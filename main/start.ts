// `npm start`: the whole kiosk on embedded defaults, on one machine — the hub (PGlite), the two device
// simulators on pseudo-terminals, and the kiosk in Electron when its binary is present, otherwise in the
// Chromium host. `npm start -- --headless` never opens a window. SIGINT/SIGTERM stops every child.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openPtyPair } from '../devices/sim/ptyPair';
import type { PtyPair } from '../devices/sim/ptyPair';
import { defaultDataDir } from './host/paths';
import { startChild, waitForLine } from './processes';
import type { Child } from './processes';
import { ensureSystemPackages } from './systemDeps';

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
// `on`, not `once`: Ctrl-C reaches npm, tsx and us, and tsx relays it again; a second signal with no
// handler would kill us before the pseudo-terminals are closed.
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

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

const hubDataDir = join(dataDir, 'hub');
const kioskDataDir = join(dataDir, 'kiosk');

async function startHub(): Promise<string | undefined> {
  const hub = tsNode('hub', 'bin/kioskctl.ts', ['hub', 'start', '--port', '0', '--data', hubDataDir]);
  try {
    return (await waitForLine(hub, /(http:\/\/127\.0\.0\.1:\d+)/))[1];
  } catch (error) {
    console.warn(`[hub] not available (${(error as Error).message}); the kiosk keeps applications until a hub answers.`);
    return undefined;
  }
}

/** A one-time enrolment code for a kiosk that has never enrolled (what a technician does at installation). */
function enrolmentCode(): string | undefined {
  if (existsSync(join(kioskDataDir, 'hub-credential.json'))) return undefined;
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'bin/kioskctl.ts', 'hub', 'enrol-code', '--site', '420100-001', '--data', hubDataDir], { cwd: root, encoding: 'utf8' });
  const code = run.stdout.match(/[A-Z0-9]{4,}(?:-[A-Z0-9]{3,})+/)?.[0];
  if (!code) console.warn(`[hub] could not make an enrolment code: ${run.stderr.trim()}`);
  return code;
}

async function startSimulator(kind: 'idcard' | 'printer', simArgs: string[]): Promise<{ port: string; sim: Child } | undefined> {
  const pair = await openPtyPair({ dir: runDir, names: [kind, `${kind}-sim`] });
  pairs.push(pair);
  const sim = tsNode(`sim ${kind}`, 'bin/kioskctl.ts', ['sim', kind, '--link', pair.simPath, ...simArgs]);
  try {
    await waitForLine(sim, /simulator/i, 20_000);
    return { port: pair.devicePath, sim };
  } catch (error) {
    console.warn(`[sim ${kind}] ${(error as Error).message}; the kiosk shows the ${kind} as not connected.`);
    return undefined;
  }
}

/**
 * The card a plain `insert` places: a resident card valid long-term (长期), so it is never refused as expired,
 * whatever the day.
 */
const sampleCard = join(root, 'devices', 'sim', 'cards', 'resident-longterm.json');

/**
 * Lines typed into `npm start` (a terminal, or a pipe: `printf 'insert\n' | npm start`) drive the simulators:
 * `insert [FILE]` / `remove` the ID card, a printer state (`paperOut`, `ready`, `coverOpen`, …) for the printer.
 * The end of standard input stops nothing: `npm start < /dev/null` runs until Ctrl-C or SIGTERM.
 */
function forwardSimulatorCommands(idcard?: Child, printer?: Child) {
  console.log("Type 'insert' and Enter to place the sample ID card on the reader, 'remove' to take it off, or a printer state (paperOut, ready, coverOpen).");
  createInterface({ input: process.stdin, terminal: false }).on('line', (text) => {
    const line = text.trim() === 'insert' ? `insert ${sampleCard}` : text.trim();
    const target = /^(insert|remove)\b/.test(line) ? idcard : /^[a-zA-Z]+$/.test(line) ? printer : undefined;
    target?.process.stdin?.write(line + '\n');
  });
}

async function main() {
  if (!ensureSystemPackages('start')) return stopAll(1);
  ensureRendererBuilt();
  const hubUrl = await startHub();
  const enrolCode = hubUrl ? enrolmentCode() : undefined;
  const idcard = await startSimulator('idcard', ['--card', 'none']);
  const printer = await startSimulator('printer', ['--out', join(dataDir, 'receipts')]);
  forwardSimulatorCommands(idcard?.sim, printer?.sim);
  const env: NodeJS.ProcessEnv = {
    KIOSK_DATA_DIR: kioskDataDir,
    ...(hubUrl ? { KIOSK_HUB_URL: hubUrl } : {}),
    ...(enrolCode ? { KIOSK_HUB_ENROLMENT_CODE: enrolCode } : {}),
    ...(idcard ? { KIOSK_IDCARD_PORT: idcard.port } : {}),
    ...(printer ? { KIOSK_PRINTER_PORT: printer.port } : {}),
  };

  const electron = values.headless ? undefined : electronBinary();
  let kiosk: Child;
  if (electron) {
    if (!existsSync(join(root, 'dist', 'electron', 'loader.cjs'))) spawnSync(process.execPath, ['--import', 'tsx', 'main/electron/build.ts'], { cwd: root, stdio: 'inherit' });
    kiosk = startChild('kiosk', electron, [root], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit'] });
    children.push(kiosk);
    console.log('Kiosk started in Electron.');
  } else {
    kiosk = tsNode('kiosk', 'main/browser/loader.ts', values.headless ? ['--headless'] : [], env);
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
