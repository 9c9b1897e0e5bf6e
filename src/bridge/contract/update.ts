// The update manager's part of the contract. `update.health`: the renderer's health report after a start (a call
// that arrives proves the renderer and the bridge are up; its fields say the database opened and the outbox was
// read; the host then marks a pending slot good, main/host/update/updateService.ts). The `update.usb*`,
// `update.install` and `update.restart` methods are the field-staff screen's (maintenance mode, role
// 'update'; main/host/update/fieldUpdateService.ts): every one answers `forbidden` without such a session.
import { z } from 'zod';
import { defineEvents, defineMethods } from './define';

const sourceSchema = z.enum(['A', 'B', 'factory']);

/** Why a bundle would not install or was refused: a code the screen says in plain words, with its parameters. */
export const updateRefusalSchema = z.object({
  kind: z.enum(['verification', 'policy', 'io']),
  code: z.enum(['untrusted', 'damaged', 'channel', 'minVersion', 'notNewer', 'runtime', 'pending', 'busy', 'io']),
  params: z.record(z.string(), z.string()),
  /** The installer's own line (English, technical), for the log and the release manager. */
  detail: z.string().max(1000),
});
export type UpdateRefusal = z.infer<typeof updateRefusalSchema>;

export const installedUpdateSchema = z.object({
  current: z.object({ slot: sourceSchema, version: z.string().nullable() }),
  previous: z.object({ slot: sourceSchema, version: z.string().nullable() }).nullable(),
  /** The current slot was installed and waits for its first good start. */
  pending: z.boolean(),
  lastResult: z.enum(['installed', 'good', 'rolledBack']).nullable(),
  /**
   * After an automatic rollback: the version that failed, why in the loader's words, and as a code for the
   * screen: `health` (never reported healthy in its starts) or `damaged` (its files or the state failed a check).
   */
  rolledBack: z.object({ version: z.string(), reason: z.string(), code: z.enum(['health', 'damaged']) }).nullable(),
});
export type InstalledUpdate = z.infer<typeof installedUpdateSchema>;

export const usbBundleSchema = z.object({
  /** The bundle's path on the stick: what `update.install` takes back. */
  file: z.string(),
  /** The file name, to show. */
  name: z.string(),
  size: z.number().int().nonnegative(),
  /** The verified manifest's facts, or null when the file failed verification. */
  manifest: z
    .object({ version: z.string(), channel: z.string(), notes: z.string(), created: z.string(), minVersion: z.string().nullable() })
    .nullable(),
  /** Null: verified and allowed by this kiosk's policy (it would install). */
  refusal: updateRefusalSchema.nullable(),
});
export type UsbBundleView = z.infer<typeof usbBundleSchema>;

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
  /** What is installed, and the bundles on plugged-in USB sticks (config update.usbRoots), each verified. */
  'update.usb': {
    input: z.object({}).strict(),
    output: z.object({ installed: installedUpdateSchema, bundles: z.array(usbBundleSchema) }),
  },
  /** Installs one of the bundles `update.usb` listed; 'update.progress' events while it runs. */
  'update.install': {
    input: z.object({ file: z.string().min(1).max(4096) }).strict(),
    output: z.discriminatedUnion('installed', [
      z.object({ installed: z.literal(true), version: z.string(), slot: z.enum(['A', 'B']) }),
      z.object({ installed: z.literal(false), refusal: updateRefusalSchema }),
    ]),
  },
  /**
   * The renderer tells whether someone is at the kiosk (any screen but the attract screen, or maintenance mode):
   * a hub release is installed by itself only in the quiet hours and never during a session (autoUpdateService).
   */
  'update.residentSession': { input: z.object({ active: z.boolean() }).strict(), output: z.object({}) },
  /** Restarts the kiosk so the loader starts the installed slot (the host exits; the watchdog starts it). */
  'update.restart': { input: z.object({}).strict(), output: z.object({}) },
});

export const updateEvents = defineEvents({
  /** An install's progress: the phase, payload bytes written so far of the total, and an estimate of the time left. */
  'update.progress': z.object({
    phase: z.enum(['verifying', 'writing', 'checking', 'switching']),
    bytesDone: z.number().int().nonnegative(),
    bytesTotal: z.number().int().nonnegative(),
    /** Milliseconds left at the rate so far; null until there is a rate to go by. */
    msLeft: z.number().int().nonnegative().nullable(),
  }),
});
