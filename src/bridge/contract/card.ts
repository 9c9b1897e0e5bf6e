// ID-card reader: the host polls the reader and pushes what happens; the renderer never drives the serial line.
import { z } from 'zod';
import { identityCardSchema } from '../../domain/card';
import { defineEvents, defineMethods } from './define';

export const readerStatusSchema = z.object({
  state: z.enum(['unconfigured', 'connecting', 'ready', 'disconnected', 'error']),
  /** A plain reason for the technician screen, never personal data. */
  detail: z.string().optional(),
});
export type ReaderStatus = z.infer<typeof readerStatusSchema>;

export const cardMethods = defineMethods({
  'card.status': { input: z.object({}).strict(), output: readerStatusSchema },
});

export const cardEvents = defineEvents({
  'reader.status': readerStatusSchema,
  'card.inserted': z.object({}),
  'card.read': identityCardSchema,
  /** A card was present but could not be read reliably; `reason` is a plain code for the resident screen. */
  'card.error': z.object({ reason: z.enum(['unreadable', 'protocol', 'timeout']) }),
  'card.removed': z.object({}),
});
