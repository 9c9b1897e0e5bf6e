// The host's hub client (DESIGN.md §2, §4), a HostService named 'hub'. It alone holds the kiosk credential;
// the renderer's sync engine reaches the hub only through 'hub.sendBatch', its rating sync through
// 'hub.sendRatings'. It also enrols the kiosk (with a one-time code from the config, the environment or
// `enrolKiosk()`), sends heartbeats, and tells the renderer when the hub becomes reachable ('hub.status'), which wakes the sync engine.
import { packageVersion } from '../paths';
import type { EventHub } from '../../../src/bridge/dispatcher';
import type { Handlers } from '../../../src/bridge/contract';
import { encodeHubFailure } from '../../../src/bridge/contract/hub';
import type { HubStatus, KioskApplicationStatus } from '../../../src/bridge/contract/hub';
import { err, ok } from '../../../src/bridge/result';
import type { Result } from '../../../src/bridge/result';
import { kioskCaseChangesSchema } from '../../../src/domain/caseApi';
import type { AnnouncedSealingKey, UpdateReport } from '../../../src/domain/hubApi';
import { applicationStatusSchema, batchResponseSchema, heartbeatResponseSchema, ratingBatchResponseSchema, signedCatalogSchema } from '../../../src/domain/hubApi';
import type { HostService } from '../host';
import type { Logger } from '../log';
import { CredentialError, readCredential, writeCredential } from './credentialStore';
import type { StoredCredential } from './credentialStore';
import { enrolKiosk } from './enrol';
import { createHubHttp } from './hubHttp';
import { adoptSealingKey } from './sealingKeyAdoption';
import type { KioskEvents } from '../kioskEvents';
import { hubUrlProblem, sameHubUrl } from './hubUrl';
import type { HubAnswerInfo, HubHttp } from './hubHttp';

export interface HubServiceOptions {
  /** The hub's base URL (config `hub.url`); null while none is configured, until `connect` names one. */
  url: string | null;
  /** Where the credential file lives. */
  dataDir: string;
  log: Logger;
  /** Reported at enrolment and in heartbeats (default: package.json's version). */
  version?: string;
  /** One-time enrolment code used at start when not enrolled yet (default none). */
  enrolmentCode?: string;
  /** Per-request timeout, ms (default 15,000). */
  timeoutMs?: number;
  /** Heartbeat period, ms (default 60,000; 0 = none). */
  heartbeatMs?: number;
  /** Device health for heartbeats (default: nothing known). */
  deviceHealth?: () => Record<string, { status: 'ok' | 'degraded' | 'offline' | 'unknown'; detail?: string }>;
  /** The updater's state for heartbeats (default: not reported). */
  updateReport?: () => UpdateReport | null;
  /** Kiosk events waiting for the hub (main/host/kioskEvents.ts): sent with each heartbeat, dropped once answered. */
  events?: Pick<KioskEvents, 'pending' | 'delivered'>;
  /** Default: the global fetch. */
  fetch?: typeof fetch;
  /** The kiosk's clock, epoch ms (default Date.now); tests set it off the hub's to see skew reported. */
  now?: () => number;
}

/** A kiosk clock further than this from the hub's is logged and flagged in the heartbeat (5 minutes). */
export const clockSkewLimitMs = 5 * 60_000;

export interface HubService extends HostService {
  /** Current connectivity as the renderer sees it. */
  status(): HubStatus;
  /** Sends one heartbeat now (also runs on the timer). */
  heartbeat(): Promise<Result<unknown>>;
  /**
   * Points the link at `url` and takes the credential enrolled with it (the maintenance screen's enrolment), then
   * sends a heartbeat at once: the kiosk is online without a restart. Answers the state after that heartbeat.
   */
  connect(url: string): Promise<HubStatus>;
  /** The hub and credential the link uses, for the updater; null while not enrolled with the configured hub. */
  enrolment(): { hubUrl: string; credential: string } | null;
}

export function createHubService(options: HubServiceOptions): HubService {
  const log = options.log;
  const version = options.version ?? packageVersion();
  let url: string | null = null;
  let http: HubHttp = async () => ({ result: notEnrolled(), info: { reached: false } });
  function useUrl(next: string | null): void {
    const problem = next === null ? null : hubUrlProblem(next);
    if (problem) throw new Error(problem); // config.json, KIOSK_HUB_URL and the screen check it first: a caller's bug
    url = next;
    if (next) http = createHubHttp({ baseUrl: next, timeoutMs: options.timeoutMs, fetch: options.fetch });
  }
  useUrl(options.url);
  let credential: StoredCredential | null = null;
  let events: EventHub | null = null;
  let status: HubStatus = { state: 'unenrolled', lastContactAt: null };
  let queue = { queued: 0, quarantined: 0, lastSyncAt: null as string | null };
  let timer: NodeJS.Timeout | null = null;
  // The hub's public base URL: from the credential file (enrolment), then from each heartbeat answer, so a
  // moved status page reaches the receipts without re-enrolling (not written back: the next heartbeat tells it again).
  let publicUrl: string | null = null;
  const now = options.now ?? Date.now;
  // Kiosk clock minus hub clock, from the last heartbeat answer; sent with the next heartbeat (null before one).
  // Receipts, createdAt and the hub's createdAt window all depend on the kiosk clock, so a wrong one must show.
  let clockSkewMs: number | null = null;

  function measureSkew(serverTime: string, sentAt: number, answeredAt: number): void {
    // The hub read its clock somewhere in the round trip: its middle is the best guess, off by at most half of it.
    const skew = Math.round((sentAt + answeredAt) / 2 - Date.parse(serverTime));
    const wasSkewed = clockSkewMs !== null && Math.abs(clockSkewMs) > clockSkewLimitMs;
    clockSkewMs = skew;
    const isSkewed = Math.abs(skew) > clockSkewLimitMs;
    if (isSkewed && !wasSkewed) log.warn('kiosk clock differs from the hub clock by more than 5 minutes; set the kiosk clock (NTP)', { clockSkewMs: skew, roundTripMs: answeredAt - sentAt });
    if (!isSkewed && wasSkewed) log.info('kiosk clock agrees with the hub clock again', { clockSkewMs: skew });
  }

  const setStatus = (next: HubStatus) => {
    const changed = next.state !== status.state;
    status = next;
    // Only a change of state is news; lastContactAt moves on every answer and is read with 'hub.status'.
    if (changed) events?.emit('hub.status', status);
  };
  const observe = (info: HubAnswerInfo) => {
    if (!credential) return setStatus({ state: 'unenrolled', lastContactAt: status.lastContactAt });
    if (info.httpStatus === 401 || info.httpStatus === 403) {
      log.warn('hub refused the kiosk credential; re-enrol the kiosk', { kioskId: credential.kioskId, httpStatus: info.httpStatus });
    }
    if (info.reached) setStatus({ state: 'online', lastContactAt: new Date().toISOString() });
    else setStatus({ state: 'offline', lastContactAt: status.lastContactAt });
  };

  const notEnrolled = () => err('unavailable', 'the kiosk is not enrolled with a hub', encodeHubFailure({ retryable: true, reason: 'unenrolled' }));

  function loadCredential(): void {
    try {
      credential = readCredential(options.dataDir);
    } catch (error) {
      credential = null;
      log.error('hub credential unreadable', { error: error instanceof CredentialError ? error.message : error });
    }
    // The credential goes only to the URL that issued it: a config.json (or KIOSK_HUB_URL) naming another host
    // must not make the kiosk hand it over. Re-enrol with the new hub instead.
    if (credential && !url) {
      log.warn('no hub URL is configured; the stored credential is not used', { enrolledWith: credential.hubUrl });
      credential = null;
    } else if (credential && url && !sameHubUrl(credential.hubUrl, url)) {
      log.error('the credential was issued by another hub URL; not sending it there: re-enrol the kiosk with the configured hub', { enrolledWith: credential.hubUrl, configured: url });
      credential = null;
    }
    publicUrl = credential?.publicUrl ?? null;
    setStatus({ state: credential ? 'offline' : 'unenrolled', lastContactAt: status.lastContactAt });
  }

  // One enrolment at a time: heartbeats that overlap (the timer, one sent at once for a staff call) would each
  // spend the one-time code, and all but the first be refused by the hub.
  let enrolling: Promise<void> | undefined;
  function tryEnrol(): Promise<void> {
    enrolling ??= enrolOnce().finally(() => (enrolling = undefined));
    return enrolling;
  }

  async function enrolOnce(): Promise<void> {
    if (credential || !options.enrolmentCode || !url) return;
    const result = await enrolKiosk({ hubUrl: url, code: options.enrolmentCode, dataDir: options.dataDir, version, timeoutMs: options.timeoutMs, fetch: options.fetch });
    if (result.ok) {
      log.info('kiosk enrolled', { kioskId: result.value.kioskId, siteCode: result.value.siteCode });
      loadCredential();
    } else {
      log.warn('enrolment failed', { code: result.error.code, message: result.error.message });
    }
  }

  function takeSealingKey(announced: AnnouncedSealingKey): void {
    if (!credential) return;
    const adoption = adoptSealingKey(credential, announced);
    if (adoption.outcome === 'refused') log.error('the hub announced a sealing key without a valid signature; keeping the enrolled key', { kid: announced.kid });
    if (adoption.outcome !== 'adopted') return;
    // Written before it is used: a restart must not fall back to the retired key.
    writeCredential(options.dataDir, adoption.credential);
    credential = adoption.credential;
    log.info('the hub rotated its sealing key; new applications are sealed to it', { kid: announced.kid });
  }

  async function heartbeat(): Promise<Result<unknown>> {
    if (!credential) {
      await tryEnrol();
      if (!credential) return notEnrolled();
    }
    const started = now();
    const raised = options.events?.pending() ?? [];
    const { result, info } = await http({
      method: 'POST',
      path: '/v1/heartbeat',
      credential: credential.credential,
      body: {
        version,
        devices: options.deviceHealth?.() ?? {},
        queueDepth: queue.queued,
        quarantined: queue.quarantined,
        lastSyncAt: queue.lastSyncAt,
        clockSkewMs,
        update: options.updateReport?.() ?? undefined,
        events: raised.length ? raised : undefined,
      },
      schema: heartbeatResponseSchema,
    });
    observe(info);
    if (result.ok) {
      options.events?.delivered(raised); // the hub stored them (a repeat is stored once, by id)
      measureSkew(result.value.serverTime, started, now());
      if (result.value.publicUrl) publicUrl = result.value.publicUrl;
      if (result.value.sealingKey) takeSealingKey(result.value.sealingKey);
    } else log.debug('heartbeat failed', { code: result.error.code, ms: now() - started });
    return result;
  }

  async function statusOf(id: string, cred: StoredCredential): Promise<Result<KioskApplicationStatus>> {
    const { result, info } = await http({ method: 'GET', path: `/v1/applications/${encodeURIComponent(id)}`, credential: cred.credential, schema: applicationStatusSchema });
    observe(info);
    if (result.ok) return ok({ id, status: result.value.status, caseNo: result.value.caseNo, updatedAt: result.value.updatedAt });
    if (info.httpStatus === 404) return ok({ id, status: 'unknown', caseNo: null, updatedAt: null });
    return result;
  }

  const handlers: Handlers = {
    'hub.status': () => ok({ ...status, clockSkewMs }),
    'kiosk.identity': () => {
      if (!credential) return notEnrolled();
      return ok({ kioskId: credential.kioskId, siteCode: credential.siteCode, hpkePublicKey: credential.hpkePublicKey, signingPublicKey: credential.signingPublicKey, publicUrl });
    },
    'hub.sendBatch': async (request) => {
      if (!credential) return notEnrolled();
      const started = Date.now();
      const { result, info } = await http({ method: 'POST', path: '/v1/applications:batch', credential: credential.credential, body: request, schema: batchResponseSchema });
      observe(info);
      // Counts and codes only: ids are not personal, but there is no need for them in the log either.
      if (result.ok) log.info('batch answered', { items: request.items.length, ms: Date.now() - started });
      else log.warn('batch failed', { items: request.items.length, code: result.error.code, detail: result.error.detail, ms: Date.now() - started });
      return result;
    },
    'hub.sendRatings': async (request) => {
      if (!credential) return notEnrolled();
      const started = Date.now();
      const { result, info } = await http({ method: 'POST', path: '/v1/ratings:batch', credential: credential.credential, body: request, schema: ratingBatchResponseSchema });
      observe(info);
      if (result.ok) log.info('ratings answered', { items: request.items.length, ms: Date.now() - started });
      else log.warn('ratings failed', { items: request.items.length, code: result.error.code, detail: result.error.detail, ms: Date.now() - started });
      return result;
    },
    'hub.catalog': async ({ etag }) => {
      if (!credential) return notEnrolled();
      // Passed on as served: the host does not verify it; the renderer does, before it parses a byte of it.
      const { result, info } = await http({ method: 'GET', path: '/v1/catalog', ifNoneMatch: etag ?? undefined, schema: signedCatalogSchema.optional() });
      observe(info);
      if (!result.ok) return result;
      if (info.httpStatus === 304) return ok({ status: 'notModified' as const });
      if (!result.value || !info.etag) return err('transport', 'the catalog answer had no body or no ETag', encodeHubFailure({ retryable: true, httpStatus: info.httpStatus, reason: 'malformed_answer' }));
      log.info('catalog fetched', { etag: info.etag, bytes: result.value.payload.length });
      return ok({ status: 'updated' as const, etag: info.etag, signed: result.value });
    },
    'hub.applicationStatus': async ({ ids }) => {
      if (!credential) return notEnrolled();
      const cred = credential;
      const statuses: KioskApplicationStatus[] = [];
      for (const id of ids) {
        const one = await statusOf(id, cred);
        if (!one.ok) return one;
        statuses.push(one.value);
      }
      return ok({ statuses });
    },
    'hub.caseChanges': async ({ since, limit }) => {
      if (!credential) return notEnrolled();
      const query = `since=${since}${limit ? `&limit=${limit}` : ''}`;
      const { result, info } = await http({ method: 'GET', path: `/v1/applications/changes?${query}`, credential: credential.credential, schema: kioskCaseChangesSchema });
      observe(info);
      return result;
    },
    'hub.reportQueue': (report) => {
      queue = report;
      return ok({});
    },
  };

  return {
    name: 'hub',
    handlers,
    status: () => status,
    heartbeat,
    async connect(next) {
      useUrl(next);
      loadCredential();
      await heartbeat().catch((error: unknown) => log.error('heartbeat crashed', { error })); // enrolled either way
      return status;
    },
    enrolment: () => (credential && url ? { hubUrl: url, credential: credential.credential } : null),
    async start(hub) {
      loadCredential();
      events = hub;
      events.emit('hub.status', status); // the state at start, once; later only changes
      // Not awaited: a hub that is down must not delay the kiosk's start-up.
      void heartbeat().catch((error: unknown) => log.error('heartbeat crashed', { error }));
      const every = options.heartbeatMs ?? 60_000;
      if (every > 0) {
        timer = setInterval(() => void heartbeat().catch((error: unknown) => log.error('heartbeat crashed', { error })), every);
        timer.unref();
      }
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
      events = null;
    },
  };
}
