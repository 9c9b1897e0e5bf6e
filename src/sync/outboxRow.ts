// One outbox row as the sync engine sees it (DESIGN.md §4). The schema lives here, not in src/db, because the
// engine must parse what it reads without importing the database; src/db stores exactly this shape.
//
// Nothing in a row is personal in clear: the resident's name, ID number, phone, address and form answers are
// inside `sealed` (HPKE to the hub's key), and `lookupKey` is a keyed hash, not the ID number.
import { z } from 'zod';
import { outboundApplicationSchema } from '../domain/hubApi';

export const outboxStatuses = [
  'queued', // waiting for its turn (`nextAttemptAt`)
  'sending', // claimed by a sync pass; returns to `queued` when `leaseUntil` passes without an answer
  'accepted', // the hub answered `accepted` or `duplicate`, with a case number
  'rejected', // reserved for a technician's final decision on a quarantined row; the engine never sets it
  'quarantined', // the hub refused it, or it failed K times for one non-network reason, or it is unreadable
] as const;
export type OutboxStatus = (typeof outboxStatuses)[number];

/** What the hub receives (id, receipt number, service, handling city, time, sealed part) plus bookkeeping. */
export const outboxRowSchema = outboundApplicationSchema.extend({
  status: z.enum(outboxStatuses),
  /** Sends started (counted when the row is claimed, before the request goes out: the pessimistic rule). */
  attempts: z.number().int().nonnegative(),
  /** Epoch ms; the row is not claimed before this. */
  nextAttemptAt: z.number(),
  /** Short code and reason of the last failure, never personal data. */
  lastError: z.string().nullable(),
  /** HMAC-SHA256 of the normalised ID number under the kiosk-local secret, hex. */
  lookupKey: z.string().regex(/^[0-9a-f]{64}$/),
  /** The hub's case number once accepted. */
  caseNo: z.string().nullable(),
  /** Epoch ms until which a `sending` row belongs to the pass that claimed it. */
  leaseUntil: z.number().nullable(),
  /** Consecutive failures for the same non-network reason (`strikeReason`); K of them quarantine the row. */
  strikes: z.number().int().nonnegative(),
  strikeReason: z.string().nullable(),
  /** Epoch ms when the hub accepted it (absent on rows accepted before ADR 0006: stamped by the first purge). */
  acceptedAt: z.number().nullable().optional(),
});
export type OutboxRow = z.infer<typeof outboxRowSchema>;

/**
 * An accepted row past the retention (ADR 0006, `settings.acceptedRetentionDays`): the sealed payload is gone
 * for good, and what "my applications" shows (receipt number, case number, status, service, time) stays.
 */
export const purgedRowSchema = outboxRowSchema.extend({ status: z.literal('accepted'), sealed: z.null(), purgedAt: z.number() });
/** Any row the outbox may hold: sendable, or accepted and purged. */
export const storedRowSchema = z.union([outboxRowSchema, purgedRowSchema]);

/** What a submission hands to the store; the store adds the receipt number and the bookkeeping fields. */
export const outboxDraftSchema = outboxRowSchema.pick({
  id: true,
  serviceId: true,
  handlingCity: true,
  createdAt: true,
  sealed: true,
  lookupKey: true,
});
export type OutboxDraft = z.infer<typeof outboxDraftSchema>;

/** Describes why a row failed validation, by path and issue code only: values may be personal. */
export const describeRowIssues = (error: z.ZodError): string =>
  error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.map(String).join('.') || '(row)'}: ${issue.code}`)
    .join('; ');
