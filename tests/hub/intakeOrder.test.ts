// Intake ordering per handling city (issue 14): batches for one city take turns, so a city queue reader past
// arrival number N never misses a smaller one committed late; batches for different cities do not wait for each
// other. Real PostgreSQL (a pool of connections, so batches really run at once); PGlite has one connection.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cityOfDivision } from '../../src/domain/hubApi';
import { intakeLockKey, storeApplications } from '../../hub/store/applications';
import { createEnrolmentCode, enrolKiosk, type AuthenticatedKiosk } from '../../hub/store/kiosks';
import type { Db } from '../../hub/db/db';
import { makeItem, useDatabase } from './support';

const database = useDatabase('postgres');
const wuhan = '420102';
const xiaogan = '420902';
const ezhou = '420702';

async function newKiosk(db: Db): Promise<AuthenticatedKiosk> {
  const { code } = await createEnrolmentCode(db, '420102-001');
  const kiosk = await enrolKiosk(db, code, '0.1.0');
  if (!kiosk) throw new Error('enrolment failed');
  return { kioskId: kiosk.kioskId, siteCode: kiosk.siteCode };
}

/** Every arrival number of the city, in order. */
async function cityQueue(db: Db, city: string, since = '0'): Promise<string[]> {
  const found = await db.query<{ seq: string }>('SELECT seq::text FROM applications WHERE queue_city = $1 AND seq > $2::bigint ORDER BY seq', [city, since]);
  return found.rows.map((r) => r.seq);
}

describe('intake locks per handling city (PostgreSQL)', () => {
  it("a batch for Xiaogan is stored while Wuhan's intake is held; Wuhan's waits its turn", async () => {
    const { db } = database;
    const kiosk = await newKiosk(db);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let lockHeld!: () => void;
    const held = new Promise<void>((resolve) => (lockHeld = resolve));
    const holder = db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1::integer, hashtext($2::text))', [intakeLockKey, cityOfDivision(wuhan)]);
      lockHeld();
      await gate;
    });
    await held;
    let wuhanStored = false;
    const wuhanBatch = storeApplications(db, kiosk, [makeItem({ handlingCity: wuhan })], new Date()).then((results) => {
      wuhanStored = true;
      return results;
    });
    // Wuhan's batch is queued behind the held lock (PostgreSQL shows it waiting)...
    await expect.poll(async () => (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")).rows[0]?.n).toBe(1);
    // ...while Xiaogan's goes through.
    const xiaoganResults = await storeApplications(db, kiosk, [makeItem({ handlingCity: xiaogan })], new Date());
    expect([...xiaoganResults.values()].map((r) => r.status)).toEqual(['accepted']);
    expect(wuhanStored).toBe(false);
    release();
    await holder;
    expect([...(await wuhanBatch).values()].map((r) => r.status)).toEqual(['accepted']);
  });

  it('a reader following a city queue by cursor never misses an application, whatever batches run at once', async () => {
    const { db } = database;
    const kiosk = await newKiosk(db);
    const cities = [wuhan, xiaogan, ezhou];
    // Each batch: its items' cities, and how long its transaction stays open after the insert (as a slow commit
    // would), which is what lets a later number become visible before an earlier one if the locks were wrong.
    const batch = fc.record({ cities: fc.array(fc.constantFrom(...cities), { minLength: 1, maxLength: 4 }), commitDelayMs: fc.integer({ min: 0, max: 15 }) });
    const batchPlans = fc.array(batch, { minLength: 4, maxLength: 16 });
    await fc.assert(
      fc.asyncProperty(batchPlans, async (plans) => {
        const queues = cities.map(cityOfDivision);
        const start = new Map(await Promise.all(queues.map(async (q) => [q, (await cityQueue(db, q)).at(-1) ?? '0'] as const)));
        const seen = new Map(queues.map((q) => [q, new Set<string>()]));
        const cursors = new Map(start);
        let writing = true;
        const readOnce = async () => {
          for (const q of queues) {
            const rows = await cityQueue(db, q, cursors.get(q));
            for (const seq of rows) seen.get(q)?.add(seq);
            if (rows.length > 0) cursors.set(q, rows.at(-1) ?? '0');
          }
        };
        const reader = (async () => {
          while (writing) await readOnce();
        })();
        await Promise.all(
          plans.map((plan) =>
            db.transaction(async (tx) => {
              await storeApplications(tx, kiosk, plan.cities.map((city) => makeItem({ handlingCity: city })), new Date());
              await tx.query('SELECT pg_sleep($1::float8 / 1000)', [plan.commitDelayMs]);
            }),
          ),
        );
        writing = false;
        await reader;
        await readOnce();
        for (const q of queues) expect([...(seen.get(q) ?? [])].sort()).toEqual((await cityQueue(db, q, start.get(q))).sort());
      }),
      { numRuns: 8 },
    );
  });
});
