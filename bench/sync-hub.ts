// Drain benchmark (issue 5 §7): 10,000 sealed applications pushed through the real batch endpoint (HTTP,
// auth, zod, idempotency, one transaction per batch of 100), against the floor: raw batched
// `INSERT … ON CONFLICT DO NOTHING` of the same rows into the same table, same database, same run.
// On PGlite (on disk) and on PostgreSQL 15 (a throwaway server, fsync on). Prints the ratios; aim ≤ 1.3 on PGlite,
// ≤ 1.5 on PostgreSQL (issue 14 §4).
//   npx tsx bench/sync-hub.ts [--rows N] [--rounds N] [--engine pglite|postgres]
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Pool } from 'undici';
import { openDb, type Db } from '../hub/db/db';
import { migrate } from '../hub/db/migrations';
import { startHub } from '../hub/startHub';
import { contentHash, formatCaseNo } from '../hub/store/applications';
import { cityOfDivision, hubLimits, sealSuite, type OutboundApplication } from '../src/domain/hubApi';
import { onEachEngine } from './support/engines';

const { values } = parseArgs({ options: { rows: { type: 'string' }, rounds: { type: 'string' }, engine: { type: 'string' } } });
const rows = Number(values.rows ?? 10_000);
const rounds = Number(values.rounds ?? 7); // rounds take 1–2 s each, and a single one can be off by a tenth
const batchSize = hubLimits.maxBatchItems;

function makeRows(n: number, tag: string): OutboundApplication[] {
  // ~700 bytes of ciphertext: a typical sealed form (name, ID number, phone, address, a few answers).
  return Array.from({ length: n }, (_, i) => ({
    id: randomUUID(),
    receiptNo: `${tag}${String(i).padStart(7, '0')}`,
    serviceId: 'WHMA-SB-01',
    handlingCity: i % 3 === 0 ? '420102' : '421102',
    createdAt: new Date().toISOString(),
    sealed: { suite: sealSuite, enc: randomBytes(32).toString('base64'), ct: randomBytes(700).toString('base64') },
  }));
}

/** The floor: one chunk, the same columns, one statement, its own commit. */
async function rawInsert(db: Db, kioskId: string, chunk: OutboundApplication[], tag: string): Promise<number> {
  const started = performance.now();
  const values: string[] = [];
  const params: (string | Date | Uint8Array)[] = [];
  chunk.forEach((item, i) => {
    values.push(`(${Array.from({ length: 12 }, (_, c) => `$${i * 12 + c + 1}`).join(', ')})`);
    const city = cityOfDivision(item.handlingCity);
    params.push(item.id, kioskId, item.receiptNo, item.serviceId, item.handlingCity, city, '420102', new Date(item.createdAt),
      formatCaseNo(city, new Date(), `${tag}${item.receiptNo}`), contentHash(kioskId, item), Buffer.from(item.sealed.enc, 'base64'), Buffer.from(item.sealed.ct, 'base64'));
  });
  await db.query(
    `INSERT INTO applications (id, kiosk_id, receipt_no, service_id, handling_city, queue_city, received_division,
       created_at, case_no, content_hash, sealed_enc, sealed_ct) VALUES ${values.join(', ')} ON CONFLICT DO NOTHING`,
    params,
  );
  return performance.now() - started;
}

/**
 * The real thing, as the sync engine sends it: one batch request, every answer checked. The kiosk sends from
 * Chromium on its own machine; here the client shares the hub's process and core, so it is undici's pool, the
 * leanest maintained client in Node, and the ratio is the hub's cost rather than the client's.
 */
async function postBatch(client: Pool, credential: string, chunk: OutboundApplication[]): Promise<number> {
  const started = performance.now();
  const response = await client.request({
    method: 'POST',
    path: '/v1/applications:batch',
    headers: { authorization: `Bearer ${credential}`, 'content-type': 'application/json' },
    body: JSON.stringify({ items: chunk }),
  });
  const body = (await response.body.json()) as { results: { status: string }[] };
  if (response.statusCode !== 200 || body.results.some((r) => r.status !== 'accepted')) throw new Error(`batch not accepted: ${response.statusCode}`);
  return performance.now() - started;
}

/**
 * Drains `rows` through the hub and inserts `rows` raw, chunk by chunk in alternation (which goes first
 * alternates too), so both see the same machine: on a shared 2-core box, load swings would otherwise decide.
 */
async function interleaved(db: Db, client: Pool, kiosk: { kioskId: string; credential: string }, n: number, tag: string): Promise<{ raw: number; real: number }> {
  const rawRows = makeRows(n, `${tag}B`);
  const hubRows = makeRows(n, `${tag}H`);
  let raw = 0;
  let real = 0;
  for (let at = 0, turn = 0; at < n; at += batchSize, turn++) {
    const rawChunk = rawRows.slice(at, at + batchSize);
    const hubChunk = hubRows.slice(at, at + batchSize);
    if (turn % 2 === 0) {
      raw += await rawInsert(db, kiosk.kioskId, rawChunk, tag);
      real += await postBatch(client, kiosk.credential, hubChunk);
    } else {
      real += await postBatch(client, kiosk.credential, hubChunk);
      raw += await rawInsert(db, kiosk.kioskId, rawChunk, tag);
    }
  }
  return { raw, real };
}

async function benchEngine(name: string, databaseUrl: string | undefined, dataDir: string): Promise<number[]> {
  const db = await openDb({ databaseUrl, pgliteDir: join(dataDir, 'pgdata') });
  await migrate(db);
  const hub = await startHub({ dataDir, db, log: false });
  const { code } = await hub.createEnrolmentCode('420102-001');
  const kiosk = (await (await fetch(`${hub.url}/v1/enrol`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) })).json()) as { kioskId: string; credential: string };
  const client = new Pool(hub.url, { connections: 1 });
  await interleaved(db, client, kiosk, 2000, 'W'); // warm-up: JIT, plan caches, connections
  const ratios: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const { raw, real } = await interleaved(db, client, kiosk, rows, `R${round}`);
    ratios.push(real / raw);
    console.log(`${name.padEnd(9)} round ${round + 1}: raw INSERT ${raw.toFixed(0)} ms, hub drain ${real.toFixed(0)} ms (${((rows / real) * 1000).toFixed(0)} rows/s), ratio ${(real / raw).toFixed(2)}`);
  }
  const stored = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM applications WHERE kiosk_id = $1', [kiosk.kioskId]);
  console.log(`${name.padEnd(9)} stored ${stored.rows[0]?.n} rows for ${(rounds * rows + 2000) * 2} sent, none twice`);
  await client.close();
  await hub.close();
  await db.close();
  return ratios;
}

const aims: Record<string, number> = { pglite: 1.3, postgres: 1.5 };
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

const ratios = await onEachEngine(values.engine, async (engine, dataDir, postgresUrl) => {
  const each = await benchEngine(engine, postgresUrl, dataDir);
  return `  ${engine.padEnd(8)} ratio ${median(each).toFixed(2)} (rounds ${Math.min(...each).toFixed(2)}–${Math.max(...each).toFixed(2)}; aim ≤ ${aims[engine]})`;
});
console.log(`drain of ${rows} rows vs raw batched INSERT … ON CONFLICT DO NOTHING (median of ${rounds}):`);
for (const line of ratios) console.log(line);
