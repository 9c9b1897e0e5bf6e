// Maintenance mode's device and kiosk actions (issue 11 §4, ADR 0015): detect what answers on the serial ports,
// apply one found device live (the driver restarts; rolled back when its test fails), restart the kiosk or
// leave it for the desktop. Each method answers `err('forbidden')` unless the open session's role may do it
// (`roleActions` in ./maintenance): the host decides, the screen only hides what it cannot use.
import { z } from 'zod';
import { defineMethods } from './define';

export const detectResultSchema = z.object({
  port: z.string(),
  kind: z.string().nullable(),
  driver: z.string().nullable(),
  baud: z.number().int().positive().nullable(),
  detail: z.string(),
});

export const deviceAssignmentSchema = z.object({
  kind: z.string().regex(/^[a-z][a-z0-9-]*$/),
  driver: z.string().min(1).max(64),
  port: z.string().min(1).max(256),
  baud: z.number().int().positive(),
});
export type DeviceAssignment = z.infer<typeof deviceAssignmentSchema>;

export const maintenanceDeviceMethods = defineMethods({
  /** Probes the candidate ports (ports the kiosk holds are reported in use) and proposes one port per kind found once. */
  'maintenance.detect': {
    input: z.object({}).strict(),
    output: z.object({ results: z.array(detectResultSchema), proposal: z.array(deviceAssignmentSchema) }),
  },
  /**
   * Runs the kind on the given port now and tests it; `applied` (written to config.json, previous version kept)
   * or `rolledBack` (the device did not become ready; the previous device runs again, nothing written).
   */
  'maintenance.applyDevice': {
    input: deviceAssignmentSchema.strict(),
    output: z.object({ outcome: z.enum(['applied', 'rolledBack']), state: z.string(), detail: z.string().optional() }),
  },
  /**
   * Waits (up to `timeoutMs`) for the next card on the reader and answers what was read, masked (张*, 4201********1234):
   * proof the reader, the SAM and the card path work without showing anyone's data.
   */
  'maintenance.testRead': {
    input: z.object({ timeoutMs: z.number().int().min(1000).max(60_000).default(20_000) }).strict(),
    output: z.object({
      outcome: z.enum(['read', 'error', 'timeout']),
      name: z.string().optional(),
      idNumber: z.string().optional(),
      idNumberValid: z.boolean().optional(),
      detail: z.string().optional(),
    }),
  },
  /**
   * Copies the kiosk's logs, redacted again line by line, into a new folder on a USB stick (the first mounted
   * removable medium under /media, /run/media or /mnt; KIOSK_USB_ROOTS replaces those): `zhengwu-kiosk-logs-<time>/`. Answers the folder and the number of lines.
   */
  'maintenance.exportLogs': {
    input: z.object({}).strict(),
    output: z.object({ folder: z.string(), files: z.number().int().nonnegative(), lines: z.number().int().nonnegative() }),
  },
  /**
   * Enrols the kiosk with the hub at `hubUrl` using the one-time code typed on screen (the fingerprint given with
   * it, when typed, is checked); on success the hub URL is written to config.json and the running hub link
   * connects to it at once.
   */
  'maintenance.enrol': {
    input: z.object({ hubUrl: z.string().min(1).max(512), code: z.string().min(4).max(64), fingerprint: z.string().max(128).optional() }).strict(),
    /** `hub`: whether the hub answered the heartbeat sent right after (the link keeps trying when it did not). */
    output: z.object({ kioskId: z.string(), siteCode: z.string(), hub: z.enum(['online', 'offline']) }),
  },
  /** Restarts the kiosk (technician, field staff) or closes it to the desktop (technician only). */
  'maintenance.leaveKiosk': {
    input: z.object({ to: z.enum(['restart', 'desktop']) }).strict(),
    output: z.object({}),
  },
});
