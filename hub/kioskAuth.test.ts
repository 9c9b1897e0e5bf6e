// The credential cache on a real (in-memory PGlite) database: valid credentials are remembered for the TTL,
// unknown ones never; a revocation through it counts at once, even against a lookup in flight; one written by
// another process counts once the TTL has passed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb, type Db, type Queryable } from './db/db';
import { migrate } from './db/migrations';
import { createKioskAuth } from './kioskAuth';
import { createEnrolmentCode, enrolKiosk, revokeKiosk } from './store/kiosks';

describe('kiosk auth', () => {
  let db: Db;
  let now = 0;
  let lookups = 0;
  /** The database, with `onLookup` run after each credential lookup has read its answer. */
  const watched = (onLookup: () => void | Promise<void>): Queryable => ({
    exec: (sql) => db.exec(sql),
    async query<Row extends object>(sql: string, params?: Parameters<Queryable['query']>[1]) {
      const answer = await db.query<Row>(sql, params);
      if (sql.includes('FROM kiosks WHERE credential_hash')) await onLookup();
      return answer;
    },
  });
  const counting = () => watched(() => void lookups++);
  const enrol = async () => (await enrolKiosk(db, (await createEnrolmentCode(db, '420102-001')).code, 'test'))!;

  beforeEach(async () => {
    db = await openDb({ databaseUrl: 'memory://', pgliteDir: '' });
    await migrate(db);
    now = 1_000;
    lookups = 0;
  });
  afterEach(() => db.close());

  it('remembers a valid credential for the TTL and never an unknown one', async () => {
    const auth = createKioskAuth(counting(), { ttlMs: 5_000, now: () => now });
    const kiosk = await enrol();
    for (let i = 0; i < 3; i++) expect(await auth.authenticate(kiosk.credential)).toEqual({ kioskId: kiosk.kioskId, siteCode: '420102-001' });
    expect(lookups).toBe(1);
    for (let i = 0; i < 3; i++) expect(await auth.authenticate('not-a-credential')).toBeNull();
    expect(lookups).toBe(4);
    now += 5_000;
    await auth.authenticate(kiosk.credential);
    expect(lookups).toBe(5);
  });

  it('refuses a credential at once once revoked through it, even when a lookup was in flight', async () => {
    const auth = createKioskAuth(db, { ttlMs: 60_000, now: () => now });
    const kiosk = await enrol();
    expect(await auth.authenticate(kiosk.credential)).not.toBeNull();
    expect(await auth.revoke(kiosk.kioskId)).toBe(true);
    expect(await auth.authenticate(kiosk.credential)).toBeNull();
    expect(await auth.revoke(kiosk.kioskId)).toBe(false);

    // A lookup that read the kiosk before the revocation committed must not be remembered after it.
    const other = await enrol();
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const slow = createKioskAuth(watched(() => held), { ttlMs: 60_000, now: () => now });
    const inFlight = slow.authenticate(other.credential);
    await slow.revoke(other.kioskId);
    release();
    expect(await inFlight).not.toBeNull(); // it was valid when asked
    expect(await slow.authenticate(other.credential)).toBeNull();
  });

  it('sees a revocation written by another process once the TTL has passed', async () => {
    const auth = createKioskAuth(db, { ttlMs: 5_000, now: () => now });
    const kiosk = await enrol();
    expect(await auth.authenticate(kiosk.credential)).not.toBeNull();
    await revokeKiosk(db, kiosk.kioskId); // `kioskctl hub revoke` against a shared PostgreSQL
    now += 5_001;
    expect(await auth.authenticate(kiosk.credential)).toBeNull();
  });
});
