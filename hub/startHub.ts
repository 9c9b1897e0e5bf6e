// Starting and stopping a hub in process (tests, `npm start`, `kioskctl hub start`, the kiosk side's tests).
import { systemClock } from '../src/domain/clock';
import type { Clock } from '../src/domain/clock';
import { join } from 'node:path';
import { openDb, type Db } from './db/db';
import { migrate } from './db/migrations';
import { loadHubKeys, type HubKeys } from './keys';
import { publishCatalog, readCatalogFile } from './catalog';
import { buildHubApp, type HubLogOptions } from './app';
import { clearRunningHub, lockDataDir, writeRunningHub } from './dataDir';
import { newToken } from './store/tokens';
import { createEnrolmentCode, type EnrolmentCode } from './store/kiosks';
import { createKioskAuth } from './kioskAuth';
import { createCityToken } from './store/cityOperators';

export interface StartHubOptions {
  /** TCP port (default 0: any free port; read the chosen one from `url`). */
  port?: number;
  /** Interface to listen on (default '127.0.0.1'; use '0.0.0.0' behind a TLS proxy for real kiosks). */
  host?: string;
  /** Keys, lock, hub.json and (without databaseUrl) the PGlite files live here. Required. */
  dataDir: string;
  /** `postgres://…` for PostgreSQL, `memory://` for an in-memory PGlite (default: PGlite in dataDir/pgdata). */
  databaseUrl?: string;
  /** An already open database (default: none, open one from databaseUrl/dataDir); not closed by close(). */
  db?: Db;
  /** Catalog JSON to publish, `{ version, items }` or an array of items (default: an empty catalog). */
  catalogFile?: string;
  /** Logging (default: info to stderr); false = none. */
  log?: HubLogOptions | false;
  /** Body limit in bytes (default hubLimits.maxBodyBytes). */
  bodyLimit?: number;
  /** "Now" for case-number days and credential caching (default: the system clock); tests choose the day. */
  clock?: Clock;
}

export interface RunningHubHandle {
  url: string;
  db: Db;
  keys: HubKeys;
  /** A one-time enrolment code for a kiosk at `siteCode` (DIVISIONCODE-NNN). */
  createEnrolmentCode(siteCode: string, ttlMs?: number): Promise<EnrolmentCode>;
  /** A token for the back office of `city` to read its queue. */
  createCityToken(city: string, label?: string): Promise<string>;
  revokeKiosk(kioskId: string): Promise<boolean>;
  close(): Promise<void>;
}

export async function startHub(options: StartHubOptions): Promise<RunningHubHandle> {
  const unlock = lockDataDir(options.dataDir);
  let db: Db | undefined;
  try {
    const keys = loadHubKeys(options.dataDir);
    const catalog = publishCatalog(keys, options.catalogFile ? readCatalogFile(options.catalogFile) : null);
    db = options.db ?? (await openDb({ databaseUrl: options.databaseUrl, pgliteDir: join(options.dataDir, 'pgdata') }));
    await migrate(db);
    const adminToken = newToken();
    const clock = options.clock ?? systemClock;
    const auth = createKioskAuth(db, { now: clock.now });
    const app = buildHubApp({ db, auth, keys, catalog, clock }, { log: options.log, bodyLimit: options.bodyLimit, adminToken });
    await app.listen({ port: options.port ?? 0, host: options.host ?? '127.0.0.1' });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : options.port;
    const host = options.host && options.host !== '0.0.0.0' ? options.host : '127.0.0.1';
    const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    writeRunningHub(options.dataDir, { url, pid: process.pid, adminToken });
    const openDbHandle = db;
    let closing: Promise<void> | undefined;
    return {
      url,
      db: openDbHandle,
      keys,
      createEnrolmentCode: (siteCode, ttlMs) => createEnrolmentCode(openDbHandle, siteCode, ttlMs),
      createCityToken: (city, label = 'operator') => createCityToken(openDbHandle, city, label),
      revokeKiosk: (kioskId) => auth.revoke(kioskId),
      close: () =>
        (closing ??= (async () => {
          await app.close();
          if (!options.db) await openDbHandle.close();
          clearRunningHub(options.dataDir);
          unlock();
        })()),
    };
  } catch (error) {
    if (db && !options.db) await db.close().catch(() => undefined);
    unlock();
    throw error;
  }
}
