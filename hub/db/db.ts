// One small database interface over two engines: PGlite (PostgreSQL compiled to WASM, embedded, a data
// directory on disk) when no DATABASE_URL is given, and a `pg` Pool against a real PostgreSQL when it is.
// The hub's SQL is written once and runs unchanged on both; results are normalised here so callers never
// see an engine's quirks (pg answers int8 as strings and bytea as Buffer, PGlite as numbers and Uint8Array),
// and every query sent through this interface is parameterised.
import { createHash } from 'node:crypto';
import type { PGlite, Transaction } from '@electric-sql/pglite';
import type { Pool, PoolClient } from 'pg';

export type SqlParam = string | number | boolean | null | Date | Uint8Array | readonly string[];

export interface QueryOptions {
  /**
   * Keep the statement parsed and planned on the connection it ran on (PostgreSQL; PGlite parses every time),
   * named after its text. For a long statement run often, whose parsing and planning cost more than running
   * it: the intake's 100-row INSERT has 1,300 parameters (bench/sync-hub.ts). A connection keeps one per text.
   */
  prepare?: boolean;
}

export interface Queryable {
  query<Row extends object = Record<string, unknown>>(sql: string, params?: readonly SqlParam[], options?: QueryOptions): Promise<{ rows: Row[]; rowCount: number }>;
  /** Several statements without parameters (migrations only). */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly engine: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export class DbError extends Error {
  readonly code = 'db';
}

export interface OpenDbOptions {
  /**
   * `postgres://…` uses PostgreSQL through a `pg` Pool; `memory://` an in-memory PGlite (tests);
   * anything else (default: undefined) an on-disk PGlite in `pgliteDir`.
   */
  databaseUrl?: string;
  /** Where PGlite keeps its files (required when databaseUrl is not set). */
  pgliteDir?: string;
  /** Pool size for PostgreSQL (default 10). */
  poolSize?: number;
}

export async function openDb(options: OpenDbOptions): Promise<Db> {
  const url = options.databaseUrl;
  if (url && /^postgres(ql)?:\/\//.test(url)) return openPostgres(url, options.poolSize ?? 10);
  if (url && url !== 'memory://') throw new DbError(`unsupported database URL scheme: ${url.split(':')[0]}`);
  if (!url && !options.pgliteDir) throw new DbError('no DATABASE_URL and no PGlite directory given');
  const { PGlite: PGliteClass } = await import('@electric-sql/pglite');
  const pglite = url === 'memory://' ? new PGliteClass() : new PGliteClass(options.pgliteDir);
  await pglite.waitReady;
  return wrapPglite(pglite);
}

function normaliseRow(row: Record<string, unknown>): Record<string, unknown> {
  for (const [key, value] of Object.entries(row)) {
    // pg gives Buffer (a Uint8Array subclass); hand out plain Uint8Array views from both engines.
    if (value instanceof Uint8Array && value.constructor !== Uint8Array) row[key] = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  }
  return row;
}

type PgliteLike = Pick<PGlite, 'query' | 'exec'> | Pick<Transaction, 'query' | 'exec'>;

function pgliteQueryable(target: PgliteLike): Queryable {
  return {
    async query<Row extends object>(sql: string, params: readonly SqlParam[] = []) {
      const result = await target.query<Record<string, unknown>>(sql, params as unknown[]);
      return { rows: result.rows.map(normaliseRow) as Row[], rowCount: result.affectedRows ?? result.rows.length };
    },
    async exec(sql: string) {
      await target.exec(sql);
    },
  };
}

function wrapPglite(pglite: PGlite): Db {
  return {
    engine: 'pglite',
    ...pgliteQueryable(pglite),
    // PGlite is one connection; its transaction() holds a lock so other callers wait rather than interleave.
    transaction: (fn) => pglite.transaction((tx) => fn(pgliteQueryable(tx))),
    close: () => pglite.close(),
  };
}

/** A prepared statement's name: its text's digest, so one text is one statement however often it is asked for. */
const statementName = (sql: string): string => `s${createHash('sha1').update(sql).digest('hex')}`;

async function openPostgres(connectionString: string, max: number): Promise<Db> {
  const { default: pg } = await import('pg');
  // int8 (20) and numeric (1700) come back as strings from pg; the hub casts what it reads, so leave them.
  const pool: Pool = new pg.Pool({ connectionString, max });
  // An idle client losing its connection (server restart) must not crash the hub; the pool replaces it.
  pool.on('error', () => undefined);
  const clientQueryable = (client: Pool | PoolClient): Queryable => ({
    async query<Row extends object>(sql: string, params: readonly SqlParam[] = [], options: QueryOptions = {}) {
      const values = params as unknown[];
      // pg prepares a named statement once per connection and then only binds and executes it.
      const result = options.prepare ? await client.query({ name: statementName(sql), text: sql, values }) : await client.query(sql, values);
      return { rows: (result.rows as Record<string, unknown>[]).map(normaliseRow) as Row[], rowCount: result.rowCount ?? 0 };
    },
    async exec(sql: string) {
      await client.query(sql); // no parameters: the simple protocol, which allows several statements
    },
  });
  // Fail now, not on the first request, when the server is unreachable.
  await pool.query('SELECT 1');
  return {
    engine: 'postgres',
    ...clientQueryable(pool),
    async transaction(fn) {
      const client = await pool.connect();
      let broken = false;
      // A connection that dies while checked out emits 'error' on the client; unheard, it would end the process.
      const onError = () => (broken = true);
      client.on('error', onError);
      try {
        await client.query('BEGIN');
        const value = await fn(clientQueryable(client));
        await client.query('COMMIT');
        return value;
      } catch (error) {
        // A client whose ROLLBACK fails has lost its connection: destroy it instead of pooling it again.
        await client.query('ROLLBACK').catch(() => (broken = true));
        throw error;
      } finally {
        client.off('error', onError);
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}
