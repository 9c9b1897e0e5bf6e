// The wire format of the case life cycle (issue 13), API v1: status changes by the handling city, the public
// status of a receipt, and the changes a kiosk fetches for its own applications. Shared by hub and kiosk.
import { z } from 'zod';
import { caseStatuses, maxCaseNoteLength, noteRequired, type CaseStatus } from './caseStatus';
import { applicationIdSchema, divisionCodeSchema } from './hubApi';

/** POST /v1/cities/:city/applications/:id/events (a city operator). */
export const caseEventRequestSchema = z.object({
  status: z.enum(caseStatuses),
  note: z.string().max(maxCaseNoteLength, `a note is at most ${maxCaseNoteLength} characters`).default(''),
});
export type CaseEventRequest = z.input<typeof caseEventRequestSchema>;

/** A status change as an operator asked for it: the note trimmed, and present where the resident needs one. */
export function parseCaseEvent(raw: unknown): { ok: true; status: CaseStatus; note: string } | { ok: false; reason: string } {
  const body = caseEventRequestSchema.safeParse(raw);
  if (!body.success) return { ok: false, reason: body.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ') };
  const note = body.data.note.trim();
  if (noteRequired.has(body.data.status) && note === '') return { ok: false, reason: `note: ${body.data.status} needs a note that tells the resident what to do` };
  return { ok: true, status: body.data.status, note };
}

/** One status change as kept forever in the hub's case_events. */
export const caseEventSchema = z.object({
  status: z.enum(caseStatuses),
  from: z.enum(caseStatuses),
  at: z.iso.datetime({ offset: true }),
  city: divisionCodeSchema,
  operator: z.string(),
  note: z.string(),
});
export type CaseEvent = z.infer<typeof caseEventSchema>;

const localeText = z.object({ 'zh-CN': z.string(), 'zh-TW': z.string(), en: z.string() });

/**
 * GET /v1/status/:receiptNo (public). Nothing personal by construction: these are the only fields, none comes
 * from the sealed part. `service` names are null when the hub's catalogue does not know the service.
 */
export const publicCaseStatusSchema = z.object({
  receiptNo: z.string(),
  service: z.object({ 'zh-CN': z.string().nullable(), en: z.string().nullable() }),
  status: z.enum(caseStatuses),
  statusLabel: localeText,
  updatedAt: z.iso.datetime({ offset: true }),
  handlingCity: divisionCodeSchema,
  note: z.string(),
});
export type PublicCaseStatus = z.infer<typeof publicCaseStatusSchema>;

/** GET /v1/applications/changes?since=CURSOR: this kiosk's applications whose status changed after the cursor. */
export const kioskCaseChangeSchema = z.object({
  id: applicationIdSchema,
  receiptNo: z.string(),
  caseNo: z.string(),
  status: z.enum(caseStatuses),
  note: z.string(),
  updatedAt: z.iso.datetime({ offset: true }),
  deadline: z.string().nullable(),
});
export type KioskCaseChange = z.infer<typeof kioskCaseChangeSchema>;

export const kioskCaseChangesSchema = z.object({
  items: z.array(kioskCaseChangeSchema),
  /** Pass as `since` next time; equal to the request's when nothing changed. */
  next: z.string(),
});
export type KioskCaseChanges = z.infer<typeof kioskCaseChangesSchema>;

/** The `next`-style cursor every list answers with: an event or arrival sequence number. */
export const cursorSchema = z.string().regex(/^\d{1,18}$/, 'expected the `next` cursor of an earlier answer');
