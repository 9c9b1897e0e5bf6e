// Child processes of `npm start`, each in its own process group so that stopping one stops everything it
// started (tsx → node, socat), and nothing outlives `npm start`.
import { spawn } from 'node:child_process';
import type { ChildProcess, SpawnOptions } from 'node:child_process';

export interface Child {
  readonly name: string;
  readonly process: ChildProcess;
  readonly exited: Promise<number | null>;
  stop(graceMs?: number): Promise<void>;
}

export function startChild(name: string, command: string, args: string[], options: SpawnOptions = {}): Child {
  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'inherit'], detached: process.platform !== 'win32', ...options });
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.once('error', () => resolve(null));
  });
  const signal = (sig: NodeJS.Signals) => {
    try {
      if (child.pid && process.platform !== 'win32') process.kill(-child.pid, sig);
      else child.kill(sig);
    } catch {
      // already gone
    }
  };
  return {
    name,
    process: child,
    exited,
    async stop(graceMs = 3000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      signal('SIGTERM');
      const timer = setTimeout(() => signal('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
      signal('SIGKILL'); // anything left in the group (a grandchild that ignored SIGTERM)
    },
  };
}

/** Resolves with the first stdout line that matches, forwarding every line to our stdout. */
export function waitForLine(child: Child, pattern: RegExp, timeoutMs = 60_000): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    let found = false;
    const timer = setTimeout(() => reject(new Error(`${child.name} did not become ready within ${timeoutMs / 1000} s`)), timeoutMs);
    child.process.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let newline: number;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        process.stdout.write(`[${child.name}] ${line}\n`);
        const match = !found && line.match(pattern);
        if (match) {
          found = true;
          clearTimeout(timer);
          resolve(match);
        }
      }
    });
    void child.exited.then((code) => {
      clearTimeout(timer);
      if (!found) reject(new Error(`${child.name} exited (code ${code}) before it was ready`));
    });
  });
}
