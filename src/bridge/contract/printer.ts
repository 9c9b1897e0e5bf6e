// Receipt printer: the renderer asks for status and prints printer-level documents (src/domain/receipt);
// the host pushes status changes. The host encodes for its configured profile, so the renderer never knows
// the paper width or the printer model.
import { z } from 'zod';
import { receiptDocumentSchema } from '../../domain/receipt';
import { defineEvents, defineMethods } from './define';

export const printerStates = ['unconfigured', 'ready', 'paperNearEnd', 'paperOut', 'coverOpen', 'offline', 'cutterError', 'noResponse'] as const;
export type PrinterStateName = (typeof printerStates)[number];

export const printerStatusSchema = z.object({
  state: z.enum(printerStates),
  /** A plain reason for the technician screen (Chinese wording of the state), never personal data. */
  detail: z.string().optional(),
});
export type PrinterStatus = z.infer<typeof printerStatusSchema>;

export const printJobOutcomes = ['printed', 'incomplete', 'unknown'] as const;

export const printerPrintInputSchema = z
  .object({
    document: receiptDocumentSchema,
    /** A second copy of a receipt: the host adds the 重打 mark at the top (default false). */
    reprint: z.boolean().default(false),
    /** The caller's id for this job (e.g. the application id), for logs; default a new UUID. */
    jobId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).optional(),
  })
  .strict();

/**
 * The answer once bytes were sent. `printed`: acknowledged by the printer after the cut. `incomplete`: the
 * printer reported a problem (paper out, cover open) before acknowledging — part of the receipt may be out.
 * `unknown`: no acknowledgement and no report. The host never retries either of the last two: offer the
 * resident a reprint (marked 重打) once `state` is ready again.
 * When the printer is not ready *before* the job, nothing is sent and the method answers
 * `err('device', wording, state)`; not configured: `err('unavailable', …, 'unconfigured')`.
 */
export const printerPrintOutputSchema = z.object({
  jobId: z.string(),
  outcome: z.enum(printJobOutcomes),
  /** The printer's state after the job. */
  state: z.enum(printerStates),
  /** Characters the printer could not print, shown as □ (count only). */
  replacedCharacters: z.number().int().nonnegative(),
});
export type PrinterPrintOutput = z.infer<typeof printerPrintOutputSchema>;

export const printerMethods = defineMethods({
  'printer.status': { input: z.object({}).strict(), output: printerStatusSchema },
  'printer.print': { input: printerPrintInputSchema, output: printerPrintOutputSchema },
  /**
   * Drops the rest of an interrupted receipt the printer may hold (DLE ENQ 2, real-time: never prints), whatever
   * this start knows (a restarted kiosk has forgotten). For the maintenance screen and `kioskctl printer clear`.
   */
  'printer.clear': { input: z.object({}).strict(), output: z.object({ cleared: z.boolean(), state: z.enum(printerStates) }) },
});

export const printerEvents = defineEvents({
  'printer.status': printerStatusSchema,
});
