// What an operator does from the command line, two ways: through the running hub's loopback admin routes
// (an on-disk PGlite can be opened by one process at a time) or straight on the database when no hub runs
// on this data directory, or when the database is a PostgreSQL server that many processes can share.
import { join } from 'node:path';
import { openDb, type Db } from './db/db';
import { migrate } from './db/migrations';
import { lockDataDir, readRunningHub } from './dataDir';
import { findSealed, type StoredSealed } from './store/applications';
import { createCityToken } from './store/cityOperators';
import { createEnrolmentCode, listKiosks, revokeKiosk, type KioskSummary } from './store/kiosks';
import { listReleases, publishRelease, type ReleaseRecord } from './store/releases';

/** A release as `kioskctl hub release publish` hands it over (the manifest already read from the bundle). */
export interface ReleaseToPublish {
  channel: string;
  version: string;
  rollout: number;
  notes: string;
  manifest: unknown;
  bundle: Uint8Array;
}

export interface AdminOps {
  readonly via: 'hub' | 'database';
  createEnrolmentCode(siteCode: string, ttlHours?: number): Promise<{ code: string; expiresAt: string }>;
  revokeKiosk(kioskId: string): Promise<boolean>;
  listKiosks(): Promise<KioskSummary[]>;
  createCityToken(city: string, label: string): Promise<string>;
  findSealed(idOrCaseNo: string): Promise<StoredSealed | null>;
  publishRelease(release: ReleaseToPublish): Promise<ReleaseRecord>;
  listReleases(): Promise<ReleaseRecord[]>;
  close(): Promise<void>;
}

export class AdminError extends Error {
  readonly code = 'admin';
}

function direct(db: Db, release: () => void): AdminOps {
  return {
    via: 'database',
    async createEnrolmentCode(siteCode, ttlHours) {
      const code = await createEnrolmentCode(db, siteCode, ttlHours ? ttlHours * 3600_000 : undefined);
      return { code: code.code, expiresAt: code.expiresAt.toISOString() };
    },
    revokeKiosk: (kioskId) => revokeKiosk(db, kioskId),
    listKiosks: () => listKiosks(db),
    createCityToken: (city, label) => createCityToken(db, city, label),
    findSealed: (ref) => findSealed(db, ref),
    publishRelease: (release) => publishRelease(db, release),
    listReleases: () => listReleases(db),
    async close() {
      await db.close();
      release();
    },
  };
}

function remote(url: string, adminToken: string): AdminOps {
  const ask = async <T>(method: string, path: string, body?: unknown, allow404 = false): Promise<T | null> => {
    const response = await fetch(`${url}/v1/admin${path}`, {
      method,
      headers: { authorization: `Bearer ${adminToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const answer = (await response.json().catch(() => ({}))) as T & { reason?: string };
    if (allow404 && response.status === 404) return null;
    if (!response.ok) throw new AdminError(`hub answered ${response.status}: ${answer.reason ?? 'no reason'}`);
    return answer;
  };
  const must = async <T>(pending: Promise<T | null>): Promise<T> => {
    const value = await pending;
    if (value === null) throw new AdminError('empty answer');
    return value;
  };
  return {
    via: 'hub',
    createEnrolmentCode: (siteCode, ttlHours) => must(ask('POST', '/enrolment-codes', { siteCode, ttlHours })),
    revokeKiosk: async (kioskId) => (await must(ask<{ revoked: boolean }>('POST', `/kiosks/${encodeURIComponent(kioskId)}/revoke`))).revoked,
    listKiosks: async () => (await must(ask<{ kiosks: KioskSummary[] }>('GET', '/kiosks'))).kiosks,
    createCityToken: async (city, label) => (await must(ask<{ token: string }>('POST', '/city-tokens', { city, label }))).token,
    findSealed: (ref) => ask<StoredSealed>('GET', `/sealed/${encodeURIComponent(ref)}`, undefined, true),
    listReleases: async () => (await must(ask<{ releases: ReleaseRecord[] }>('GET', '/releases'))).releases,
    publishRelease: ({ bundle, ...rest }) => must(ask<ReleaseRecord>('POST', '/releases', { ...rest, bundle: Buffer.from(bundle).toString('base64') })),
    close: async () => undefined,
  };
}

/** Admin operations for the hub of `dataDir` (and `databaseUrl`, default: its on-disk PGlite). */
export async function openAdmin(dataDir: string, databaseUrl?: string): Promise<AdminOps> {
  if (databaseUrl) {
    const db = await openDb({ databaseUrl });
    await migrate(db);
    return direct(db, () => undefined);
  }
  const running = readRunningHub(dataDir);
  if (running) return remote(running.url, running.adminToken);
  const release = lockDataDir(dataDir);
  try {
    const db = await openDb({ pgliteDir: join(dataDir, 'pgdata') });
    await migrate(db);
    return direct(db, release);
  } catch (error) {
    release();
    throw error;
  }
}
