// The intake's INSERT is prepared on PostgreSQL (hub/db/db.ts `prepare`): parsed and planned once per connection,
// then only bound and run. Checked on the server's own list of a session's prepared statements.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../hub/db/db';
import { startPostgres, type TestPostgres } from '../support/postgres';

const sql = 'SELECT $1::int + $2::int AS sum';

describe('prepared statements', () => {
  let pg: TestPostgres;
  let db: Db;
  beforeAll(async () => {
    pg = await startPostgres();
    db = await openDb({ databaseUrl: pg.url, poolSize: 1 }); // one connection: the list below is its list
  });
  afterAll(async () => {
    await db.close();
    await pg.stop();
  });

  it('keeps one statement per text on PostgreSQL and answers each call with its own parameters', async () => {
    const sums = [];
    for (const [a, b] of [[1, 2], [40, 2], [-5, 5]]) sums.push((await db.query<{ sum: number }>(sql, [a!, b!], { prepare: true })).rows[0]?.sum);
    expect(sums).toEqual([3, 42, 0]);
    const listed = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_prepared_statements WHERE statement = $1', [sql]);
    expect(listed.rows[0]?.n).toBe(1);
    await db.query(sql, [1, 1]); // unprepared, the same text adds nothing
    expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_prepared_statements')).rows[0]?.n).toBe(1);
  });

  it('answers the same on PGlite, which parses every time', async () => {
    const lite = await openDb({ databaseUrl: 'memory://' });
    try {
      expect((await lite.query<{ sum: number }>(sql, [40, 2], { prepare: true })).rows[0]?.sum).toBe(42);
    } finally {
      await lite.close();
    }
  });
});
