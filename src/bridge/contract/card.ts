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

/** The reader's status plus whether a card lies on it now (absent: the driver does not know). */
export const cardStatusSchema = readerStatusSchema.extend({ cardPresent: z.boolean().optional() });

export const cardMethods = defineMethods({
  'card.status': { input: z.object({}).strict(), output: cardStatusSchema },
  /**
   * Read the card on the reader again (a card left lying there since an earlier read is otherwise never read:
   * the reader session reads once per placing). `present: false` when there is no card to read.
   */
  'card.readAgain': { input: z.object({}).strict(), output: z.object({ present: z.boolean() }) },
});

export const cardEvents = defineEvents({
  'reader.status': readerStatusSchema,
  'card.inserted': z.object({}),
  'card.read': identityCardSchema,
  /** A card was present but could not be read reliably; `reason` is a plain code for the resident screen. */
  'card.error': z.object({ reason: z.enum(['unreadable', 'protocol', 'timeout']) }),
  'card.removed': z.object({}),
});
