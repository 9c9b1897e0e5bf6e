// The wire format between kiosk and regional hub, API v1. The kiosk's sync engine and the hub both parse
// with these schemas, so the two can never disagree about what a batch or an answer is.
import { z } from 'zod';
import { caseStatuses } from './caseStatus';
import { isCountyLevelCity, isMetroCityCode } from './divisions';
import { applicationIdSchema, divisionCodeSchema } from './ids';
import { ratingSchema } from './rating';
import { kioskEventWireSchema, maxEventsPerHeartbeat } from './kioskEvents';

export { applicationIdSchema, divisionCodeSchema };

// Base64 with its padding only at the end. Two scans, not /^[A-Za-z0-9+/]*={0,2}$/: V8 runs that one about five
// times slower over a 1 KB ciphertext, and the hub checks two per application (bench/sync-hub.ts).
const isBase64 = (text: string): boolean => !/[^A-Za-z0-9+/=]/.test(text) && /^[^=]*={0,2}$/.test(text);
export const base64Schema = z.string().refine(isBase64, 'expected base64');

/** Limits shared by the kiosk (batch building) and the hub (body checks). */
export const hubLimits = {
  maxBatchItems: 100,
  maxSealedBytes: 256 * 1024,
  maxBodyBytes: 4 * 1024 * 1024,
} as const;

/** HPKE (RFC 9180) base mode, DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-128-GCM. */
export const sealSuite = 'hpke-base-x25519-sha256-aes128gcm' as const;

export const sealedPayloadSchema = z.object({
  suite: z.literal(sealSuite),
  /** The encapsulated key, base64. */
  enc: base64Schema,
  /** The ciphertext of the personal part, base64. */
  ct: base64Schema,
  /** Which hub key it is sealed to (`sealingKeyId`), so keys can be rotated; absent from kiosks before rotation. */
  kid: z.string().regex(/^[0-9a-f]{16}$/, 'expected a 16-hex-digit key id').optional(),
});
export type SealedPayload = z.infer<typeof sealedPayloadSchema>;

/** The associated data that binds a sealed payload to its application, kiosk and service. */
export const sealAssociatedData = (applicationId: string, kioskId: string, serviceId: string): Uint8Array =>
  new TextEncoder().encode(`zwxw/v1|${applicationId}|${kioskId}|${serviceId}`);

export const outboundApplicationSchema = z.object({
  id: applicationIdSchema,
  receiptNo: z.string().min(4).max(32),
  serviceId: z.string().min(1).max(64),
  /** Where the application is handled (收受分离: it may differ from where it was received). */
  handlingCity: divisionCodeSchema,
  createdAt: z.iso.datetime({ offset: true }),
  sealed: sealedPayloadSchema,
});
export type OutboundApplication = z.infer<typeof outboundApplicationSchema>;

export const batchRequestSchema = z.object({
  items: z.array(outboundApplicationSchema).min(1).max(hubLimits.maxBatchItems),
});
export type BatchRequest = z.infer<typeof batchRequestSchema>;

export const itemResultSchema = z.discriminatedUnion('status', [
  z.object({ id: applicationIdSchema, status: z.literal('accepted'), caseNo: z.string() }),
  /** Accepted earlier with the same content: success, counted once. */
  z.object({ id: applicationIdSchema, status: z.literal('duplicate'), caseNo: z.string() }),
  z.object({ id: applicationIdSchema, status: z.literal('rejected'), reason: z.string() }),
  /** The same id arrived earlier with different content: never overwritten, needs a person. */
  z.object({ id: applicationIdSchema, status: z.literal('conflict'), reason: z.string() }),
]);
export type ItemResult = z.infer<typeof itemResultSchema>;

export const batchResponseSchema = z.object({ results: z.array(itemResultSchema) });
export type BatchResponse = z.infer<typeof batchResponseSchema>;

export const enrolRequestSchema = z.object({ code: z.string().min(6).max(64), kioskVersion: z.string().max(32).optional() });
export const enrolResponseSchema = z.object({
  kioskId: z.string(),
  siteCode: z.string(),
  credential: z.string(),
  /** Raw X25519 public key, base64: what applications are sealed to. */
  hpkePublicKey: base64Schema,
  /** Ed25519 public key (raw, base64): what signed catalogs and releases are checked against. */
  signingPublicKey: base64Schema,
  /** The hub's public base URL (status page `/q/<receiptNo>`, the receipt's QR); absent from hubs before issue 13. */
  publicUrl: z.url().optional(),
});
export type EnrolResponse = z.infer<typeof enrolResponseSchema>;

const rawBase64 = (text: string): Uint8Array => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

/**
 * What a technician compares at enrolment (issue 10 §3): SHA-256 over a label and the hub's two raw public keys
 * (Ed25519 signing, X25519 sealing), its first 16 bytes as 8 groups of 4 hex digits, e.g. "3f2a-…". The hub
 * operator reads it with the enrolment code (`kioskctl hub enrol-code`); the kiosk refuses a hub whose keys
 * give another one, so a hub in between cannot hand the kiosk its own keys.
 */
export async function hubKeyFingerprint(keys: { signingPublicKey: string; hpkePublicKey: string }): Promise<string> {
  const label = new TextEncoder().encode('zwxw-hub-keys/v1');
  const [signing, hpke] = [rawBase64(keys.signingPublicKey), rawBase64(keys.hpkePublicKey)];
  const input = new Uint8Array(label.length + signing.length + hpke.length);
  input.set(label);
  input.set(signing, label.length);
  input.set(hpke, label.length + signing.length);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', input));
  const hex = Array.from(digest.slice(0, 16), (byte) => byte.toString(16).padStart(2, '0')).join('');
  return hex.match(/.{4}/g)?.join('-') ?? hex;
}

/** The id of a sealing key: SHA-256 over a label and the raw X25519 public key, its first 8 bytes in hex. */
export async function sealingKeyId(hpkePublicKey: string): Promise<string> {
  const label = new TextEncoder().encode('zwxw-sealing-key/v1');
  const key = rawBase64(hpkePublicKey);
  const input = new Uint8Array(label.length + key.length);
  input.set(label);
  input.set(key, label.length);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', input));
  return Array.from(digest.slice(0, 8), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * What the hub signs (Ed25519, the key pinned at enrolment) to hand a kiosk a rotated sealing key in the
 * heartbeat answer: a kiosk takes a new key only with this signature, so nobody on the way can swap it.
 */
export const sealingKeyStatement = (hpkePublicKey: string): Uint8Array => new TextEncoder().encode(`zwxw-sealing-key/v1|${hpkePublicKey}`);

export const announcedSealingKeySchema = z.object({
  hpkePublicKey: base64Schema,
  kid: z.string().regex(/^[0-9a-f]{16}$/),
  /** Ed25519 over `sealingKeyStatement(hpkePublicKey)`, base64. */
  signature: base64Schema,
});
export type AnnouncedSealingKey = z.infer<typeof announcedSealingKeySchema>;

/** A fingerprint as typed: case, spaces and separators do not matter. */
export const normaliseFingerprint = (text: string): string => text.toLowerCase().replace(/[^0-9a-f]/g, '');

/** Every failure from the hub has this body, with a 4xx/5xx status. */
export const hubErrorSchema = z.object({ error: z.string(), reason: z.string() });

// ---- Additions for the hub side (issue 5). Everything above is unchanged. ----

/** A kiosk's site: the division code where it stands, and a 3-digit number within it, e.g. "420102-001". */
export const siteCodeSchema = z.string().regex(/^\d{6}-\d{3}$/, 'expected DIVISIONCODE-NNN, e.g. 420102-001');

/**
 * The city a division code belongs to: a district or county rolls up to its prefecture ("420102" → "420100");
 * the province-governed county-level cities (4290xx) are cities in their own right.
 */
export const cityOfDivision = (code: string): string => (isCountyLevelCity(code) ? code : `${code.slice(0, 4)}00`);

/** Whether a handling division lies in the "1+8" circle, the only places the hub routes applications to. */
export const isInMetroCircle = (code: string): boolean => isMetroCityCode(cityOfDivision(code));

/** Where an application stands at the hub: the case life cycle of src/domain/caseStatus. */
export const hubApplicationStatuses = caseStatuses;

/** GET /v1/applications/:id and /v1/applications/by-receipt/:receiptNo (only for the kiosk that sent it). */
export const applicationStatusSchema = z.object({
  id: applicationIdSchema,
  receiptNo: z.string(),
  caseNo: z.string(),
  serviceId: z.string(),
  handlingCity: divisionCodeSchema,
  status: z.enum(hubApplicationStatuses),
  receivedAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type ApplicationStatus = z.infer<typeof applicationStatusSchema>;

/** POST /v1/heartbeat: nothing personal, only how the kiosk is doing. */
export const deviceHealthSchema = z.object({
  status: z.enum(['ok', 'degraded', 'offline', 'unknown']),
  /** A short machine-ish reason, e.g. "paperOut"; never personal data. */
  detail: z.string().max(200).optional(),
});
export type DeviceHealth = z.infer<typeof deviceHealthSchema>;
/** What a kiosk's updater reports (main/host/update): which payload runs, what it came from, how the last update ended. */
const updateSourceSchema = z.object({ slot: z.enum(['A', 'B', 'factory']), version: z.string().max(64).nullable() });
export const updateReportSchema = z.object({
  current: updateSourceSchema,
  previous: updateSourceSchema.nullable(),
  pending: z.boolean(),
  lastResult: z.enum(['installed', 'good', 'rolledBack']).nullable(),
  /** After an automatic rollback: the version that failed and why (a fixed phrase, never personal data). */
  rolledBack: z.object({ version: z.string().max(64), reason: z.string().max(300) }).nullable(),
});
export type UpdateReport = z.infer<typeof updateReportSchema>;

/** GET /v1/releases/:channel/latest: the newest release of the channel whose rollout includes this kiosk. */
export const releaseInfoSchema = z.object({
  channel: z.string(),
  version: z.string(),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  notes: z.string(),
  publishedAt: z.iso.datetime({ offset: true }),
  /** Path of the bundle on this hub; answers `Range: bytes=N-` with 206 so a download resumes. */
  url: z.string(),
});
export type ReleaseInfo = z.infer<typeof releaseInfoSchema>;

export const heartbeatRequestSchema = z.object({
  version: z.string().min(1).max(32),
  /** Keyed by device role, e.g. { idcard: {...}, printer: {...} }. */
  devices: z.record(z.string().min(1).max(32), deviceHealthSchema).refine((d) => Object.keys(d).length <= 16, 'at most 16 devices'),
  queueDepth: z.number().int().nonnegative(),
  quarantined: z.number().int().nonnegative().optional(),
  /** When the kiosk last had a batch answered; null before the first one. */
  lastSyncAt: z.iso.datetime({ offset: true }).nullable(),
  /** The kiosk clock minus the hub clock (ms) at the last heartbeat; null before one. Over 5 minutes is wrong. */
  clockSkewMs: z.number().int().nullable().optional(),
  /** The updater's state; absent from kiosks older than the updater. */
  update: updateReportSchema.optional(),
  /** Events raised since the last heartbeat the hub answered (src/domain/kioskEvents.ts); absent from older kiosks. */
  events: z.array(kioskEventWireSchema).max(maxEventsPerHeartbeat).optional(),
});
export type HeartbeatRequest = z.infer<typeof heartbeatRequestSchema>;
export const heartbeatResponseSchema = z.object({
  serverTime: z.iso.datetime({ offset: true }),
  /** The ETag of the current catalog, so a kiosk knows when to fetch it again. */
  catalogEtag: z.string(),
  /** As in the enrolment answer, so a kiosk learns a moved status page without re-enrolling. */
  publicUrl: z.url().optional(),
  /** The key to seal new applications to; differs from the enrolment one after `kioskctl hub rotate-key`. */
  sealingKey: announcedSealingKeySchema.optional(),
});
export type HeartbeatResponse = z.infer<typeof heartbeatResponseSchema>;

/**
 * What a signed catalog carries once its signature has been checked: at least a version and items. Other
 * top-level fields (the kiosk catalogue's `schemaVersion`, `source`) are kept, not stripped, because the
 * kiosk validates the payload with the full catalogSchema (src/domain/catalog.ts).
 */
export const catalogPayloadSchema = z.looseObject({
  version: z.string().min(1),
  items: z.array(z.record(z.string(), z.unknown())),
});
export type CatalogPayload = z.infer<typeof catalogPayloadSchema>;

/**
 * GET /v1/catalog. `payload` is the catalog's JSON text exactly as signed: verify the Ed25519 `signature`
 * over its UTF-8 bytes with the hub's signing public key, then JSON.parse it with catalogPayloadSchema.
 * (Signing text rather than a re-serialised object means the two sides never argue about canonical JSON.)
 */
export const signedCatalogSchema = z.object({
  payload: z.string(),
  signature: base64Schema,
  algorithm: z.literal('ed25519'),
});
export type SignedCatalog = z.infer<typeof signedCatalogSchema>;

/** GET /v1/cities/:code/applications?status=S&since=CURSOR&limit=N: the handling city's queue (收受分离). */
export const cityQueueItemSchema = z.object({
  id: applicationIdSchema,
  caseNo: z.string(),
  receiptNo: z.string(),
  serviceId: z.string(),
  handlingCity: divisionCodeSchema,
  /** Where it was received (the kiosk's site division), which may be another city. */
  receivedDivision: divisionCodeSchema,
  kioskId: z.string(),
  createdAt: z.iso.datetime({ offset: true }),
  receivedAt: z.iso.datetime({ offset: true }),
  status: z.enum(hubApplicationStatuses),
  /** The note of the last status change ('' for none): what is missing (需补正), why not (不予受理). */
  note: z.string(),
  updatedAt: z.iso.datetime({ offset: true }),
  /** When the handling city last accepted it; the deadline counts from here. */
  acceptedAt: z.iso.datetime({ offset: true }).nullable(),
  /** 承诺办结 date (YYYY-MM-DD, China), null before acceptance or when the catalogue promises no limit. */
  deadline: z.string().nullable(),
});
export type CityQueueItem = z.infer<typeof cityQueueItemSchema>;
export const cityQueueResponseSchema = z.object({
  items: z.array(cityQueueItemSchema),
  /** Pass as `since` to get what arrived after the last item; equal to the request's when nothing new. */
  next: z.string(),
});
export type CityQueueResponse = z.infer<typeof cityQueueResponseSchema>;

// ---- Ratings (好差评): POST /v1/ratings:batch. ----
/** The body of POST /v1/ratings:batch. The hub checks each item with `ratingSchema` itself and answers a bad one
 * `rejected` instead of failing the batch; the bridge checks the whole body with this schema. */
export const ratingBatchRequestSchema = z.object({ items: z.array(ratingSchema).min(1).max(hubLimits.maxBatchItems) });
export type RatingBatchRequest = z.infer<typeof ratingBatchRequestSchema>;

/** Per rating: `accepted` (stored now), `duplicate` (stored earlier with the same content: success, counted once). */
export const ratingItemResultSchema = z.discriminatedUnion('status', [
  z.object({ id: applicationIdSchema, status: z.literal('accepted') }),
  z.object({ id: applicationIdSchema, status: z.literal('duplicate') }),
  /** The rating failed the hub's checks; the kiosk keeps it, flagged, for a technician. */
  z.object({ id: applicationIdSchema, status: z.literal('rejected'), reason: z.string() }),
  /** The same id arrived earlier with different content: never overwritten. */
  z.object({ id: applicationIdSchema, status: z.literal('conflict'), reason: z.string() }),
]);
export type RatingItemResult = z.infer<typeof ratingItemResultSchema>;

export const ratingBatchResponseSchema = z.object({ results: z.array(ratingItemResultSchema) });
export type RatingBatchResponse = z.infer<typeof ratingBatchResponseSchema>;
