// The kiosk application itself: who the host is, and the settings the renderer needs at start-up.
import { z } from 'zod';
import { defineEvents, defineMethods } from './define';

export const kioskSettingsSchema = z.object({
  /** Seconds without a touch before the countdown starts (default 90; DESIGN.md §7). */
  idleTimeoutSeconds: z.number().int().positive(),
  /** Seconds the visible countdown lasts before the session is wiped (default 20). */
  idleCountdownSeconds: z.number().int().positive(),
  locale: z.enum(['zh-CN', 'zh-TW', 'en']),
  /** Where a resident gets a copy of a receipt that could not be printed (shown on screen). */
  serviceDesk: z.string().max(100),
  /**
   * Days the kiosk keeps the sealed payload of an application after the hub accepted it (default 30); then
   * only the receipt number, case number and status stay, for "my applications" (ADR 0006).
   */
  acceptedRetentionDays: z.number().int().min(1).max(3650).default(30),
  /** When staff are at this cabin, in words (e.g. 工作日 9:00–17:00), shown in the 帮助 panel; absent: not known. */
  staffedHours: z.string().max(80).optional(),
});
export type KioskSettings = z.infer<typeof kioskSettingsSchema>;

/**
 * What the Chromium host found in its browser profile at start (ADR 0005): IndexedDB of older loopback
 * origins (ports) that the kiosk page cannot read, e.g. the outbox of an install that moved port at every start.
 */
export const storageHealthSchema = z.object({
  orphanedOrigins: z.array(z.object({ port: z.number().int().min(1).max(65535), bytes: z.number().int().nonnegative() })),
  /**
   * Browser stores that would not open at a start (a power cut) and were moved aside, kept under the data
   * directory until a technician removes them (main/host/storeRescue.ts). Absent: none.
   */
  damagedStores: z
    .array(z.object({ store: z.string(), problem: z.string(), keptAt: z.string(), movedAt: z.string(), bytes: z.number().int().nonnegative() }))
    .optional(),
});
export type StorageHealth = z.infer<typeof storageHealthSchema>;

/**
 * config.json could not be used at start (issue 11 §4): the host runs on the last good config or safe defaults
 * and the renderer shows 暂停服务 with this reason for the technician. `detail` names the file and the fields.
 */
export const configProblemSchema = z.object({
  code: z.enum(['unreadable', 'invalid', 'version']),
  fallback: z.enum(['previous', 'defaults']),
  detail: z.string().max(500),
});
export type ConfigProblem = z.infer<typeof configProblemSchema>;

export const appMethods = defineMethods({
  'app.info': {
    input: z.object({}).strict(),
    output: z.object({
      version: z.string(),
      host: z.enum(['electron', 'browser']),
      /** Changes at every host start; with the event sequence number it tells a renderer what it missed. */
      bootId: z.string(),
      lastEventSeq: z.number().int().nonnegative(),
      settings: kioskSettingsSchema,
      /** Chromium host only: storage left behind by older origins (absent: not checked, e.g. Electron). */
      storage: storageHealthSchema.optional(),
      /** config.json was damaged at start: the kiosk is out of service until a technician fixes it. */
      configProblem: configProblemSchema.optional(),
    }),
  },
  'app.log': {
    input: z.object({
      level: z.enum(['debug', 'info', 'warn', 'error']),
      scope: z.string().max(64),
      message: z.string().max(2000),
    }).strict(),
    output: z.object({}),
  },
  /**
   * Something a staffed office should hear about from a visit (issue 16 §2, §4): the resident asked for staff in
   * the 帮助 panel, or walked away leaving the ID card on the reader. Raised as a kiosk event for the hub (sent at
   * once when the hub is reachable, else with the next heartbeat). `raised` is false when the same kind was
   * raised moments ago: a resident tapping 呼叫 again is not a second call.
   */
  'app.visitEvent': {
    input: z.object({ kind: z.enum(['kiosk.callStaff', 'card.leftBehind']) }).strict(),
    output: z.object({ raised: z.boolean() }),
  },
});

export const appEvents = defineEvents({
  /** Sent when the technician changes settings or the host is about to restart. */
  'app.settings': kioskSettingsSchema,
});
