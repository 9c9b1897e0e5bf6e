// Which host services a configuration asks for. Device drivers and the hub client register here.
import { join } from 'node:path';
import type { StorageHealth } from '../../src/bridge/contract/app';
import { loadConfig } from './config';
import type { KioskConfig } from './config';
import type { HostService } from './host';
import type { Logger } from './log';
import { createHubService, enrolmentCodeFromEnv } from './hub/hubService';
import { trustedKeys } from './update/keys';
import { updateReport } from './update/updateService';
import { createLookupService } from './lookup/lookupService';
import { createAuditLog } from './maintenance/audit';
import { createMaintenanceService } from './maintenance/maintenanceService';
import { createPinGuard } from './maintenance/pinGuard';
import { createDeviceManager } from './devices/deviceManager';
import { createFieldUpdateService } from './update/fieldUpdateService';
import { createAutoUpdateService } from './update/autoUpdateService';
import { readCredential } from './hub/credentialStore';
import { systemClock } from '../../src/domain/clock';

/**
 * Test hook (never set on a kiosk): KIOSK_UPDATE_TEST_FILE_DELAY_MS waits that long after each file an install
 * from the field-staff screen writes, so an end-to-end test can see (and photograph) the install running.
 */
function fileDelayFromEnv(env: NodeJS.ProcessEnv = process.env): (() => Promise<void>) | undefined {
  const ms = Number(env.KIOSK_UPDATE_TEST_FILE_DELAY_MS);
  return ms > 0 ? () => new Promise((resolve) => setTimeout(resolve, ms)) : undefined;
}

/** Heartbeat entry for storage that older origins left behind (ADR 0005): the hub's operators see it too. */
export function storageHeartbeat(storage: StorageHealth | undefined): Record<string, { status: 'degraded'; detail: string }> {
  if (!storage?.orphanedOrigins.length) return {};
  const bytes = storage.orphanedOrigins.reduce((sum, o) => sum + o.bytes, 0);
  const ports = storage.orphanedOrigins.map((o) => o.port).join(',');
  return { storage: { status: 'degraded', detail: `orphanedQueue origins=${storage.orphanedOrigins.length} bytes=${bytes} ports=${ports}`.slice(0, 200) } };
}

/** The version this start runs (a slot's, or the package's) and the package's own (the factory payload). */
export interface HostVersions {
  running: string;
  factory: string;
}

// The versions come from the host (Electron's app.getVersion(), or package.json read by the Chromium host): a
// bundled Electron main has no import.meta.url to find package.json from, and would report 0.0.0.
// `restart` ends this start so the watchdog starts the kiosk again (the field-staff screen's "restart now"; default: exit 0).
export function createServices(config: KioskConfig, log: Logger, dataDir: string, versions: HostVersions, storage?: StorageHealth, restart: () => void = () => process.exit(0)): HostService[] {
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
  if (config.hub.url) services.push(createHubService({ url: config.hub.url, dataDir, log: log.child('hub'), enrolmentCode: enrolmentCodeFromEnv(), version: versions.running, deviceHealth: () => storageHeartbeat(storage), updateReport: reportUpdate }));
  // Every device kind of the registry (devices/kinds.ts) from config.devices.<kind>; 'unconfigured' otherwise.
  const devices = createDeviceManager(config.devices, log);
  services.push(devices);
  // Maintenance mode: PIN entry, roles, audit log (<data>/logs/audit.log), wrong-PIN count kept on disk.
  const maintenance = createMaintenanceService({
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
  });
  services.push(maintenance);
  // The field-staff screen: bundles on a USB stick, install with progress, restart (role-gated by maintenance).
  services.push(
    createFieldUpdateService({
      dataDir,
      factoryVersion: versions.factory,
      channel: config.update.channel,
      usbRoots: config.update.usbRoots,
      allows: (action) => maintenance.allows(action),
      log: log.child('update'),
      clock: systemClock,
      between: fileDelayFromEnv(),
      restart,
    }),
  );
  // Hub releases install by themselves in the quiet hours, never during a resident's session (ADR 0016).
  services.push(
    createAutoUpdateService({
      dataDir,
      factoryVersion: versions.factory,
      channel: config.update.channel,
      quietHours: config.update.quietHours,
      enabled: config.update.autoInstall && Boolean(config.hub.url),
      clock: systemClock,
      log: log.child('update'),
      restart,
      hub: () => readCredential(dataDir),
    }),
  );
  // The "my applications" lookup key: the HMAC secret stays in the host's data directory (ADR 0006).
  services.push(createLookupService(dataDir, log.child('lookup')));
  return services;
}
