// Receipt printer. Placeholder until the printer issue lands: status only.
import { z } from 'zod';
import { defineEvents, defineMethods } from './define';

export const printerStates = ['unconfigured', 'ready', 'paperNearEnd', 'paperOut', 'coverOpen', 'offline', 'cutterError', 'noResponse'] as const;
export const printerStatusSchema = z.object({
  state: z.enum(printerStates),
  detail: z.string().optional(),
});
export type PrinterStatus = z.infer<typeof printerStatusSchema>;

export const printerMethods = defineMethods({
  'printer.status': { input: z.object({}).strict(), output: printerStatusSchema },
});

export const printerEvents = defineEvents({
  'printer.status': printerStatusSchema,
});
