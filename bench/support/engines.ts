// The hub benches run once per database engine: PGlite in a fresh folder, and a fresh PostgreSQL with fsync on
// (as in production). Each run's folder and server are gone afterwards, whatever the run did.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPostgres } from '../../tests/support/postgres';

/** Runs `bench` on the engine asked for (`--engine`), else on both, and returns their results in order. */
export async function onEachEngine<T>(only: string | undefined, bench: (engine: string, dataDir: string, postgresUrl?: string) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (const engine of only ? [only] : ['pglite', 'postgres']) {
    const dataDir = mkdtempSync(join(tmpdir(), `bench-hub-${engine}-`));
    const postgres = engine === 'postgres' ? await startPostgres({ noFsync: false }) : undefined;
    try {
      results.push(await bench(engine, dataDir, postgres?.url));
    } finally {
      await postgres?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  return results;
}
