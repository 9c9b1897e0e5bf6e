// The host's one device service (DESIGN.md §5): for every kind in the registry (devices/kinds.ts) it reads
// `config.devices.<kind>`, looks the driver up, validates its options with the driver's schema and runs the
// service the driver creates. A device that is not configured, or configured wrongly, runs the kind's
// `unconfigured` stand-in with a reason for the technician, and the reason is logged: the kiosk still starts.
import type { Handlers } from '../../../src/bridge/contract';
import type { EventHub } from '../../../src/bridge/dispatcher';
import { deviceKinds, findDriver } from '../../../devices/kinds';
import type { DeviceHealth, DeviceKind, DeviceService } from '../../../devices/registry';
import type { DeviceConfig, KioskConfig } from '../config';
import type { HostService } from '../host';
import type { Logger } from '../log';

/** The service one kind gets for its configuration entry (absent: not installed). */
export function deviceServiceFor(kind: DeviceKind, device: DeviceConfig | undefined, log: Logger): DeviceService {
  if (!device || device.driver === 'none') return kind.unconfigured(`未配置${kind.label}`);
  const driver = findDriver(kind, device.driver);
  if (!driver) {
    log.error('unknown driver', { kind: kind.kind, driver: device.driver });
    return kind.unconfigured(`未知驱动 ${device.driver}`);
  }
  const options = driver.optionsSchema.safeParse(device.options);
  if (!options.success) {
    log.error('driver options invalid', { driver: driver.id, issues: options.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) });
    return kind.unconfigured(`${kind.label}配置无效`);
  }
  if (driver.needsPort && !device.port) {
    log.error('driver has no port', { driver: driver.id });
    return kind.unconfigured(`未配置${kind.label}串口`);
  }
  return driver.create({ port: device.port, baud: device.baud, options: options.data, log });
}

export interface DeviceHealthEntry extends DeviceHealth {
  kind: string;
  label: string;
  driver: string;
}

export interface DeviceManager extends HostService {
  /** Every known kind's health, in registry order. */
  health(): DeviceHealthEntry[];
  /**
   * Replaces one kind's device live (maintenance mode): the running service stops, the one for `device` starts
   * (absent: not installed). Bridge calls go to the new service at once: the handlers delegate by kind.
   */
  reconfigure(kind: string, device: DeviceConfig | undefined): Promise<void>;
  /** The entry each kind runs on now. */
  current(kind: string): DeviceConfig | undefined;
}

export function createDeviceManager(devices: KioskConfig['devices'], log: Logger, kinds: readonly DeviceKind[] = deviceKinds): DeviceManager {
  for (const name of Object.keys(devices)) {
    if (!kinds.some((k) => k.kind === name)) log.error('config names a device kind this kiosk does not know', { kind: name });
  }
  const entries: Record<string, DeviceConfig | undefined> = { ...devices };
  const running = kinds.map((kind) => ({ kind, service: deviceServiceFor(kind, devices[kind.kind], log.child(kind.kind)), started: false }));
  // One stable handler per method, calling whichever service runs the kind now, so a live reconfigure needs no
  // new registration with the host's dispatcher (a kind's stand-in answers the same methods as its drivers).
  const handlers: Handlers = {};
  for (const slot of running) {
    for (const method of Object.keys(slot.service.handlers) as (keyof Handlers)[]) {
      (handlers as Record<string, unknown>)[method] = (input: unknown) => (slot.service.handlers[method] as (i: unknown) => unknown)(input);
    }
  }
  let hub: EventHub | null = null;
  const startOne = async (slot: (typeof running)[number]) => {
    try {
      await slot.service.start(hub!);
      slot.started = true;
    } catch (error) {
      // A broken device must not stop the kiosk or the other devices: it reports its own status.
      log.error('device failed to start', { kind: slot.kind.kind, error });
    }
  };
  const stopOne = async (slot: (typeof running)[number]) => {
    if (!slot.started) return;
    slot.started = false;
    try {
      await slot.service.stop();
    } catch (error) {
      log.warn('device failed to stop', { device: slot.service.name, error });
    }
  };
  return {
    name: 'devices',
    handlers,
    health: () => running.map(({ kind, service }) => ({ kind: kind.kind, label: kind.label, driver: entries[kind.kind]?.driver ?? 'none', ...service.health() })),
    current: (kind) => entries[kind],
    async reconfigure(kind, device) {
      const slot = running.find((r) => r.kind.kind === kind);
      if (!slot) throw new Error(`unknown device kind ${kind}`);
      await stopOne(slot);
      entries[kind] = device;
      slot.service = deviceServiceFor(slot.kind, device, log.child(kind));
      if (hub) await startOne(slot);
      log.info('device reconfigured', { kind, driver: device?.driver ?? 'none' });
    },
    async start(events) {
      hub = events;
      for (const slot of running) await startOne(slot);
    },
    async stop() {
      for (const slot of [...running].reverse()) await stopOne(slot);
    },
  };
}
