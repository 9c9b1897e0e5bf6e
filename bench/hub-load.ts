// Load bench (issue 14 §4): one hub under a province's load. N simulated kiosks (default 1,000), each enrolled
// through POST /v1/enrol, send heartbeats and application batches at the real rates sped up `--speedup` times,
// for `--seconds`, to a hub on loopback. The floor, same database, same run: raw concurrent INSERTs of as many
// rows, in the same chunks, into the same table. The kiosks run in a child process (this file with --fleet) so
// their HTTP work does not share the hub's event loop; on a 2-core machine they still share its cores.
// Prints requests/s, applications/s, p50/p99 and non-2xx per endpoint, and the ratio: the run's length over the
// raw INSERTs' time. Only a saturated hub gives its capacity (else a bound); its latencies then grow with the
// run, as heartbeats keep coming (open loop) whether or not the last was answered.
//   npx tsx bench/hub-load.ts [--kiosks N] [--seconds S] [--speedup X] [--apps-per-day N] [--engine pglite|postgres]
//   (HUB_LOAD_SECONDS and HUB_LOAD_KIOSKS set the defaults too, e.g. for `npm run bench`)
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { Pool } from 'undici';
import { openDb, type Db } from '../hub/db/db';
import { migrate } from '../hub/db/migrations';
import { startHub } from '../hub/startHub';
import { contentHash, formatCaseNo } from '../hub/store/applications';
import { childrenOf } from '../src/domain/divisions';
import { cityOfDivision, hubLimits, sealSuite, type OutboundApplication } from '../src/domain/hubApi';
import { createUuidV7 } from '../src/domain/uuidv7';
import { onEachEngine } from './support/engines';

const { values } = parseArgs({
  options: { kiosks: { type: 'string' }, seconds: { type: 'string' }, speedup: { type: 'string' }, 'apps-per-day': { type: 'string' }, engine: { type: 'string' }, fleet: { type: 'boolean' } },
});
const kiosks = Number(values.kiosks ?? process.env.HUB_LOAD_KIOSKS ?? 1_000);
const seconds = Number(values.seconds ?? process.env.HUB_LOAD_SECONDS ?? 20);
// The real rates: a heartbeat a minute (main/host/hub/hubService.ts) and "tens of applications a day" per cabin
// (docs/scaling.md), arriving over an 8-hour opening day. --speedup 60 plays a real minute every second.
const speedup = Number(values.speedup ?? 60);
const appsPerDay = Number(values['apps-per-day'] ?? 40);
const heartbeatMs = 60_000;
const openDayMs = 8 * 3600_000;
// A TLS proxy keeps a pool of upstream connections to the hub; the kiosks share it, as they would there.
const connections = 128;
const uuid = createUuidV7();

// Kiosks are spread over the 1+8 cities by population (millions, roughly), so Wuhan's intake lock is the busy one.
const population: Record<string, number> = { '420100': 13.7, '420200': 2.4, '420700': 1.1, '421100': 5.9, '420900': 4.3, '421200': 2.6, '429004': 1.1, '429006': 1.1, '429005': 0.9 };
const divisionsOf = (city: string): string[] => (childrenOf(city).length > 0 ? childrenOf(city).map((d) => d.code) : [city]);
function siteDivisions(n: number): string[] {
  const total = Object.values(population).reduce((a, b) => a + b, 0);
  return Object.entries(population).flatMap(([city, people]) => {
    const districts = divisionsOf(city);
    return Array.from({ length: Math.round((n * people) / total) }, (_, i) => districts[i % districts.length] ?? city);
  }).slice(0, n);
}

interface FleetPlan { url: string; codes: string[]; divisions: string[]; seconds: number; speedup: number; appsPerDay: number }
/** `answered`: 2xx answers within the window; latencies and statuses: every request, those answered after it too. */
interface EndpointReport { sent: number; answered: number; p50: number; p99: number; statuses: Record<string, number> }
interface FleetReport { drainMs: number; busy: number; heartbeat: EndpointReport; batch: EndpointReport; enrol: EndpointReport; offered: number; accepted: number; chunks: number[]; results: Record<string, number>; backlog: number }

const quantile = (sorted: number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The simulated kiosks: enrol, then heartbeats (open loop) and the outbox's batches (one at a time) until the end. */
async function fleet(plan: FleetPlan): Promise<FleetReport> {
  const pool = new Pool(plan.url, { connections, keepAliveTimeout: 60_000 });
  const latencies = { heartbeat: [] as number[], batch: [] as number[], enrol: [] as number[] };
  const statuses = { heartbeat: {} as Record<string, number>, batch: {} as Record<string, number>, enrol: {} as Record<string, number> };
  const answered = { heartbeat: 0, batch: 0, enrol: 0 };
  // Rates count what is answered inside the window; what is still queued at its end is answered but not counted.
  let endAt = Infinity;
  // Every kiosk has its own address, told to the hub in X-Forwarded-For as a proxy would: rate limits count per kiosk.
  async function post(endpoint: keyof typeof latencies, path: string, ip: string, token: string | null, body: unknown): Promise<unknown> {
    const started = performance.now();
    const headers = { 'content-type': 'application/json', 'x-forwarded-for': ip, ...(token ? { authorization: `Bearer ${token}` } : {}) };
    let status = 'network';
    try {
      const answer = await pool.request({ path, method: 'POST', headers, body: JSON.stringify(body) });
      const text = await answer.body.text();
      status = String(answer.statusCode);
      if (answer.statusCode < 300 && performance.now() <= endAt) answered[endpoint]++;
      return answer.statusCode < 300 ? JSON.parse(text) : null;
    } catch {
      return null;
    } finally {
      latencies[endpoint].push(performance.now() - started);
      statuses[endpoint][status] = (statuses[endpoint][status] ?? 0) + 1;
    }
  }

  const fleetKiosks: { id: string; token: string; ip: string; division: string; outbox: OutboundApplication[]; receipts: number; lastSyncAt: string | null; wake: () => void }[] = [];
  for (let at = 0; at < plan.codes.length; at += 50) {
    await Promise.all(plan.codes.slice(at, at + 50).map(async (code, i) => {
      const n = at + i;
      const ip = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
      const enrolled = (await post('enrol', '/v1/enrol', ip, null, { code, kioskVersion: '0.1.0' })) as { kioskId: string; credential: string } | null;
      if (enrolled) fleetKiosks.push({ id: enrolled.kioskId, token: enrolled.credential, ip, division: plan.divisions[n] ?? '420102', outbox: [], receipts: 0, lastSyncAt: null, wake: () => undefined });
    }));
  }

  // Placeholder sealed parts of a typical form's size (~700 bytes): intake checks their shape and never opens
  // them, so sealing each one for real (tests/hub/support.ts sealAs) would only load the kiosks' CPU.
  const enc = randomBytes(32).toString('base64');
  const cts = Array.from({ length: 16 }, () => randomBytes(700).toString('base64'));
  const cities = Object.keys(population);
  let [running, offered, accepted] = [true, 0, 0];
  const results: Record<string, number> = {};
  const chunks: number[] = [];
  const timers: NodeJS.Timeout[] = [];
  const inFlight = new Set<Promise<unknown>>();
  const track = (p: Promise<unknown>) => (inFlight.add(p), void p.finally(() => inFlight.delete(p)));
  const meanGapMs = openDayMs / plan.appsPerDay / plan.speedup;
  endAt = performance.now() + plan.seconds * 1000;
  process.send?.('load');
  const elu = performance.eventLoopUtilization();

  for (const k of fleetKiosks) {
    const heartbeat = () =>
      running &&
      track(post('heartbeat', '/v1/heartbeat', k.ip, k.token, { version: '0.1.0', devices: { idcard: { status: 'ok' }, printer: { status: 'ok' } }, queueDepth: k.outbox.length, lastSyncAt: k.lastSyncAt, clockSkewMs: 0 }));
    // A random phase, then a fixed interval whether or not the last one was answered (setInterval, as the kiosk).
    timers.push(setTimeout(() => (heartbeat(), timers.push(setInterval(heartbeat, heartbeatMs / plan.speedup))), Math.random() * (heartbeatMs / plan.speedup)));
    const arrive = () => {
      if (!running) return;
      offered++;
      // 收受分离: one application in five is handled by another city.
      const handlingCity = Math.random() < 0.2 ? (divisionsOf(cities[Math.floor(Math.random() * cities.length)] ?? '420100')[0] ?? '420102') : k.division;
      k.outbox.push({ id: uuid(), receiptNo: `${k.id.slice(-6)}${String(++k.receipts).padStart(6, '0')}`, serviceId: 'WHMA-SB-01', handlingCity, createdAt: new Date().toISOString(), sealed: { suite: sealSuite, enc, ct: cts[k.receipts % cts.length] ?? '' } });
      k.wake();
      timers.push(setTimeout(arrive, -Math.log(1 - Math.random()) * meanGapMs)); // Poisson arrivals
    };
    timers.push(setTimeout(arrive, -Math.log(1 - Math.random()) * meanGapMs));
    // The sync engine: one batch at a time, up to 100 items; a hub that falls behind gets bigger batches.
    track((async () => {
      while (running) {
        if (k.outbox.length === 0) {
          await new Promise<void>((resolve) => (k.wake = resolve));
          continue;
        }
        const chunk = k.outbox.slice(0, hubLimits.maxBatchItems);
        const answer = (await post('batch', '/v1/applications:batch', k.ip, k.token, { items: chunk })) as { results: { status: string }[] } | null;
        if (!answer) {
          await sleep(1000 / plan.speedup + Math.random() * 100); // the engine backs off (1 s at real speed)
          continue;
        }
        for (const r of answer.results) results[r.status] = (results[r.status] ?? 0) + 1;
        k.outbox.splice(0, chunk.length);
        if (performance.now() <= endAt) {
          chunks.push(chunk.length);
          accepted += answer.results.filter((r) => r.status === 'accepted').length;
        }
        k.lastSyncAt = new Date().toISOString();
      }
    })());
  }

  await sleep(plan.seconds * 1000);
  running = false;
  for (const t of timers) clearTimeout(t);
  for (const k of fleetKiosks) k.wake();
  const backlog = fleetKiosks.reduce((sum, k) => sum + k.outbox.length, 0);
  while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
  const drainMs = performance.now() - endAt;
  const busy = performance.eventLoopUtilization(elu).utilization;
  await pool.close();
  const report = (endpoint: keyof typeof latencies): EndpointReport => {
    const sorted = latencies[endpoint].sort((a, b) => a - b);
    return { sent: sorted.length, answered: answered[endpoint], p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99), statuses: statuses[endpoint] };
  };
  return { drainMs, busy, heartbeat: report('heartbeat'), batch: report('batch'), enrol: report('enrol'), offered, accepted, chunks, results, backlog };
}

/** Runs the fleet in a child process; `onLoad` when its load starts (after enrolment). */
function runFleet(plan: FleetPlan, onLoad: () => void): Promise<FleetReport> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ['--fleet']);
    child.on('message', (message) => (message === 'load' ? onLoad() : resolve(message as FleetReport)));
    child.once('exit', (code) => reject(new Error(`fleet exited with ${code}`)));
    child.send(plan);
  });
}

type Statement = { sql: string; params: (string | Date | Uint8Array)[] };

/** Raw rows for the floor, made before the clock starts: the same columns the hub writes, case number included. */
// Receipt and case numbers are unique, so a repeat would be skipped by ON CONFLICT, not inserted: letters keep
// these apart from the hub's case numbers (digits), a serial apart from each other.
let rawSerial = 0;
function rawChunks(kioskIds: string[], sizes: number[]): Statement[] {
  return sizes.map((size, c) => {
    const kioskId = kioskIds[c % kioskIds.length] ?? '';
    const values: string[] = [];
    const params: (string | Date | Uint8Array)[] = [];
    for (let i = 0; i < size; i++) {
      const n = ++rawSerial;
      const item: OutboundApplication = { id: uuid(), receiptNo: `RAW${n}`, serviceId: 'WHMA-SB-01', handlingCity: '420102', createdAt: new Date().toISOString(), sealed: { suite: sealSuite, enc: randomBytes(32).toString('base64'), ct: randomBytes(700).toString('base64') } };
      values.push(`(${Array.from({ length: 12 }, (_, col) => `$${i * 12 + col + 1}`).join(', ')})`);
      const city = cityOfDivision(item.handlingCity);
      params.push(item.id, kioskId, item.receiptNo, item.serviceId, item.handlingCity, city, '420102', new Date(item.createdAt),
        formatCaseNo(city, new Date(), `RAW${n}`), contentHash(kioskId, item), Buffer.from(item.sealed.enc, 'base64'), Buffer.from(item.sealed.ct, 'base64'));
    }
    const columns = 'id, kiosk_id, receipt_no, service_id, handling_city, queue_city, received_division, created_at, case_no, content_hash, sealed_enc, sealed_ct';
    return { sql: `INSERT INTO applications (${columns}) VALUES ${values.join(', ')} ON CONFLICT DO NOTHING`, params };
  });
}

/** Runs the statements 10 at a time (the hub's pool size on PostgreSQL; PGlite runs one at a time anyway); ms. */
async function rawRun(db: Db, statements: Statement[]): Promise<number> {
  const queue = [...statements];
  const started = performance.now();
  await Promise.all(Array.from({ length: 10 }, async () => {
    for (let next = queue.pop(); next; next = queue.pop()) await db.query(next.sql, next.params);
  }));
  return performance.now() - started;
}

/** Samples pg_stat_activity every 100 ms through its own connection; answers the mean count per wait. */
async function sampleWaits(url: string): Promise<{ start(): void; stop(): Promise<string> }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const seen: Record<string, number> = {};
  let [samples, stopped, running] = [0, false, Promise.resolve()];
  const sample = async () => {
    for (; !stopped; samples++, await sleep(100)) {
      const { rows } = await client.query<{ w: string }>(`SELECT CASE WHEN state = 'active' THEN coalesce(wait_event_type || '/' || wait_event, 'running') ELSE state END AS w
        FROM pg_stat_activity WHERE backend_type = 'client backend' AND state <> 'idle' AND pid <> pg_backend_pid()`);
      for (const { w } of rows) seen[w] = (seen[w] ?? 0) + 1;
    }
  };
  return {
    start: () => void (running = sample()),
    async stop() {
      stopped = true;
      await running;
      await client.end();
      return Object.entries(seen).sort((a, b) => b[1] - a[1]).map(([w, n]) => `${w} ${fmt(n / Math.max(1, samples), 2)}`).join(', ') || 'none';
    },
  };
}

const fmt = (x: number, digits = 0) => x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const errorsOf = (r: EndpointReport) => Object.entries(r.statuses).filter(([status]) => !status.startsWith('2')).map(([status, n]) => `${status}×${n}`).join(', ') || 'none';
const endpointLine = (name: string, r: EndpointReport) =>
  `${name.padEnd(10)} ${fmt(r.answered / seconds).padStart(6)}/s answered of ${fmt(r.sent / seconds)}/s sent  p50 ${fmt(r.p50, 1)} ms  p99 ${fmt(r.p99, 1)} ms  non-2xx: ${errorsOf(r)}`;
async function benchEngine(engine: string, dataDir: string, databaseUrl: string | undefined): Promise<string> {
  const db = await openDb({ databaseUrl, pgliteDir: join(dataDir, 'pgdata') });
  await migrate(db);
  // Rate limits stay on, at their defaults; the hub believes the loopback "proxy" about each kiosk's address
  // (X-Forwarded-For), as behind the TLS proxy of docs/hub.md, so every kiosk has its own limits.
  const hub = await startHub({ dataDir, db, log: false, trustProxy: '127.0.0.1' });
  const divisions = siteDivisions(kiosks);
  const codes: string[] = [];
  for (const [i, division] of divisions.entries()) codes.push((await hub.createEnrolmentCode(`${division}-${String(i % 1000).padStart(3, '0')}`)).code);
  // How busy the hub's event loop was (1 = it was the bottleneck; on PGlite the database runs on it too), and on
  // PostgreSQL what the connections waited on: Lock/advisory is the intake's per-city lock, IO/WAL* the commits.
  let elu = performance.eventLoopUtilization();
  const waits = databaseUrl ? await sampleWaits(databaseUrl) : undefined;
  const r = await runFleet({ url: hub.url, codes, divisions, seconds, speedup, appsPerDay }, () => ((elu = performance.eventLoopUtilization()), waits?.start()));
  const hubBusy = performance.eventLoopUtilization(elu).utilization;
  const waited = await waits?.stop();
  await hub.close();
  const rows = r.chunks.reduce((a, b) => a + b, 0);
  const stored = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM applications')).rows[0]?.n ?? -1;
  const say = (line: string) => console.log(`${engine.padEnd(9)}${line}`);
  say(`${r.enrol.answered} kiosks enrolled (p50 ${fmt(r.enrol.p50, 1)} ms, p99 ${fmt(r.enrol.p99, 1)} ms, non-2xx: ${errorsOf(r.enrol)}); ${seconds} s at ${speedup}× real time`);
  say(endpointLine('heartbeat', r.heartbeat));
  say(endpointLine('batch', r.batch));
  say(`${fmt((r.heartbeat.answered + r.batch.answered) / seconds)} requests/s, ${fmt(r.accepted / seconds)} applications/s (offered ${fmt(r.offered / seconds)}/s, mean batch ${fmt(rows / Math.max(1, r.chunks.length), 1)}, ${r.backlog} in outboxes at the end); last answer ${fmt(r.drainMs)} ms after it`);
  say(`event loop busy: hub ${fmt(hubBusy * 100)}%, kiosks ${fmt(r.busy * 100)}%${waited ? `; PostgreSQL connections (mean per sample): ${waited}` : ''}`);
  say(`heartbeats answered: those of ${fmt((r.heartbeat.answered / seconds) * 60)} kiosks at real rate; items ${JSON.stringify(r.results)}, ${stored} rows stored`);

  // The floor, after the hub has stopped: the same rows in the same chunks; then the same work without HTTP (the
  // inserts and one UPDATE per answered heartbeat, mixed), which tells the intake's cost from the heartbeats'.
  const kioskIds = (await db.query<{ id: string }>('SELECT id FROM kiosks')).rows.map((k) => k.id);
  const rawMs = await rawRun(db, rawChunks(kioskIds, r.chunks));
  const beat = JSON.stringify({ version: '0.1.0', devices: { idcard: { status: 'ok' }, printer: { status: 'ok' } }, queueDepth: 0, lastSyncAt: null, clockSkewMs: 0 });
  const sameWork: Statement[] = rawChunks(kioskIds, r.chunks);
  for (let i = 0; i < r.heartbeat.answered; i++) {
    const update = { sql: 'UPDATE kiosks SET last_seen_at = now(), last_heartbeat = $2::text::jsonb, kiosk_version = $3 WHERE id = $1', params: [kioskIds[i % kioskIds.length] ?? '', beat, '0.1.0'] };
    sameWork.splice(Math.floor(Math.random() * (sameWork.length + 1)), 0, update);
  }
  const sameMs = await rawRun(db, sameWork);
  const rawStored = ((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM applications')).rows[0]?.n ?? 0) - stored;
  await db.close();
  const windowMs = seconds * 1000;
  say(`raw concurrent INSERT of the same ${rows} rows in ${r.chunks.length} chunks: ${fmt(rawMs)} ms (${fmt(rows / (rawMs / 1000))} rows/s); with ${r.heartbeat.answered} raw heartbeat UPDATEs too: ${fmt(sameMs)} ms, ratio ${fmt(windowMs / sameMs, 2)} (${rawStored} of ${2 * rows} raw rows stored)`);

  // Only a hub that fell behind was measured at its limit (one that kept up was partly idle): heartbeats left
  // unanswered, outboxes growing, or half the heartbeats answered only after the next one was due.
  const saturated = r.heartbeat.answered < 0.95 * r.heartbeat.sent || r.backlog > 0.05 * r.offered || r.heartbeat.p50 > heartbeatMs / speedup;
  const perDay = `${fmt(((r.accepted / seconds) * 86_400) / 1e6, 1)} M applications/day at that rate`;
  const [measured, baseline] = [`measured ${fmt(r.accepted / seconds)} apps/s`, `baseline ${fmt(rows / (rawMs / 1000))} rows/s`];
  return saturated
    ? `  ${engine.padEnd(8)} ${measured}, ${baseline}, ratio ${fmt(windowMs / rawMs, 2)}, capacity ${perDay} (saturated, with the heartbeats of ${fmt((r.heartbeat.answered / seconds) * 60)} kiosks)`
    : `  ${engine.padEnd(8)} ${measured}, ${baseline}, ratio ≤ ${fmt(windowMs / rawMs, 2)}, capacity ≥ ${perDay} (hub kept up: raise --speedup to find its limit)`;
}

if (values.fleet) {
  process.once('message', (plan) => void fleet(plan as FleetPlan).then((report) => process.send?.(report, () => process.disconnect())));
} else {
  const lines = await onEachEngine(values.engine, (engine, dataDir, postgresUrl) => benchEngine(engine, dataDir, postgresUrl));
  console.log(`hub under load: ${kiosks} kiosks for ${seconds} s at ${speedup}× (a heartbeat a minute, ${appsPerDay} applications a day each) vs raw concurrent`);
  console.log(`INSERT of the same rows (rate limits on, one address per kiosk through X-Forwarded-For; no fixed aim: one node's capacity):`);
  for (const line of lines) console.log(line);
}
