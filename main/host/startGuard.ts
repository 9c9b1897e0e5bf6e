// The crash-loop guard for config.json (issue 15 §1): a configuration that makes the host die during start
// (a device option that crashes a native driver, a value that throws before the kiosk serves) would have
// systemd restart it forever with a dark screen. Each start is counted on disk before the config is read, and
// the count is cleared once the host serves (ready). When the same config.json (by hash) has begun 3 starts
// that never reached ready, the next start sets it aside as `config.json.crashed-<time>` (kept for the
// technician) and the kiosk starts on what loadConfig does without one (the last good config or defaults,
// docs/technician.md). A changed config.json starts counting afresh.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Clock } from '../../src/domain/clock';
import { systemClock } from '../../src/domain/clock';
import type { Logger } from './log';

/** Unfinished starts of one config.json after which it is set aside (default 3). */
export const maxUnfinishedStarts = 3;
const guardFile = 'start-guard.json';
const guardSchema = z.object({ configHash: z.string(), unfinishedStarts: z.number().int().nonnegative() });

export interface StartGuard {
  /** The config.json set aside at this start (relative to the data directory), or null. */
  readonly setAside: string | null;
  /** The host serves: this start finished. */
  markStarted(): void;
}

const hashOf = (path: string): string => (existsSync(path) ? createHash('sha256').update(readFileSync(path)).digest('hex') : 'none');

function readGuard(path: string): z.infer<typeof guardSchema> | null {
  try {
    return guardSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  } catch {
    return null; // none yet, or damaged: counting starts again
  }
}

/** Call once per start, before the config is read. */
export function guardStart({ dataDir, log, clock = systemClock, limit = maxUnfinishedStarts }: { dataDir: string; log: Logger; clock?: Clock; limit?: number }): StartGuard {
  const configPath = join(dataDir, 'config.json');
  const statePath = join(dataDir, guardFile);
  const write = (state: z.infer<typeof guardSchema>) => {
    try {
      writeFileSync(statePath, JSON.stringify(state) + '\n');
    } catch (error) {
      log.warn('start guard not written', { error }); // a full disk: the guard is lost for this start, the kiosk is not
    }
  };
  let hash = hashOf(configPath);
  const previous = readGuard(statePath);
  let unfinished = previous && previous.configHash === hash ? previous.unfinishedStarts : 0;
  let setAside: string | null = null;
  if (hash !== 'none' && unfinished >= limit) {
    setAside = `config.json.crashed-${new Date(clock.now()).toISOString().replace(/[:.]/g, '-')}`;
    try {
      renameSync(configPath, join(dataDir, setAside));
      log.error('config set aside after starts that never finished', { count: unfinished, path: setAside });
      hash = hashOf(configPath);
      unfinished = 0;
    } catch (error) {
      log.error('config could not be set aside', { error });
      setAside = null;
    }
  }
  write({ configHash: hash, unfinishedStarts: unfinished + 1 });
  return {
    setAside,
    markStarted: () => write({ configHash: hash, unfinishedStarts: 0 }),
  };
}
