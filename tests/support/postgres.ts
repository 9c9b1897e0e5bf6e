// A throwaway PostgreSQL 15 (Debian's binaries) for integration tests and benchmarks: initdb into a temporary
// directory, start on a free loopback port, hand back a DATABASE_URL, stop and delete everything after.
// PostgreSQL refuses to run as root, and tests here run as root, so when we are root the server runs as the
// `postgres` system user through runuser; as an ordinary user it runs as that user directly.
import { execFile } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './freePort';

const run = promisify(execFile);

/** Debian's PostgreSQL 15 (override with KIOSK_PG_BIN). */
export const postgresBin = process.env.KIOSK_PG_BIN ?? '/usr/lib/postgresql/15/bin';

export interface TestPostgres {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export interface StartPostgresOptions {
  /** Turn fsync off (default true): tests need correctness, not durability across power loss. */
  noFsync?: boolean;
}

export async function startPostgres(options: StartPostgresOptions = {}): Promise<TestPostgres> {
  const isRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-pg-'));
  const data = join(dir, 'data');
  const asServerUser = (command: string, args: string[]) =>
    isRoot ? run('runuser', ['-u', 'postgres', '--', join(postgresBin, command), ...args]) : run(join(postgresBin, command), args);
  if (isRoot) chownSync(dir, Number((await run('id', ['-u', 'postgres'])).stdout.trim()), Number((await run('id', ['-g', 'postgres'])).stdout.trim()));
  try {
    await asServerUser('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync']);
    const port = await freePort();
    const settings = [`-p ${port}`, `-k ${dir}`, `-c listen_addresses=127.0.0.1`, options.noFsync === false ? '' : '-c fsync=off'].join(' ');
    await asServerUser('pg_ctl', ['-D', data, '-o', settings, '-l', join(dir, 'server.log'), '-w', '-t', '30', 'start']);
    let stopped: Promise<void> | undefined;
    return {
      url: `postgres://postgres@127.0.0.1:${port}/postgres`,
      port,
      stop: () =>
        (stopped ??= (async () => {
          await asServerUser('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']).catch(() => undefined);
          rmSync(dir, { recursive: true, force: true });
        })()),
    };
  } catch (error) {
    await asServerUser('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
