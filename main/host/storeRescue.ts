// A browser store that would not open is moved aside before the browser starts, kept, and reported (issue 15
// §3): left in place, Chromium would delete it and start an empty one without a word (leveldbCheck.ts), and
// the outbox's queued applications with it. Moved, the kiosk starts with a fresh store — not silently: the
// log, the heartbeat's `storage` entry and the technician's health panel say what was found and where it is.
// The folder `<data>/damaged-stores/<when>-<name>/` holds the store as it was (for recovery with LevelDB's
// own repair tools, docs/operations.md) and REASON.json; it is reported at every start until a technician
// removes it.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Clock } from '../../src/domain/clock';
import { systemClock } from '../../src/domain/clock';
import { levelDbProblem } from './leveldbCheck';
import type { Logger } from './log';
import { folderBytes } from './storageWatch';

export const damagedStoresFolder = 'damaged-stores';

export const damagedStoreSchema = z.object({
  /** The store's folder name, e.g. http_127.0.0.1_17800.indexeddb.leveldb. */
  store: z.string(),
  problem: z.string(),
  /** Where it is kept, relative to the data directory. */
  keptAt: z.string(),
  movedAt: z.string(),
  bytes: z.number().int().nonnegative(),
});
export type DamagedStore = z.infer<typeof damagedStoreSchema>;

/** Moves `from` to `to`, across file systems too. */
function move(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    cpSync(from, to, { recursive: true });
    rmSync(from, { recursive: true, force: true });
  }
}

/** The stores kept in `<data>/damaged-stores`, oldest first. */
export function listDamagedStores(dataDir: string): DamagedStore[] {
  const root = join(dataDir, damagedStoresFolder);
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .sort()
    .flatMap((name) => {
      try {
        return [damagedStoreSchema.parse(JSON.parse(readFileSync(join(root, name, 'REASON.json'), 'utf8')))];
      } catch {
        return []; // a folder a technician made, or one moved by hand
      }
    });
}

export interface RescueOptions {
  /** The browser profile's IndexedDB folder. */
  indexedDbDir: string;
  dataDir: string;
  log: Logger;
  clock?: Clock;
}

/** Checks every IndexedDB LevelDB in the profile, moves the damaged ones aside; answers every store kept so far. */
export function rescueDamagedStores({ indexedDbDir, dataDir, log, clock = systemClock }: RescueOptions): DamagedStore[] {
  if (existsSync(indexedDbDir)) {
    for (const store of readdirSync(indexedDbDir).filter((name) => name.endsWith('.indexeddb.leveldb'))) {
      const problem = levelDbProblem(join(indexedDbDir, store));
      if (problem === null) continue;
      const movedAt = new Date(clock.now()).toISOString();
      const keptAt = join(damagedStoresFolder, `${movedAt.replace(/[:.]/g, '-')}-${store}`);
      const target = join(dataDir, keptAt);
      try {
        mkdirSync(target, { recursive: true });
        const bytes = folderBytes(join(indexedDbDir, store));
        move(join(indexedDbDir, store), join(target, store));
        // Large values live beside the LevelDB in the origin's .blob folder; they belong to the same store.
        const blobs = store.replace(/\.leveldb$/, '.blob');
        if (existsSync(join(indexedDbDir, blobs))) move(join(indexedDbDir, blobs), join(target, blobs));
        const record: DamagedStore = { store, problem, keptAt, movedAt, bytes };
        writeFileSync(join(target, 'REASON.json'), JSON.stringify(record, null, 2) + '\n');
        log.error('damaged browser store moved aside', { path: store, detail: problem, bytes, to: keptAt });
      } catch (error) {
        log.error('damaged browser store could not be moved aside', { path: store, detail: problem, error });
      }
    }
  }
  return listDamagedStores(dataDir);
}
