// The one contract between renderer and host (DESIGN.md §2): every method and event with its zod schemas.
// Both adapters (Electron IPC, Chromium-host WebSocket) carry exactly this, and validate on both ends.
// Payloads are JSON values only (bytes travel as base64), so the two transports behave the same.
import { z } from 'zod';
import { appEvents, appMethods } from './contract/app';
import { cardEvents, cardMethods } from './contract/card';
import { hubEvents, hubMethods } from './contract/hub';
import { lookupMethods } from './contract/lookup';
import { maintenanceEvents, maintenanceMethods } from './contract/maintenance';
import { maintenanceDeviceMethods } from './contract/maintenanceDevices';
import { printerEvents, printerMethods } from './contract/printer';
import { updateEvents, updateMethods } from './contract/update';
import type { Result } from './result';

export const methods = { ...appMethods, ...cardMethods, ...printerMethods, ...hubMethods, ...lookupMethods, ...maintenanceMethods, ...updateMethods, ...maintenanceDeviceMethods };
export const events = { ...appEvents, ...cardEvents, ...printerEvents, ...hubEvents, ...maintenanceEvents, ...updateEvents };

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export type Handler<M extends MethodName> = (input: z.output<Methods[M]['input']>) => Promise<Result<MethodOutput<M>>> | Result<MethodOutput<M>>;
/** Services provide the handlers they own; a method with no handler answers `unavailable`. */
export type Handlers = { [M in MethodName]?: Handler<M> };

export const isMethodName = (name: unknown): name is MethodName => typeof name === 'string' && Object.hasOwn(methods, name);
export const isEventName = (name: unknown): name is EventName => typeof name === 'string' && Object.hasOwn(events, name);

export interface EventEnvelope<E extends EventName = EventName> {
  /** Rises by one per event within a boot; a gap tells a renderer it missed something. */
  seq: number;
  name: E;
  payload: EventPayload<E>;
}

export const eventEnvelopeSchema = z.object({
  seq: z.number().int().positive(),
  name: z.string(),
  payload: z.unknown(),
});

/** Channel names shared by the Electron preload and main process. */
export const ipcChannels = { invoke: 'kiosk:invoke', event: 'kiosk:event' } as const;
