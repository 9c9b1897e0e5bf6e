// Which host services a configuration asks for. Device drivers and the hub client register here.
import { join } from 'node:path';
import type { StorageHealth } from '../../src/bridge/contract/app';
import { loadConfig } from './config';
import type { KioskConfig } from './config';
import type { HostService } from './host';
import type { Logger } from './log';
import { mergeHealth } from './healthBoard';
import type { HealthBoard } from './healthBoard';
import { createHubService, enrolmentCodeFromEnv } from './hub/hubService';
import { trustedKeys } from './update/keys';
import { updateReport } from './update/updateService';
import { createLookupService } from './lookup/lookupService';
import { createAuditLog } from './maintenance/audit';
import { createMaintenanceService } from './maintenance/maintenanceService';
import { createPinGuard } from './maintenance/pinGuard';
import { createDeviceManager } from './devices/deviceManager';

/** Heartbeat entry for storage that older origins left behind (ADR 0005): the hub's operators see it too. */
export function storageHeartbeat(storage: StorageHealth | undefined): Record<string, { status: 'degraded'; detail: string }> {
  const damaged = storage?.damagedStores ?? [];
  // A store moved aside after a power cut (storeRescue.ts) comes first: queued applications may be in it.
  const damagedEntry = damaged.length ? `damagedStoreMovedAside count=${damaged.length} last=${damaged.at(-1)!.movedAt}` : '';
  if (!storage?.orphanedOrigins.length) return damagedEntry ? { storage: { status: 'degraded', detail: damagedEntry.slice(0, 200) } } : {};
  const bytes = storage.orphanedOrigins.reduce((sum, o) => sum + o.bytes, 0);
  const ports = storage.orphanedOrigins.map((o) => o.port).join(',');
  const orphaned = `orphanedQueue origins=${storage.orphanedOrigins.length} bytes=${bytes} ports=${ports}`;
  return { storage: { status: 'degraded', detail: [damagedEntry, orphaned].filter(Boolean).join('; ').slice(0, 200) } };
}

/** The version this start runs (a slot's, or the package's) and the package's own (the factory payload). */
export interface HostVersions {
  running: string;
  factory: string;
}

// The versions come from the host (Electron's app.getVersion(), or package.json read by the Chromium host): a
// bundled Electron main has no import.meta.url to find package.json from, and would report 0.0.0.
export function createServices(config: KioskConfig, log: Logger, dataDir: string, versions: HostVersions, storage?: StorageHealth, health?: HealthBoard): HostService[] {
  const services: HostService[] = [];
  // The hub client, only when a hub is configured; unenrolled it answers 'unavailable' and keeps trying to enrol.
  // Heartbeats carry the updater's state (current / previous / pending versions, last result) to the hub.
  const reportUpdate = () => {
    try {
      return updateReport({ dataDir, factoryVersion: versions.factory, trusted: trustedKeys(dataDir) });
    } catch (error) {
      log.warn('update state unreadable for the heartbeat', { error });
      return null;
    }
  };
  // The health board (a relaunched browser, a renderer out of service, storage near full) rides along, and a
  // change on it sends a heartbeat at once: the hub hears of a kiosk going dark within seconds, not a minute.
  if (config.hub.url) {
    const hub = createHubService({ url: config.hub.url, dataDir, log: log.child('hub'), enrolmentCode: enrolmentCodeFromEnv(), version: versions.running, deviceHealth: () => mergeHealth(storageHeartbeat(storage), health?.snapshot() ?? {}), updateReport: reportUpdate });
    health?.onChange(() => void hub.heartbeat().catch((error: unknown) => log.warn('heartbeat after a health change failed', { error })));
    services.push(hub);
  }
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
      version: versions.running,
      dataDir,
    }),
  );
  // The "my applications" lookup key: the HMAC secret stays in the host's data directory (ADR 0006).
  services.push(createLookupService(dataDir, log.child('lookup')));
  return services;
}
