// The options of the ID-card drivers (./drivers.ts): the host validates `devices.idcard.options` against them.
import { z } from 'zod';
import { supportedBauds } from './commands';

const baudSchema = z.union(supportedBauds.map((b) => z.literal(b)) as unknown as [z.ZodLiteral<number>, z.ZodLiteral<number>, ...z.ZodLiteral<number>[]]);

export const samSerialOptionsSchema = z
  .object({
    /** Start-to-start interval of card polls, ms (default 400; readers want at least 300). */
    pollIntervalMs: z.number().int().min(300).max(1000).default(400),
    /** Rates probed when the configured one gets no answer (default [9600]). */
    fallbackBauds: z.array(baudSchema).max(4).default([9600]),
    /** Read with 30 10 (text + photo + fingerprint) instead of 30 01 (default false). */
    readFingerprint: z.boolean().default(false),
    /** Ask 30 03 for an appended newer address after each read (default false). */
    readAdditionalAddress: z.boolean().default(false),
    /** Failed reads of one card before 'card.error' (default 3); reading goes on while the card is present. */
    errorAfterFailures: z.number().int().min(1).max(20).default(3),
    /** Pause before reading a present card again after a failure, ms (default 100). */
    retryDelayMs: z.number().int().min(0).max(2000).default(100),
  })
  .strict();
export type SamSerialOptions = z.output<typeof samSerialOptionsSchema>;

export const simOptionsSchema = samSerialOptionsSchema
  .extend({
    /** Scripted card JSON placed on the simulated reader at start (default: none, the reader is empty). */
    card: z.string().optional(),
    /** Simulator faults, e.g. "split,garbage" (default none); see devices/sim/idcardFaults.ts. */
    faults: z.string().default(''),
  })
  .strict();
export type SimOptions = z.output<typeof simOptionsSchema>;
