// Maintenance mode (issue 11, ADR 0008): a technician or field staff opens it with a hidden gesture and a PIN.
// The host checks the PIN (scrypt hashes in its config), counts failures where a page reload cannot reset
// them, keeps the one open maintenance session (closed by exit or after 2 minutes without a call) and writes
// every entry, failure and action to the audit log. Every other maintenance method answers
// `err('forbidden')` unless a session is open for a role allowed that action.
import { z } from 'zod';
import { defineEvents, defineMethods } from './define';

export const maintenanceRoles = ['technician', 'fieldStaff'] as const;
export type MaintenanceRole = (typeof maintenanceRoles)[number];

export const maintenanceActions = ['health', 'testRead', 'testPrint', 'detect', 'applyDevices', 'sync', 'requeue', 'update', 'restart', 'exitDesktop', 'exportLogs', 'enrol'] as const;
export type MaintenanceAction = (typeof maintenanceActions)[number];

/** What each role may do. Field staff install updates (issue 12) and check the kiosk; devices are the technician's. */
export const roleActions: Record<MaintenanceRole, readonly MaintenanceAction[]> = {
  technician: ['health', 'testRead', 'testPrint', 'detect', 'applyDevices', 'sync', 'requeue', 'update', 'restart', 'exitDesktop', 'exportLogs', 'enrol'],
  // Field staff may restart the kiosk; leaving it for the desktop is the technician's (issue 11 §4).
  fieldStaff: ['health', 'testPrint', 'sync', 'update', 'restart'],
};

export const isActionAllowed = (role: MaintenanceRole, action: MaintenanceAction): boolean => roleActions[role].includes(action);

/** A PIN as typed on the number pad: 6 to 12 digits. */
export const pinSchema = z.string().regex(/^\d{6,12}$/, '6 to 12 digits');

export const maintenanceStateSchema = z.object({
  /** Which roles have a PIN set; none → the mode is closed (the screen says how to set one). */
  configured: z.object({ technician: z.boolean(), fieldStaff: z.boolean() }),
  /** The open session's role, or null. */
  role: z.enum(maintenanceRoles).nullable(),
  /** Wrong PINs counted since the last success or lockout. */
  failures: z.number().int().nonnegative(),
  /** Milliseconds until the next PIN may be tried (delay after 3 failures, lockout after 5); 0 = now. */
  retryAfterMs: z.number().int().nonnegative(),
  locked: z.boolean(),
});
export type MaintenanceState = z.infer<typeof maintenanceStateSchema>;

export const enterOutcomes = ['opened', 'wrongPin', 'wait', 'locked', 'notConfigured'] as const;

export const deviceHealthSchema = z.object({
  kind: z.string(),
  label: z.string(),
  driver: z.string(),
  state: z.string(),
  detail: z.string().optional(),
  facts: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
export type DeviceHealthView = z.infer<typeof deviceHealthSchema>;

export const maintenanceHealthSchema = z.object({
  version: z.string(),
  devices: z.array(deviceHealthSchema),
  /** Host clock, ISO 8601, for the renderer to show the skew against the hub's (hub.status). */
  hostTime: z.string(),
  /** Bytes free on the data directory's file system (null where the OS cannot say). */
  diskFreeBytes: z.number().nonnegative().nullable(),
});
export type MaintenanceHealth = z.infer<typeof maintenanceHealthSchema>;

export const maintenanceMethods = defineMethods({
  'maintenance.state': { input: z.object({}).strict(), output: maintenanceStateSchema },
  'maintenance.enter': {
    input: z.object({ pin: pinSchema }).strict(),
    output: z.object({ outcome: z.enum(enterOutcomes), state: maintenanceStateSchema }),
  },
  'maintenance.exit': { input: z.object({}).strict(), output: maintenanceStateSchema },
  'maintenance.health': { input: z.object({}).strict(), output: maintenanceHealthSchema },
  /** Prints the test page (no personal data) and answers like 'printer.print'. */
  'maintenance.testPrint': {
    input: z.object({}).strict(),
    output: z.object({ outcome: z.enum(['printed', 'incomplete', 'unknown']), state: z.string() }),
  },
  /** Drops the rest of an interrupted receipt held by the printer (answers like 'printer.clear'). */
  'maintenance.printerClear': {
    input: z.object({}).strict(),
    output: z.object({ cleared: z.boolean(), state: z.string() }),
  },
  /** Records an action the renderer performed itself (force sync, requeue) in the audit log, if allowed. */
  'maintenance.record': {
    input: z.object({ action: z.enum(maintenanceActions), detail: z.string().max(200) }).strict(),
    output: z.object({}),
  },
});

export const maintenanceEvents = defineEvents({
  /** The session closed: `exit` by the user, `idle` after 2 minutes without a maintenance call. */
  'maintenance.closed': z.object({ reason: z.enum(['exit', 'idle']) }),
});
