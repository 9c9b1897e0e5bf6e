// Starts tests/sync/helpers/hubMain.ts as a child process and waits for its first line.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface HubProcess {
  url: string;
  port: number;
  code: string | null;
  child: ChildProcess;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export function spawnHub(dataDir: string, databaseUrl: string, siteCode?: string): Promise<HubProcess> {
  const script = fileURLToPath(new URL('./hubMain.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script, dataDir, databaseUrl, ...(siteCode ? [siteCode] : [])], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`hub did not start: ${stderr}`));
    }, 60_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n')[0];
      if (!out.includes('\n') || !line) return;
      clearTimeout(timer);
      const { url, code } = JSON.parse(line) as { url: string; code: string | null };
      resolve({
        url,
        port: Number(new URL(url).port),
        code,
        child,
        async kill(signal = 'SIGKILL') {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          await exited;
        },
      });
    });
    child.once('exit', (codeOrNull) => {
      clearTimeout(timer);
      reject(new Error(`hub exited (${codeOrNull}) before it started: ${stderr}`));
    });
  });
}
