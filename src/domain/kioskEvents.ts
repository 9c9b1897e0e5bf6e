// Kiosk events (issue 11 §5): things an operator at the hub should hear about without waiting for a resident to
// complain. The host raises them (main/host/kioskEvents.ts), keeps them on disk and sends them with the next
// heartbeat; the hub stores and lists them (GET /v1/kiosks, `kioskctl hub kiosks`). Every kind is named here,
// in one list: a new kind (crash loop, card left behind, call staff, damaged store) is one line below.
// Events carry no personal data: a kind, a time, and a short detail written by code.
import { z } from 'zod';

export const kioskEventKinds = [
  /** The printer reports its paper roll nearly used up. */
  'printer.paperNearEnd',
  'printer.paperOut',
  'printer.coverOpen',
  /** A device stopped answering on its port (printer no response, reader disconnected or in error). */
  'device.notAnswering',
  /** A device that raised one of the events above is ready again. */
  'device.recovered',
  /** A maintenance audit entry: entry, wrong PIN, lockout, action, exit (main/host/maintenance/audit.ts). */
  'maintenance.audit',
  /** config.json was damaged at start; the kiosk runs on a fallback and shows 暂停服务 (configStore.ts). */
  'config.damaged',
  // Raised by other parts of the kiosk as they arrive:
  'host.crashLoop',
  'card.leftBehind',
  'kiosk.callStaff',
  'store.damaged',
] as const;
export type KioskEventKind = (typeof kioskEventKinds)[number];

/**
 * On the wire the kind is any dotted name, not only the list above: a hub older than a kiosk must still take
 * its heartbeat (and list the new kind) rather than refuse it and lose the device health with it.
 */
export const kioskEventWireSchema = z.object({
  /** Unique per kiosk (the kiosk's own id for the event): a heartbeat sent twice stores it once. */
  id: z.string().min(1).max(64),
  kind: z.string().regex(/^[a-z][A-Za-z0-9]*(\.[a-z][A-Za-z0-9]*)*$/).max(48),
  at: z.iso.datetime({ offset: true }),
  detail: z.string().max(200).optional(),
});
export type KioskEvent = z.infer<typeof kioskEventWireSchema>;

/** How many events one heartbeat carries at most; the rest wait for the next one. */
export const maxEventsPerHeartbeat = 100;

/** The event a device's new state calls for, by kind and state (devices' own state names); null: none. */
export function deviceStateEvent(kind: string, state: string): KioskEventKind | null {
  if (kind === 'printer') {
    if (state === 'paperNearEnd') return 'printer.paperNearEnd';
    if (state === 'paperOut') return 'printer.paperOut';
    if (state === 'coverOpen') return 'printer.coverOpen';
    if (state === 'noResponse' || state === 'offline') return 'device.notAnswering';
    return null;
  }
  if (state === 'disconnected' || state === 'error' || state === 'noResponse' || state === 'offline') return 'device.notAnswering';
  return null;
}

/** How a device's state reads in the heartbeat's device list (hubApi deviceHealthSchema). */
export function heartbeatDeviceStatus(state: string): 'ok' | 'degraded' | 'offline' | 'unknown' {
  if (state === 'ready') return 'ok';
  if (state === 'unconfigured' || state === 'connecting') return 'unknown';
  if (state === 'disconnected' || state === 'error' || state === 'noResponse' || state === 'offline') return 'offline';
  return 'degraded';
}
