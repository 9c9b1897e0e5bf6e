// The hub is stateless over PostgreSQL (issue 14 §4, docs/scaling.md): two hubs, each with its own connection
// pool and its own copy of the keys, on one database, with kiosks' requests dealt round-robin between them.
// 10,000 applications arrive once each (retries through the other hub are answered as duplicates), every city
// queue reads back complete and in arrival order through either hub, and a revocation made through one hub is
// seen by the other within its credential cache time (5 s, injected clocks: no waiting).
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../hub/db/db';
import { loadHubKeys } from '../../hub/keys';
import { startHub, type RunningHubHandle } from '../../hub/startHub';
import { batchResponseSchema, cityQueueResponseSchema, enrolResponseSchema, type EnrolResponse, type OutboundApplication } from '../../src/domain/hubApi';
import { call, makeItem, testCatalog, useDatabase } from './support';

const database = useDatabase('postgres');
const started = Date.parse('2030-03-01T02:00:00Z');
const clocks = [started, started];
const cities = ['420102', '420902', '420702'];
const total = 10_000;
const batchSize = 100;

describe('two hubs on one PostgreSQL', { timeout: 600_000 }, () => {
  const dirs: string[] = [];
  const pools: Db[] = [];
  const hubs: RunningHubHandle[] = [];
  let turn = 0;
  /** The next hub's URL, round-robin, as a load balancer deals requests. */
  const next = (): string => hubs[turn++ % hubs.length]?.url ?? '';

  beforeAll(async () => {
    for (const index of [0, 1]) {
      const dir = mkdtempSync(join(tmpdir(), `kiosk-hub-${index}-`));
      dirs.push(dir);
      writeFileSync(join(dir, 'catalog.json'), JSON.stringify(testCatalog));
      if (index === 0) loadHubKeys(dir);
      else cpSync(join(dirs[0] ?? '', 'keys'), join(dir, 'keys'), { recursive: true });
      const pool = await openDb({ databaseUrl: database.url });
      pools.push(pool);
      hubs.push(await startHub({ dataDir: dir, db: pool, catalogFile: join(dir, 'catalog.json'), log: false, clock: { now: () => clocks[index] ?? started } }));
    }
  });
  afterAll(async () => {
    for (const hub of hubs) await hub.close();
    for (const pool of pools) await pool.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  async function enrolKiosk(site: string): Promise<EnrolResponse> {
    const { code } = await (hubs[0] as RunningHubHandle).createEnrolmentCode(site);
    return enrolResponseSchema.parse((await call(`${next()}/v1/enrol`, { body: { code } })).body);
  }

  it('takes 10,000 applications from four kiosks through both hubs: none lost, none doubled, city queues complete and in order', async () => {
    const kiosks = await Promise.all(['420102-101', '420102-102', '420902-103', '420702-104'].map(enrolKiosk));
    const sent = new Map<string, OutboundApplication>();
    const batchesOf = (kioskIndex: number): OutboundApplication[][] =>
      Array.from({ length: total / batchSize / kiosks.length }, (_, b) =>
        Array.from({ length: batchSize }, (_, i) => {
          const item = makeItem({ handlingCity: cities[(kioskIndex + b + i) % cities.length], createdAt: new Date(started - 60_000).toISOString() });
          sent.set(item.id, item);
          return item;
        }),
      );
    const answers = new Map<string, string[]>();
    await Promise.all(
      kiosks.map(async (kiosk, k) => {
        const batches = batchesOf(k);
        for (const [b, items] of batches.entries()) {
          const answer = await call(`${next()}/v1/applications:batch`, { token: kiosk.credential, body: { items } });
          expect(answer.status).toBe(200);
          for (const result of batchResponseSchema.parse(answer.body).results) answers.set(result.id, [...(answers.get(result.id) ?? []), result.status]);
          // Every tenth batch is retried through the other hub, as a kiosk does when an answer is lost.
          if (b % 10 === 0) {
            const retry = batchResponseSchema.parse((await call(`${next()}/v1/applications:batch`, { token: kiosk.credential, body: { items } })).body);
            expect(new Set(retry.results.map((r) => r.status))).toEqual(new Set(['duplicate']));
          }
        }
      }),
    );
    expect(sent.size).toBe(total);
    expect([...answers.values()].filter((statuses) => statuses.join() !== 'accepted')).toEqual([]);
    const stored = await database.db.query<{ n: number; ids: number }>(
      'SELECT count(*)::int AS n, count(DISTINCT id)::int AS ids FROM applications WHERE kiosk_id = ANY($1::text[])',
      [kiosks.map((k) => k.kioskId)],
    );
    expect(stored.rows[0]).toEqual({ n: total, ids: total });

    for (const city of ['420100', '420900', '420700']) {
      const { token } = await (hubs[1] as RunningHubHandle).createCityToken(city);
      const seen: string[] = [];
      let since = '0';
      for (;;) {
        const page = cityQueueResponseSchema.parse((await call(`${next()}/v1/cities/${city}/applications?since=${since}&limit=500`, { token })).body);
        if (page.items.length === 0) break;
        seen.push(...page.items.map((item) => item.id));
        since = page.next;
      }
      const expected = await database.db.query<{ id: string }>(
        'SELECT id::text FROM applications WHERE queue_city = $1 AND kiosk_id = ANY($2::text[]) ORDER BY seq',
        [city, kiosks.map((k) => k.kioskId)],
      );
      expect(seen).toEqual(expected.rows.map((r) => r.id));
      expect(seen.length).toBeGreaterThan(total / cities.length - batchSize);
    }
  });

  it('a kiosk revoked through one hub is refused by the other once its credential cache (5 s) has run out', async () => {
    const kiosk = await enrolKiosk('420102-105');
    const [first, second] = hubs as [RunningHubHandle, RunningHubHandle];
    const heartbeat = { version: '0.1.0', devices: {}, queueDepth: 0, lastSyncAt: null };
    const beat = (hub: RunningHubHandle) => call(`${hub.url}/v1/heartbeat`, { token: kiosk.credential, body: heartbeat });
    expect((await beat(second)).status).toBe(200); // now remembered by the second hub
    expect(await first.revokeKiosk(kiosk.kioskId)).toBe(true);
    expect((await beat(first)).status).toBe(401); // at once where it was revoked
    clocks[1] = started + 5_001;
    expect((await beat(second)).status).toBe(401);
  });
});
