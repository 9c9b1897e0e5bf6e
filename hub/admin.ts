// What an operator does from the command line, two ways: through the running hub's loopback admin routes
// (an on-disk PGlite can be opened by one process at a time) or straight on the database when no hub runs
// on this data directory, or when the database is a PostgreSQL server that many processes can share.
import { join } from 'node:path';
import { openDb, type Db } from './db/db';
import { migrate } from './db/migrations';
import { lockDataDir, readRunningHub } from './dataDir';
import { hubKeyFingerprint } from '../src/domain/hubApi';
import { loadHubPublicKeys } from './keys';
import { findSealed, type StoredSealed } from './store/applications';
import { createCityToken, revokeCityToken } from './store/cityOperators';
import { createEnrolmentCode, listKiosks, revokeKiosk, type KioskSummary } from './store/kiosks';
import { parseCaseEvent } from '../src/domain/caseApi';
import { describeOutcome } from './routes/adminCases';
import { changeCaseStatus, findCaseId } from './store/cases';
import { listReleases, publishRelease, type ReleaseRecord } from './store/releases';
import { addOperatorAudited, disableOperatorAudited } from './routes/adminOffice';
import { listOperators, OperatorError, type Operator, type OperatorSummary } from './store/operators';
import { readAudit, type AuditRecord } from './store/officeAudit';
import { exportCases, exportRatings, readExportCodes, type CaseRecord, type ExportFacts, type ExportKind, type ExportPage, type ExportQuery, type RatingRecord } from './caseExport';
import { readCaseFactsOf } from './caseFacts';
import { readCatalogFile } from './catalog';
import { readWorkCalendar } from './workCalendar';

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
  /** The code, when it expires, and the fingerprint of the hub keys a kiosk enrolling with it must see. */
  createEnrolmentCode(siteCode: string, ttlHours?: number): Promise<{ code: string; expiresAt: string; fingerprint: string }>;
  revokeKiosk(kioskId: string): Promise<boolean>;
  listKiosks(): Promise<KioskSummary[]>;
  /** The token (shown once), its id for revocation and when it expires (default in 90 days). */
  createCityToken(city: string, label: string, ttlDays?: number): Promise<{ id: string; token: string; expiresAt: string }>;
  revokeCityToken(id: string): Promise<boolean>;
  findSealed(idOrCaseNo: string): Promise<StoredSealed | null>;
  /** A status change by the hub's own operator (for the handling city): the HTTP-like status and body. */
  caseEvent(idOrCaseNo: string, event: { status: string; note: string; operator: string }): Promise<{ status: number; body: unknown }>;
  publishRelease(release: ReleaseToPublish): Promise<ReleaseRecord>;
  listReleases(): Promise<ReleaseRecord[]>;
  /** A back-office operator of `city` (the password already hashed by the caller); AdminError when the name is taken. */
  addOperator(city: string, name: string, passwordHash: string): Promise<Operator>;
  /** Disables the operator with this name (their sessions end at once); null when no active operator has it. */
  disableOperator(name: string): Promise<Operator | null>;
  listOperators(city?: string): Promise<OperatorSummary[]>;
  /** The back office's audit log, oldest first, optionally of one city. */
  readAudit(city?: string): Promise<AuditRecord[]>;
  /** One page of `kioskctl hub export` (the running hub's catalogue and calendar, else `catalogFile` and the data directory's calendar). */
  exportPage(kind: ExportKind, query: ExportQuery): Promise<ExportPage<CaseRecord | RatingRecord>>;
  close(): Promise<void>;
}

export interface AdminOptions {
  /** The catalogue an export reads names, codes and time limits from when no hub runs. */
  catalogFile?: string;
}

export class AdminError extends Error {
  readonly code = 'admin';
}

function direct(db: Db, dataDir: string, release: () => void, options: AdminOptions): AdminOps {
  let about: ExportFacts | null = null;
  const exportFacts = (): ExportFacts => {
    if (!about) {
      const payload = JSON.stringify(options.catalogFile ? readCatalogFile(options.catalogFile) : { items: [] });
      about = { facts: readCaseFactsOf(payload, readWorkCalendar(dataDir)), codes: readExportCodes(payload) };
    }
    return about;
  };
  return {
    via: 'database',
    async createEnrolmentCode(siteCode, ttlHours) {
      // Read the keys first: without them there is no fingerprint to give, and no code is spent.
      const keys = loadHubPublicKeys(dataDir);
      const code = await createEnrolmentCode(db, siteCode, { ttlMs: ttlHours ? ttlHours * 3600_000 : undefined });
      return { code: code.code, expiresAt: code.expiresAt.toISOString(), fingerprint: await hubKeyFingerprint(keys) };
    },
    revokeKiosk: (kioskId) => revokeKiosk(db, kioskId),
    listKiosks: () => listKiosks(db),
    async createCityToken(city, label, ttlDays) {
      const created = await createCityToken(db, city, label, { ttlMs: ttlDays ? ttlDays * 24 * 3600_000 : undefined });
      return { id: created.id, token: created.token, expiresAt: created.expiresAt.toISOString() };
    },
    revokeCityToken: (id) => revokeCityToken(db, id),
    findSealed: (ref) => findSealed(db, ref),
    async caseEvent(ref, request) {
      const event = parseCaseEvent(request);
      if (!event.ok) return { status: 400, body: { error: 'bad_request', reason: event.reason } };
      const id = await findCaseId(db, ref);
      if (!id) return { status: 404, body: { error: 'not_found', reason: 'no application with this id or case number' } };
      // With no hub running there is no published catalogue here: the answer shows no deadline (the hub
      // computes it from the stored acceptance time whenever it is read, so nothing is lost).
      const outcome = await changeCaseStatus(db, { applicationId: id, city: null, operator: `kioskctl: ${request.operator}`, status: event.status, note: event.note, at: new Date() }, () => null);
      return describeOutcome(outcome, event.status);
    },
    publishRelease: (release) => publishRelease(db, release),
    listReleases: () => listReleases(db),
    async addOperator(city, name, passwordHash) {
      try {
        return await addOperatorAudited(db, { city, name, passwordHash }, new Date());
      } catch (error) {
        throw error instanceof OperatorError ? new AdminError(error.message) : error;
      }
    },
    readAudit: (city) => readAudit(db, { city }),
    disableOperator: (name) => disableOperatorAudited(db, name, new Date()),
    listOperators: (city) => listOperators(db, city),
    exportPage: (kind, query) => (kind === 'cases' ? exportCases(db, exportFacts(), query) : exportRatings(db, exportFacts(), query)),
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
    createCityToken: (city, label, ttlDays) => must(ask<{ id: string; token: string; expiresAt: string }>('POST', '/city-tokens', { city, label, ttlDays })),
    revokeCityToken: async (id) => (await must(ask<{ revoked: boolean }>('POST', `/city-tokens/${encodeURIComponent(id)}/revoke`))).revoked,
    findSealed: (ref) => ask<StoredSealed>('GET', `/sealed/${encodeURIComponent(ref)}`, undefined, true),
    async caseEvent(ref, event) {
      const response = await fetch(`${url}/v1/admin/cases/${encodeURIComponent(ref)}/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify(event),
      });
      return { status: response.status, body: await response.json().catch(() => ({})) };
    },
    listReleases: async () => (await must(ask<{ releases: ReleaseRecord[] }>('GET', '/releases'))).releases,
    exportPage: (kind, query) => {
      const params = new URLSearchParams({ city: query.city, since: query.since, after: query.after ?? '', limit: String(query.limit ?? 500) });
      return must(ask<ExportPage<CaseRecord | RatingRecord>>('GET', `/export/${kind}?${params.toString()}`));
    },
    publishRelease: ({ bundle, ...rest }) => must(ask<ReleaseRecord>('POST', '/releases', { ...rest, bundle: Buffer.from(bundle).toString('base64') })),
    addOperator: (city, name, passwordHash) => must(ask<Operator>('POST', '/operators', { city, name, passwordHash })),
    readAudit: async (city) => (await must(ask<{ entries: AuditRecord[] }>('GET', `/audit${city ? `?city=${encodeURIComponent(city)}` : ''}`))).entries,
    disableOperator: async (name) => (await must(ask<{ disabled: Operator | null }>('POST', `/operators/${encodeURIComponent(name)}/disable`))).disabled,
    listOperators: async (city) => (await must(ask<{ operators: OperatorSummary[] }>('GET', `/operators${city ? `?city=${encodeURIComponent(city)}` : ''}`))).operators,
    close: async () => undefined,
  };
}

/** Admin operations for the hub of `dataDir` (and `databaseUrl`, default: its on-disk PGlite). */
export async function openAdmin(dataDir: string, databaseUrl?: string, options: AdminOptions = {}): Promise<AdminOps> {
  if (databaseUrl) {
    const db = await openDb({ databaseUrl });
    await migrate(db);
    return direct(db, dataDir, () => undefined, options);
  }
  const running = readRunningHub(dataDir);
  if (running) return remote(running.url, running.adminToken);
  const release = lockDataDir(dataDir);
  try {
    const db = await openDb({ pgliteDir: join(dataDir, 'pgdata') });
    await migrate(db);
    return direct(db, dataDir, release, options);
  } catch (error) {
    release();
    throw error;
  }
}
