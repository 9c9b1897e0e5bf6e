// Runs `kioskctl` as a technician would (bin/kioskctl.mjs, under this Node), collecting what it prints. A child
// that hangs is killed at the timeout, so a CLI test can fail but never hang the suite.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface CliRun {
  /** The exit code; null when the child was killed (the timeout). */
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `env` is laid over this process's environment; `timeoutMs` default 30,000; `input` is written to stdin. */
export function runKioskctl(args: string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 30_000, input?: string): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/kioskctl.mjs', ...args], { cwd: root, env: { ...process.env, ...env } });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    if (input !== undefined) child.stdin.end(input);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
