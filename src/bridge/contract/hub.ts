// The regional hub, reached only through the host's hub client (main/host/hub): it alone holds the kiosk
// credential. The renderer sends sealed batches and asks for statuses; it never sees the credential.
import { z } from 'zod';
import {
  applicationIdSchema,
  base64Schema,
  batchRequestSchema,
  batchResponseSchema,
  hubApplicationStatuses,
  ratingBatchRequestSchema,
  ratingBatchResponseSchema,
  signedCatalogSchema,
} from '../../domain/hubApi';
import { cursorSchema, kioskCaseChangesSchema } from '../../domain/caseApi';
import { defineEvents, defineMethods } from './define';

export const hubStatusSchema = z.object({
  state: z.enum(['unenrolled', 'online', 'offline']),
  lastContactAt: z.string().nullable(),
  /** The kiosk clock minus the hub's at the last heartbeat, ms (null before one); over 5 minutes is wrong. */
  clockSkewMs: z.number().int().nullable().optional(),
});
export type HubStatus = z.infer<typeof hubStatusSchema>;

/** Who this kiosk is to the hub, and what to seal applications to. Never the credential. */
export const kioskIdentitySchema = z.object({
  kioskId: z.string(),
  /** `DIVISIONCODE-NNN`; also the receipt-number prefix. */
  siteCode: z.string(),
  /** Raw X25519 public key of the hub, base64. */
  hpkePublicKey: base64Schema,
  /** Raw Ed25519 public key of the hub, base64: what signed catalogs are verified against (src/sync/catalogUpdate). */
  signingPublicKey: base64Schema,
  /**
   * The hub's public base URL (the receipt's QR opens `<publicUrl>/q/<receiptNo>`), from the enrolment and the
   * latest heartbeat answer; null when the hub never said (a hub older than the case life cycle).
   */
  publicUrl: z.string().nullable(),
});
export type KioskIdentity = z.infer<typeof kioskIdentitySchema>;

/**
 * The answer of `hub.catalog`: the hub's signed catalog exactly as served (NOT verified by the host: the
 * renderer verifies it with `signingPublicKey` before it parses it), or `notModified` when the ETag matched.
 */
export const hubCatalogAnswerSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('notModified') }),
  z.object({ status: z.literal('updated'), etag: z.string().max(200), signed: signedCatalogSchema }),
]);
export type HubCatalogAnswer = z.infer<typeof hubCatalogAnswerSchema>;


export const kioskApplicationStatusSchema = z.object({
  id: applicationIdSchema,
  /** `unknown`: the hub has no such application from this kiosk (not sent yet, or sent by another kiosk). */
  status: z.enum([...hubApplicationStatuses, 'unknown']),
  caseNo: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
export type KioskApplicationStatus = z.infer<typeof kioskApplicationStatusSchema>;

/**
 * What `detail` holds (as JSON) when `hub.sendBatch`, `hub.sendRatings` or `hub.applicationStatus` fails, so
 * the sync engine can tell "try again later" (network down, timeout, 5xx, 429, credential problem) from "this batch is wrong"
 * (400, 413), which it must isolate and, if it keeps failing, quarantine.
 */
export const hubFailureSchema = z.object({
  retryable: z.boolean(),
  /** The hub's HTTP status, absent when no answer arrived. */
  httpStatus: z.number().int().optional(),
  /** The hub's short reason code (`hubErrorSchema.error`) or the transport's (`timeout`, `connection`). */
  reason: z.string().max(200),
});
export type HubFailure = z.infer<typeof hubFailureSchema>;

export const encodeHubFailure = (failure: HubFailure): string => JSON.stringify(hubFailureSchema.parse(failure));

/** Reads a failure's detail; anything unreadable is treated as retryable (never quarantine on a guess). */
export function decodeHubFailure(detail: string | undefined): HubFailure {
  try {
    const parsed = hubFailureSchema.safeParse(JSON.parse(detail ?? ''));
    if (parsed.success) return parsed.data;
  } catch {
    // fall through
  }
  return { retryable: true, reason: 'unknown' };
}

export const hubMethods = defineMethods({
  'hub.status': { input: z.object({}).strict(), output: hubStatusSchema },
  /**
   * One sealed batch to `POST /v1/applications:batch`. Errors: `unavailable` when not enrolled; `transport` or
   * `timeout` when no answer arrived; `invalid_argument` when the hub refused the batch (400/413); `forbidden`
   * when the hub refused the credential. `detail` is a `HubFailure` as JSON in every case.
   */
  'hub.sendBatch': { input: batchRequestSchema, output: batchResponseSchema },
  /**
   * 好差评 ratings to `POST /v1/ratings:batch`; per-item answers like `hub.sendBatch` (no case numbers). Same
   * errors, with the same `HubFailure` `detail`.
   */
  'hub.sendRatings': { input: ratingBatchRequestSchema, output: ratingBatchResponseSchema },
  /**
   * `GET /v1/catalog` with `If-None-Match: etag` (the ETag of the catalog the kiosk has cached; null for none).
   * `unavailable` when not enrolled (there is no key to verify against yet); otherwise the errors of
   * `hub.sendBatch`. The payload may be several hundred kilobytes (the WebSocket bridge carries up to 1 MiB).
   */
  'hub.catalog': { input: z.object({ etag: z.string().max(200).nullable() }).strict(), output: hubCatalogAnswerSchema },
  /** `unavailable` when not enrolled. */
  'kiosk.identity': { input: z.object({}).strict(), output: kioskIdentitySchema },
  /** Current hub-side status of this kiosk's applications ("my applications"); same errors as `hub.sendBatch`. */
  'hub.applicationStatus': {
    input: z.object({ ids: z.array(applicationIdSchema).min(1).max(50) }).strict(),
    output: z.object({ statuses: z.array(kioskApplicationStatusSchema) }),
  },
  /**
   * `GET /v1/applications/changes?since=`: this kiosk's applications whose case status changed after the
   * cursor (the `next` of the previous answer, '0' at first). Same errors as `hub.sendBatch`.
   */
  'hub.caseChanges': {
    input: z.object({ since: cursorSchema, limit: z.number().int().min(1).max(500).optional() }).strict(),
    output: kioskCaseChangesSchema,
  },
  /** The outbox lives in the renderer; the sync engine tells the host its depth so heartbeats can carry it. */
  'hub.reportQueue': {
    input: z
      .object({
        queued: z.number().int().nonnegative(),
        quarantined: z.number().int().nonnegative(),
        lastSyncAt: z.iso.datetime({ offset: true }).nullable(),
      })
      .strict(),
    output: z.object({}),
  },
});

export const hubEvents = defineEvents({
  'hub.status': hubStatusSchema,
});
