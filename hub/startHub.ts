// Starting and stopping a hub in process (tests, `npm start`, `kioskctl hub start`, the kiosk side's tests).
import { systemClock } from '../src/domain/clock';
import type { Clock } from '../src/domain/clock';
import { join } from 'node:path';
import { openDb, type Db } from './db/db';
import { migrate } from './db/migrations';
import { HubKeyError, hasHpkeKey, loadHubKeys, loadOfficeOpeningKey, type HubKeys } from './keys';
import { createSealedOpener } from './office/opener';
import type { HubServe } from './routes/index';
import { publishCatalog, readCatalogFile } from './catalog';
import { buildHubApp, type BuildHubAppOptions, type HubLogOptions } from './app';
import { clearRunningHub, lockDataDir, writeRunningHub } from './dataDir';
import { newToken } from './store/tokens';
import { createEnrolmentCode, type EnrolmentCode } from './store/kiosks';
import { createKioskAuth } from './kioskAuth';
import { createCityToken, revokeCityToken, type CityToken } from './store/cityOperators';
import { readWorkCalendar } from './workCalendar';
import type { WorkCalendar } from '../src/domain/caseDeadline';

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
  /** Requests per address (hub/rateLimits.ts; defaults there). */
  rateLimits?: BuildHubAppOptions['rateLimits'];
  /** Whom to believe about client addresses in X-Forwarded-For (default false; see hub/app.ts). */
  trustProxy?: BuildHubAppOptions['trustProxy'];
  /** "Now" for case-number days, credential caching, token expiry and the createdAt window (default: the system clock); tests choose the day. */
  clock?: Clock;
  /**
   * Where residents reach this hub from a phone (the receipt's QR opens `<publicUrl>/q/<receiptNo>`), told to
   * kiosks at enrolment and in every heartbeat answer (default: the URL it listens on, fine for tests only).
   */
  publicUrl?: string;
  /** Holidays and make-up working days for deadlines (default: `<dataDir>/calendar.json` if present, else Monday to Friday). */
  calendar?: WorkCalendar;
  /**
   * The HPKE private key file (e.g. `<dataDir>/keys/hpke-x25519.pem`) with which the back office at /office opens
   * sealed parts for the handling city's operators (ADR 0017). Default none: the hub process reads no opening key
   * and the office shows cases without their personal part.
   */
  officeKeyFile?: string;
  /**
   * Which routes this process answers (default 'all'): 'public' without /office, 'office' only /office (with
   * health and admin). Two processes over one PostgreSQL, 'public' without a key and 'office' with one, keep the
   * key out of the internet-facing process (ADR 0017). 'public' with `officeKeyFile` is refused.
   */
  serve?: HubServe;
}

export interface RunningHubHandle {
  url: string;
  db: Db;
  keys: HubKeys;
  /** A one-time enrolment code for a kiosk at `siteCode` (DIVISIONCODE-NNN). */
  createEnrolmentCode(siteCode: string, ttlMs?: number): Promise<EnrolmentCode>;
  /** A token for the back office of `city` to read its queue, with its id (`ttlMs` default 90 days). */
  createCityToken(city: string, label?: string, ttlMs?: number): Promise<CityToken>;
  revokeCityToken(id: string): Promise<boolean>;
  revokeKiosk(kioskId: string): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * New keys over a database that already holds sealed applications would make the hub accept new ones sealed to
 * a key nobody backed up alongside the old, and hide that the old key is gone (a wrong --data, a lost disk).
 */
async function refuseNewKeysOverSealedData(db: Db, dataDir: string): Promise<void> {
  if (hasHpkeKey(dataDir)) return;
  const found = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM applications');
  const count = found.rows[0]?.n ?? 0;
  if (count > 0) {
    throw new HubKeyError(`no hub keys in ${join(dataDir, 'keys')}, but the database holds ${count} sealed applications: restore the key files from the backup (or give the right --data); refusing to create new keys`);
  }
}

export async function startHub(options: StartHubOptions): Promise<RunningHubHandle> {
  if (options.serve === 'public' && options.officeKeyFile) throw new HubKeyError('a public-only hub serves no back office: give --office-key to the office process');
  const unlock = lockDataDir(options.dataDir);
  let db: Db | undefined;
  try {
    db = options.db ?? (await openDb({ databaseUrl: options.databaseUrl, pgliteDir: join(options.dataDir, 'pgdata') }));
    await migrate(db);
    await refuseNewKeysOverSealedData(db, options.dataDir);
    const keys = loadHubKeys(options.dataDir);
    const officeOpener = options.officeKeyFile ? createSealedOpener(loadOfficeOpeningKey(options.officeKeyFile, keys.knownSealingKeyIds)) : null;
    const catalog = publishCatalog(keys, options.catalogFile ? readCatalogFile(options.catalogFile) : null);
    const adminToken = newToken();
    const clock = options.clock ?? systemClock;
    const auth = createKioskAuth(db, { now: clock.now });
    let publicUrl = options.publicUrl?.replace(/\/+$/, '') ?? '';
    const calendar = options.calendar ?? readWorkCalendar(options.dataDir);
    const app = buildHubApp({ db, auth, keys, catalog, clock, publicUrl: () => publicUrl }, { log: options.log, bodyLimit: options.bodyLimit, adminToken, calendar, rateLimits: options.rateLimits, trustProxy: options.trustProxy, officeOpener, serve: options.serve });
    await app.listen({ port: options.port ?? 0, host: options.host ?? '127.0.0.1' });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : options.port;
    const host = options.host && options.host !== '0.0.0.0' ? options.host : '127.0.0.1';
    const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    publicUrl ||= url;
    writeRunningHub(options.dataDir, { url, pid: process.pid, adminToken });
    const openDbHandle = db;
    let closing: Promise<void> | undefined;
    return {
      url,
      db: openDbHandle,
      keys,
      createEnrolmentCode: (siteCode, ttlMs) => createEnrolmentCode(openDbHandle, siteCode, { ttlMs, now: clock.now() }),
      createCityToken: (city, label = 'operator', ttlMs) => createCityToken(openDbHandle, city, label, { ttlMs, now: clock.now() }),
      revokeCityToken: (id) => revokeCityToken(openDbHandle, id),
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
