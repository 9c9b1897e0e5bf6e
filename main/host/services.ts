// Which host services a configuration asks for. Device drivers and the hub client register here.
import { loadConfig } from './config';
import type { KioskConfig } from './config';
import type { HostService } from './host';
import type { Logger } from './log';
import { join } from 'node:path';
import { createHubService, enrolmentCodeFromEnv, readPackageVersion } from './hub/hubService';
import { createAuditLog } from './maintenance/audit';
import { createMaintenanceService } from './maintenance/maintenanceService';
import { createPinGuard } from './maintenance/pinGuard';
import { createDeviceManager } from './devices/deviceManager';

export function createServices(config: KioskConfig, log: Logger, dataDir: string): HostService[] {
  const services: HostService[] = [];
  // The hub client, only when a hub is configured; unenrolled it answers 'unavailable' and keeps trying to enrol.
  if (config.hub.url) services.push(createHubService({ url: config.hub.url, dataDir, log: log.child('hub'), enrolmentCode: enrolmentCodeFromEnv() }));
  // Every device kind of the registry (devices/kinds.ts) from config.devices.<kind>; 'unconfigured' otherwise.
  const devices = createDeviceManager(config.devices, log);
  services.push(devices);
  // Maintenance mode: PIN entry, roles, audit log (<data>/logs/audit.log), wrong-PIN count kept on disk.
  services.push(
    createMaintenanceService({
      config,
      pins: () => {
        try {
          return loadConfig(dataDir).maintenance.pins;
        } catch {
          return config.maintenance.pins; // a damaged file keeps the PINs the kiosk started with
        }
      },
      devices,
      guard: createPinGuard({ file: join(dataDir, 'maintenance-guard.json') }),
      audit: createAuditLog(join(dataDir, 'logs', 'audit.log')),
      log: log.child('maintenance'),
      version: readPackageVersion(),
      dataDir,
    }),
  );
  return services;
}
