// The host's one device service (DESIGN.md §5): for every kind in the registry (devices/kinds.ts) it reads
// `config.devices.<kind>`, looks the driver up, validates its options with the driver's schema and runs the
// service the driver creates. A device that is not configured, or configured wrongly, runs the kind's
// `unconfigured` stand-in with a reason for the technician, and the reason is logged: the kiosk still starts.
import type { Handlers } from '../../../src/bridge/contract';
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
}

export function createDeviceManager(devices: KioskConfig['devices'], log: Logger, kinds: readonly DeviceKind[] = deviceKinds): DeviceManager {
  for (const name of Object.keys(devices)) {
    if (!kinds.some((k) => k.kind === name)) log.error('config names a device kind this kiosk does not know', { kind: name });
  }
  const running = kinds.map((kind) => ({ kind, service: deviceServiceFor(kind, devices[kind.kind], log.child(kind.kind)) }));
  const handlers: Handlers = {};
  for (const { service } of running) Object.assign(handlers, service.handlers);
  const started: DeviceService[] = [];
  return {
    name: 'devices',
    handlers,
    health: () =>
      running.map(({ kind, service }) => ({ kind: kind.kind, label: kind.label, driver: devices[kind.kind]?.driver ?? 'none', ...service.health() })),
    async start(events) {
      for (const { kind, service } of running) {
        try {
          await service.start(events);
          started.push(service);
        } catch (error) {
          // A broken device must not stop the kiosk or the other devices: it reports its own status.
          log.error('device failed to start', { kind: kind.kind, error });
        }
      }
    },
    async stop() {
      for (const service of started.splice(0).reverse()) {
        try {
          await service.stop();
        } catch (error) {
          log.warn('device failed to stop', { device: service.name, error });
        }
      }
    },
  };
}
