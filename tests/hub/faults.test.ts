// Crash safety, log hygiene, migrations and opening, on PGlite and on PostgreSQL.
import { loadHpkePrivateKey, loadHubKeys } from '../../hub/keys';
import { describe, expect, it } from 'vitest';
import type { Db, SqlParam } from '../../hub/db/db';
import { migrate, migrations } from '../../hub/db/migrations';
import { openSealed } from '../../hub/openSealed';
import { findSealed } from '../../hub/store/applications';
import { rmSync, statSync } from 'node:fs';
import { startHub } from '../../hub/startHub';
import { batchResponseSchema, type BatchResponse } from '../../src/domain/hubApi';
import { call, countApplications, enrol, engines, makeItem, sealAs, tempDir, useDatabase, useHub } from './support';

type Rewrite = (sql: string, params: readonly SqlParam[]) => [string, SqlParam[]];

/** The shared database, except that `fault.rewrite` may change the applications INSERT before it is sent. */
function withFault(db: Db, fault: { rewrite?: Rewrite }): Db {
  return {
    ...db,
    query: (sql, params = []) => {
      const [text, values] = fault.rewrite && sql.includes('INSERT INTO applications') ? fault.rewrite(sql, params) : [sql, [...params]];
      return db.query(text, values);
    },
    close: async () => undefined,
  };
}

describe.each(engines)('hub faults on %s', (engine) => {
  const database = useDatabase(engine);
  const fault: { rewrite?: Rewrite } = {};
  const lines: string[] = [];
  const started = useHub({ get db() { return withFault(database.db, fault); } }, { log: { level: 'info', stream: { write: (line) => void lines.push(line) } } });
  const batch = (token: string, items: unknown[]) => call<BatchResponse>(`${started.hub.url}/v1/applications:batch`, { token, body: { items } });

  /** Sends a batch whose insert fails part-way, then checks nothing was kept and the retry counts as new. */
  async function expectAllOrNothing(rewrite: Rewrite): Promise<void> {
    const kiosk = await enrol(started.hub);
    const items = [makeItem(), makeItem(), makeItem()];
    fault.rewrite = rewrite;
    const failed = await batch(kiosk.credential, items);
    fault.rewrite = undefined;
    expect(failed.status).toBe(500);
    expect(failed.body).toMatchObject({ error: 'internal' });
    expect(await countApplications(database.db, kiosk.kioskId)).toBe(0);
    const retry = await batch(kiosk.credential, items);
    expect(batchResponseSchema.parse(retry.body).results.map((r) => r.status)).toEqual(['accepted', 'accepted', 'accepted']);
    expect(await countApplications(database.db, kiosk.kioskId)).toBe(3);
    expect((await call(`${started.hub.url}/v1/health`)).status).toBe(200);
  }

  it('keeps nothing of a batch whose last row fails after the others were inserted', async () => {
    // The last row's queue city becomes NULL: rows 1 and 2 are in before row 3 breaks NOT NULL.
    await expectAllOrNothing((sql, params) => {
      const values = [...params];
      values[values.length - 6] = null;
      return [sql, values];
    });
  });

  if (engine === 'postgres') {
    it('keeps nothing when its database connection dies in the middle of the insert', async () => {
      // The first RETURNING row makes the server end this very backend: the statement never commits.
      await expectAllOrNothing((sql, params) => [sql.replace(/RETURNING id::text, case_no$/, 'RETURNING id::text, case_no, pg_terminate_backend(pg_backend_pid())'), [...params]]);
    });
  }

  it('opens what a kiosk sealed, only with the right binding', async () => {
    const kiosk = await enrol(started.hub);
    const personal = { name: '张三', idNumber: '420102199003071232', phone: '13800000000', form: { address: '武汉市江岸区' } };
    const item = makeItem();
    item.sealed = await sealAs(kiosk.hpkePublicKey, { id: item.id, kioskId: kiosk.kioskId, serviceId: item.serviceId }, personal);
    expect((await batch(kiosk.credential, [item])).body.results[0]?.status).toBe('accepted');
    const stored = await findSealed(database.db, item.id);
    expect(stored).not.toBeNull();
    const ref = { id: item.id, kioskId: kiosk.kioskId, serviceId: item.serviceId, sealed: { enc: stored?.enc ?? '', ct: stored?.ct ?? '' } };
    expect(await openSealed(loadHpkePrivateKey(started.dataDir), ref)).toEqual(personal);
    expect(await findSealed(database.db, stored?.caseNo ?? '')).toEqual(stored);
    await expect(openSealed(loadHpkePrivateKey(started.dataDir), { ...ref, serviceId: 'WHMA-HJ-02' })).rejects.toThrow(/cannot open/);
    await expect(openSealed(loadHpkePrivateKey(started.dataDir), { ...ref, kioskId: 'someone-else' })).rejects.toThrow(/cannot open/);
  });

  it('logs no credential, enrolment code or sealed bytes', async () => {
    lines.length = 0;
    const { code } = await started.hub.createEnrolmentCode('420900-002');
    const enrolled = await call<{ credential: string; kioskId: string }>(`${started.hub.url}/v1/enrol`, { body: { code } });
    const item = makeItem();
    await batch(enrolled.body.credential, [item]);
    await call(`${started.hub.url}/v1/applications/by-receipt/${item.receiptNo}`, { token: enrolled.body.credential });
    await batch('wrong-credential-0123456789', [item]);
    const log = lines.join('\n');
    expect(lines.some((line) => JSON.parse(line).kioskId === enrolled.body.kioskId)).toBe(true);
    for (const secret of [code, enrolled.body.credential, item.sealed.ct, 'wrong-credential-0123456789']) expect(log).not.toContain(secret);
    expect(log).not.toMatch(/authorization/i);
  });

  it('applies each migration once', async () => {
    expect(await migrate(database.db)).toEqual([]);
    const applied = await database.db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    expect(applied.rows.map((r) => r.version)).toEqual(migrations.map((m) => m.version));
  });

  it('keeps its keys across restarts and refuses a second hub on the same directory', async () => {
    const dataDir = tempDir();
    // Keys made first: this database already holds other tests' applications, over which a hub makes no new keys.
    loadHubKeys(dataDir);
    const first = await startHub({ dataDir, db: database.db, log: false });
    await expect(startHub({ dataDir, db: database.db, log: false })).rejects.toThrow(/another hub/);
    const keys = first.keys;
    await first.close();
    const second = await startHub({ dataDir, db: database.db, log: false });
    expect(second.keys.hpkePublicKey).toBe(keys.hpkePublicKey);
    expect(second.keys.signingPublicKey).toBe(keys.signingPublicKey);
    expect(statSync(`${dataDir}/keys/hpke-x25519.pem`).mode & 0o777).toBe(0o600);
    expect(statSync(`${dataDir}/keys/signing-ed25519.pem`).mode & 0o777).toBe(0o600);
    expect(statSync(`${dataDir}/keys`).mode & 0o777).toBe(0o700);
    await second.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
});
