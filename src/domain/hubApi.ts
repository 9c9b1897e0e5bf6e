// The wire format between kiosk and regional hub, API v1. The kiosk's sync engine and the hub both parse
// with these schemas, so the two can never disagree about what a batch or an answer is.
import { z } from 'zod';

export const divisionCodeSchema = z.string().regex(/^\d{6}$/, 'expected a 6-digit division code');
export const applicationIdSchema = z.uuid(); // UUIDv7 in practice: time-ordered, and the idempotency key
export const base64Schema = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'expected base64');

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
});
export type EnrolResponse = z.infer<typeof enrolResponseSchema>;

/** Every failure from the hub has this body, with a 4xx/5xx status. */
export const hubErrorSchema = z.object({ error: z.string(), reason: z.string() });
