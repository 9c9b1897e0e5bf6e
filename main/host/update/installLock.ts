// One install at a time. Two installers staging into the same inactive slot would interleave their files (the
// seal and the re-hash would catch it, but the second would throw away the first's work and could race its
// switch), so an install holds `<data>/update/install.lock`, created exclusively ('wx') and naming its pid. A
// lock left by an installer that was killed (power cut, SIGKILL) names a pid that no longer runs: it is stale,
// and the next install removes it and goes on. A pid that runs means another install is under way: refused.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { updateDir } from './slotLayout';

export const installLockPath = (dataDir: string): string => join(updateDir(dataDir), 'install.lock');

export interface LockHolder {
  pid: number;
  since: string;
}

/** True when a process with this pid runs (EPERM: it runs under another user, which still counts). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(file: string): LockHolder | null {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockHolder>;
    return typeof parsed.pid === 'number' && Number.isInteger(parsed.pid) && parsed.pid > 0 ? { pid: parsed.pid, since: String(parsed.since ?? '') } : null;
  } catch {
    return null; // gone meanwhile, or torn by a power cut while being written: nobody holds it
  }
}

export type LockResult = { ok: true; release: () => void; recoveredFrom: LockHolder | null } | { ok: false; holder: LockHolder };

/**
 * Takes the install lock for this process. `now` dates it (ISO); `isAlive` is injectable so a test can name a
 * pid that is certainly gone. A lock this same process holds counts as held (installs in one host do not nest).
 */
export function acquireInstallLock(dataDir: string, now: () => string, isAlive = isProcessAlive): LockResult {
  const file = installLockPath(dataDir);
  mkdirSync(updateDir(dataDir), { recursive: true });
  let recoveredFrom: LockHolder | null = null;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(file, JSON.stringify({ pid: process.pid, since: now() }), { flag: 'wx' });
      const release = () => {
        if (readHolder(file)?.pid === process.pid) rmSync(file, { force: true });
      };
      return { ok: true, release, recoveredFrom };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readHolder(file);
    if (holder && isAlive(holder.pid)) return { ok: false, holder };
    // Stale (its installer died) or unreadable: remove it and try again; another process may win the race.
    recoveredFrom = holder ?? { pid: 0, since: '' };
    rmSync(file, { force: true });
  }
  const holder = readHolder(file);
  return { ok: false, holder: holder ?? { pid: 0, since: '' } };
}
