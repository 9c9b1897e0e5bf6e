// A pseudo-terminal pair from socat: two linked paths that behave like the two ends of a serial cable.
// Tests and `npm start` put a simulator on one end and the real driver on the other.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PtyPair {
  /** The end a driver opens (what a technician would configure as the port). */
  readonly devicePath: string;
  /** The end a simulator opens. */
  readonly simPath: string;
  close(): Promise<void>;
}

export interface PtyPairOptions {
  /** Folder for the two links (default: a new temporary folder). */
  dir?: string;
  /** Link names (default `device` and `sim`). */
  names?: [string, string];
  /** How long to wait for socat to create the links (default 5000 ms). */
  timeoutMs?: number;
}

export async function openPtyPair(options: PtyPairOptions = {}): Promise<PtyPair> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'kiosk-pty-'));
  const [deviceName, simName] = options.names ?? ['device', 'sim'];
  const devicePath = join(dir, deviceName);
  const simPath = join(dir, simName);
  const child: ChildProcess = spawn('socat', [`pty,raw,echo=0,link=${devicePath}`, `pty,raw,echo=0,link=${simPath}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('error', () => undefined); // reported below as "socat did not start"

  const deadline = Date.now() + (options.timeoutMs ?? 5000);
  while (!(existsSync(devicePath) && existsSync(simPath))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`socat did not create the pseudo-terminal pair (is socat installed?) ${stderr.trim()}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  return {
    devicePath,
    simPath,
    async close() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 2000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
    },
  };
}
