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
});
export type StorageHealth = z.infer<typeof storageHealthSchema>;

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
});

export const appEvents = defineEvents({
  /** Sent when the technician changes settings or the host is about to restart. */
  'app.settings': kioskSettingsSchema,
});
