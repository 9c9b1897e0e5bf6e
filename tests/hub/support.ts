// Shared set-up for the hub suites: the same tests run on an in-memory PGlite and on a throwaway PostgreSQL,
// one database per engine per file (PGlite takes seconds to start), one kiosk per test for isolation.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll } from 'vitest';
import { openDb, type Db } from '../../hub/db/db';
import { migrate } from '../../hub/db/migrations';
import { startHub, type RunningHubHandle, type StartHubOptions } from '../../hub/startHub';
import { loadHubKeys } from '../../hub/keys';
import { hpkeSuite } from '../../hub/openSealed';
import { enrolResponseSchema, sealAssociatedData, sealSuite, type EnrolResponse, type OutboundApplication } from '../../src/domain/hubApi';
import { createRating, type NewRating, type Rating } from '../../src/domain/rating';
import { startPostgres, type TestPostgres } from '../support/postgres';

export const engines = ['pglite', 'postgres'] as const;
export type Engine = (typeof engines)[number];

/** Opens (in beforeAll) and closes (in afterAll) one migrated database of the given engine. */
export function useDatabase(engine: Engine): { readonly db: Db; readonly url: string } {
  const state: { db?: Db; pg?: TestPostgres } = {};
  beforeAll(async () => {
    if (engine === 'postgres') state.pg = await startPostgres();
    state.db = await openDb({ databaseUrl: state.pg?.url ?? 'memory://' });
    await migrate(state.db);
  });
  afterAll(async () => {
    await state.db?.close();
    await state.pg?.stop();
  });
  return {
    get db() {
      if (!state.db) throw new Error('database not open yet');
      return state.db;
    },
    /** The PostgreSQL URL, for a child process (kioskctl) to share the database; '' for the in-memory PGlite. */
    get url() {
      return state.pg?.url ?? '';
    },
  };
}

export const tempDir = (prefix = 'kiosk-hub-'): string => mkdtempSync(join(tmpdir(), prefix));

export const testCatalog = { version: 'test-1', items: [{ id: 'WHMA-SB-01', name: '社会保障卡申领' }, { id: 'WHMA-HJ-02', name: '户口迁移' }] };

/** Starts a hub on the shared database with the test catalog; closes it and its data dir in afterAll. */
export function useHub(database: { readonly db: Db }, options: Partial<StartHubOptions> = {}): { readonly hub: RunningHubHandle; readonly dataDir: string } {
  const state: { hub?: RunningHubHandle; dataDir: string } = { dataDir: tempDir() };
  beforeAll(async () => {
    const catalogFile = join(state.dataDir, 'catalog.json');
    writeFileSync(catalogFile, JSON.stringify(testCatalog));
    // Its own keys, made first: the shared database holds other hubs' applications, over which no new keys are made.
    loadHubKeys(state.dataDir);
    state.hub = await startHub({ dataDir: state.dataDir, db: database.db, catalogFile, log: false, ...options });
  });
  afterAll(async () => {
    await state.hub?.close();
    rmSync(state.dataDir, { recursive: true, force: true });
  });
  return {
    get hub() {
      if (!state.hub) throw new Error('hub not started yet');
      return state.hub;
    },
    dataDir: state.dataDir,
  };
}

export interface Answer<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export async function call<T = unknown>(url: string, init: { method?: string; token?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {}): Promise<Answer<T>> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.body !== undefined || init.raw !== undefined) headers['content-type'] ??= 'application/json';
  const response = await fetch(url, { method: init.method ?? (init.body !== undefined || init.raw !== undefined ? 'POST' : 'GET'), headers, body: init.raw ?? (init.body !== undefined ? JSON.stringify(init.body) : undefined) });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T, headers: response.headers };
}

/**
 * Like `call`, but over node:http from the local address `from` (another loopback address such as 127.0.0.2 is
 * another client to the hub), with extra headers such as X-Forwarded-For.
 */
export function callFrom<T = unknown>(from: string, url: string, init: { token?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Answer<T>> {
  const target = new URL(url);
  const body = init.body === undefined ? undefined : JSON.stringify(init.body);
  const headers: Record<string, string> = { ...init.headers };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: target.hostname, port: target.port, path: target.pathname + target.search, method: body === undefined ? 'GET' : 'POST', headers, localAddress: from }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const answerHeaders = new Headers();
        for (const [name, value] of Object.entries(res.headers)) if (typeof value === 'string') answerHeaders.set(name, value);
        resolve({ status: res.statusCode ?? 0, body: (text ? JSON.parse(text) : undefined) as T, headers: answerHeaders });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

export async function enrol(hub: RunningHubHandle, siteCode = '420102-001'): Promise<EnrolResponse> {
  const { code } = await hub.createEnrolmentCode(siteCode);
  const answer = await call(`${hub.url}/v1/enrol`, { body: { code, kioskVersion: '0.1.0' } });
  if (answer.status !== 201) throw new Error(`enrol failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  return enrolResponseSchema.parse(answer.body);
}

/** Seals `personal` exactly as the kiosk does: HPKE base mode to the hub key, AAD binding id, kiosk and service. */
export async function sealAs(hpkePublicKey: string, ids: { id: string; kioskId: string; serviceId: string }, personal: unknown): Promise<OutboundApplication['sealed']> {
  const recipientPublicKey = await hpkeSuite.kem.deserializePublicKey(Buffer.from(hpkePublicKey, 'base64'));
  const sealed = await hpkeSuite.seal({ recipientPublicKey }, new TextEncoder().encode(JSON.stringify(personal)), sealAssociatedData(ids.id, ids.kioskId, ids.serviceId));
  return { suite: sealSuite, enc: Buffer.from(sealed.enc).toString('base64'), ct: Buffer.from(sealed.ct).toString('base64') };
}

let receiptCounter = 0;

/** A well-formed application with placeholder sealed bytes of the right shape (32-byte enc, 48-byte ct). */
export function makeItem(overrides: Partial<OutboundApplication> = {}): OutboundApplication {
  receiptCounter += 1;
  return {
    id: randomUUID(),
    receiptNo: `R${String(receiptCounter).padStart(7, '0')}`,
    serviceId: 'WHMA-SB-01',
    handlingCity: '420102',
    createdAt: new Date().toISOString(),
    sealed: { suite: sealSuite, enc: Buffer.alloc(32, 7).toString('base64'), ct: Buffer.alloc(48, receiptCounter % 256).toString('base64') },
    ...overrides,
  };
}

export async function countApplications(db: Db, kioskId: string): Promise<number> {
  const found = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM applications WHERE kiosk_id = $1', [kioskId]);
  return found.rows[0]?.n ?? -1;
}

/** A valid 好差评 rating (a new UUID each time), as the kiosk's rating screen makes it. */
export function makeRating(overrides: Partial<NewRating> = {}): Rating {
  return createRating({
    id: randomUUID(),
    applicationId: null,
    receiptNo: null,
    serviceId: 'WHMA-SB-01',
    level: 'verySatisfied',
    ratedAt: new Date().toISOString(),
    division: '420102',
    ...overrides,
  });
}

/** Starts `kioskctl hub start` on an on-disk PGlite in `dataDir` and resolves with its URL once it prints the ready line. */
export function startHubProcess(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/kioskctl.mjs', 'hub', 'start', '--port', '0', '--data', dataDir], { env: { ...process.env, DATABASE_URL: '' } });
    let stdout = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /^hub listening on (http:\/\/\S+)$/m.exec(stdout);
      if (match?.[1]) resolve({ child, url: match[1] });
    });
    child.stderr?.resume();
    child.once('exit', (code) => reject(new Error(`hub exited early with ${code}`)));
  });
}

/** Stops a hub started by startHubProcess and resolves with its exit code. */
export function stopHubProcess(child: ChildProcess): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  return exited;
}
