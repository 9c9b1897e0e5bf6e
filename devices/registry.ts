// The device registry's shapes (DESIGN.md §5). Each kind of device is a folder `devices/<kind>/` whose
// `drivers.ts` exports one `DeviceKind`: its drivers (id, options schema, `create()`), the stand-in service
// used while it is not configured, and how auto-detect recognises it. The host knows no kind by name: its one
// device service (main/host/devices/) looks the configured driver up here, validates the options against the
// driver's schema and runs what `create()` returns. A driver's service owns its bridge methods and events, so
// a new kind is a new folder, one contract file (src/bridge/contract/<kind>.ts) and one renderer adapter.
import type { z } from 'zod';
import type { Handlers } from '../src/bridge/contract';
import type { EventHub } from '../src/bridge/dispatcher';
import type { DeviceLogger } from './deviceError';
import type { DeviceProbe } from './probe';

/** What the maintenance health panel shows for one device: never personal data. */
export interface DeviceHealth {
  /** The kind's own state name (`ready`, `paperOut`, `disconnected`, `unconfigured`, …). */
  state: string;
  /** A plain reason in Chinese for the technician. */
  detail?: string;
  /** Kind-specific facts (SAM id, last read time, error counts, last job result). */
  facts: Record<string, string | number | boolean | null>;
}

/** A running device: the bridge methods it answers, its lifetime, and its health. Never throws out of events. */
export interface DeviceService {
  readonly name: string;
  readonly handlers: Handlers;
  start(events: EventHub): Promise<void> | void;
  stop(): Promise<void> | void;
  health(): DeviceHealth;
}

export interface DriverContext<Options> {
  /** Serial port path (config `devices.<kind>.port`); present whenever the driver `needsPort`. */
  port?: string;
  /** Line rate (config `devices.<kind>.baud`; default: the driver's). */
  baud?: number;
  /** The options, already parsed by the driver's schema (defaults filled in). */
  options: Options;
  log: DeviceLogger;
}

export interface DeviceDriver<Options = unknown> {
  /** `<kind>/<name>`, e.g. `idcard/sam-serial`; what `devices.<kind>.driver` names. */
  readonly id: string;
  readonly description: string;
  readonly optionsSchema: z.ZodType<Options>;
  /** The driver talks to a serial port that the configuration must name. */
  readonly needsPort: boolean;
  create(context: DriverContext<Options>): DeviceService;
}

export interface DeviceKind {
  /** The key under `config.devices` and the folder name under `devices/`. */
  readonly kind: string;
  /** What the technician screen calls it. */
  readonly label: string;
  readonly drivers: readonly DeviceDriver<never>[];
  /** The service while no usable driver is configured: answers its methods with `unconfigured`. */
  unconfigured(detail: string): DeviceService;
  /** How auto-detect recognises this kind on a serial port (none: never detected). */
  readonly probe?: DeviceProbe;
}

/** Checks a driver's shape while keeping its options type (the registry stores drivers with options erased). */
export const defineDriver = <Options>(driver: DeviceDriver<Options>): DeviceDriver<never> => driver as unknown as DeviceDriver<never>;
