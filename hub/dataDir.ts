// The hub's data directory: keys/, pgdata/ (on-disk PGlite), hub.lock (one hub per directory) and hub.json
// (where the running hub listens, and the admin secret kioskctl uses to reach it; mode 0600).
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';

/** KIOSK_HUB_DATA, else ~/.local/share/zhengwu-kiosk/hub. */
export const defaultHubDataDir = (): string => process.env.KIOSK_HUB_DATA || join(homedir(), '.local', 'share', 'zhengwu-kiosk', 'hub');

export class HubBusyError extends Error {
  readonly code = 'busy';
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Takes hub.lock for this process; a lock left by a dead process is taken over. Returns the release. */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const path = join(dataDir, 'hub.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(path, 'utf8').trim());
      if (Number.isInteger(holder) && holder > 0 && isAlive(holder)) {
        throw new HubBusyError(`another hub (pid ${holder}) is using ${dataDir}`);
      }
      rmSync(path, { force: true }); // stale: its process is gone
    }
  }
  throw new HubBusyError(`cannot lock ${dataDir}`);
}

export const runningHubSchema = z.object({ url: z.string(), pid: z.number().int(), adminToken: z.string() });
export type RunningHub = z.infer<typeof runningHubSchema>;

export function writeRunningHub(dataDir: string, info: RunningHub): void {
  writeFileSync(join(dataDir, 'hub.json'), JSON.stringify(info), { mode: 0o600 });
}

export function clearRunningHub(dataDir: string): void {
  rmSync(join(dataDir, 'hub.json'), { force: true });
}

/** The hub running on this data directory, or null when none is (or its process is gone). */
export function readRunningHub(dataDir: string): RunningHub | null {
  try {
    const info = runningHubSchema.parse(JSON.parse(readFileSync(join(dataDir, 'hub.json'), 'utf8')));
    return isAlive(info.pid) ? info : null;
  } catch {
    return null;
  }
}
