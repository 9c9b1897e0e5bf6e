// The update manager's part of the contract: the renderer's health report after a start. A call that arrives
// proves the renderer and the bridge are up; its fields say the database opened and the outbox was read.
// The host then marks a pending slot good (main/host/update/updateService.ts).
import { z } from 'zod';
import { defineEvents, defineMethods } from './define';

export const updateMethods = defineMethods({
  'update.health': {
    input: z.object({
      /** IndexedDB opened at the current schema version. */
      database: z.literal(true),
      /** Rows the outbox holds (any status): reading them proves the queue survived the start. */
      outboxRows: z.number().int().nonnegative(),
    }).strict(),
    output: z.object({
      source: z.enum(['A', 'B', 'factory']),
      version: z.string().nullable(),
      /** True when this report turned a pending slot into the good one. */
      markedGood: z.boolean(),
    }),
  },
});

export const updateEvents = defineEvents({});
