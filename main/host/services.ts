// Which host services a configuration asks for. Device drivers and the hub client register here.
import { join } from 'node:path';
import type { StorageHealth } from '../../src/bridge/contract/app';
import { loadConfig } from './config';
import type { KioskConfig } from './config';
import type { HostService } from './host';
import type { Logger } from './log';
import { mergeHealth } from './healthBoard';
import type { HealthBoard } from './healthBoard';
import { createHubService } from './hub/hubService';
import { enrolmentCodeFromEnv } from './hub/enrol';
import { trustedKeys } from './update/keys';
import { updateReport } from './update/updateService';
import { createLookupService } from './lookup/lookupService';
import { createAuditLog } from './maintenance/audit';
import { createMaintenanceService } from './maintenance/maintenanceService';
import { createMaintenanceDevices } from './maintenance/maintenanceDevices';
import { createMaintenanceHub } from './hub/enrolFromScreen';
import { createPinGuard } from './maintenance/pinGuard';
import { createDeviceManager } from './devices/deviceManager';
import type { DeviceHealthEntry } from './devices/deviceManager';
import { createDeviceEventWatcher } from './devices/deviceEvents';
import { createVisitEvents } from './visitEvents';
import { createKioskEvents } from './kioskEvents';
import type { KioskEvents } from './kioskEvents';
import type { ConfigProblem } from '../../src/bridge/contract/app';
import { heartbeatDeviceStatus } from '../../src/domain/kioskEvents';
import { createFieldUpdateService } from './update/fieldUpdateService';
import { createAutoUpdateService } from './update/autoUpdateService';
import { systemClock } from '../../src/domain/clock';

/** Heartbeat entries for the devices the registry knows (not-installed kinds are left out). */
export function devicesHeartbeat(devices: readonly DeviceHealthEntry[]): Record<string, { status: 'ok' | 'degraded' | 'offline' | 'unknown'; detail: string }> {
  const entries = devices
    .filter((d) => d.driver !== 'none')
    .map((d) => [d.kind, { status: heartbeatDeviceStatus(d.state), detail: `${d.state}${d.detail ? `: ${d.detail}` : ''}`.slice(0, 200) }] as const);
  return Object.fromEntries(entries);
}

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
export interface ServiceExtras {
  /** config.json was damaged at start (configStore.ts): raised as an event for the hub. */
  configProblem?: ConfigProblem;
  /** Default: `<data>/kiosk-events.json`. */
  events?: KioskEvents;
  /**
   * Maintenance's restart and exit to desktop. Default: exit 75 (the watchdog or service manager starts the kiosk
   * again, as after a failed update health check) or exit 0 (stopped on purpose: the desktop shows).
   */
  leave?: (to: 'restart' | 'desktop') => void;
  /** The host's health board (browser relaunches, renderer out of service, storage), sent with heartbeats. */
  health?: HealthBoard;
}

export function createServices(config: KioskConfig, log: Logger, dataDir: string, versions: HostVersions, storage?: StorageHealth, extras: ServiceExtras = {}): HostService[] {
  const services: HostService[] = [];
  // Events for the hub (device trouble, maintenance audit, a damaged config), kept on disk until a heartbeat is answered.
  const events = extras.events ?? createKioskEvents({ file: join(dataDir, 'kiosk-events.json'), log: log.child('events') });
  if (extras.configProblem) events.raise('config.damaged', `${extras.configProblem.code}, running on ${extras.configProblem.fallback}`);
  // Every device kind of the registry (devices/kinds.ts) from config.devices.<kind>; 'unconfigured' otherwise.
  const devices = createDeviceManager(config.devices, log);
  // The hub client. Unenrolled it answers 'unavailable' and, with a code, keeps trying to enrol; with no hub URL
  // configured it waits for the maintenance screen's enrolment to connect it (no restart).
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
  const deviceHealth = () => mergeHealth({ ...devicesHeartbeat(devices.health()), ...storageHeartbeat(storage) }, extras.health?.snapshot() ?? {});
  const hub = createHubService({ url: config.hub.url, dataDir, log: log.child('hub'), enrolmentCode: enrolmentCodeFromEnv(), version: versions.running, deviceHealth, updateReport: reportUpdate, events });
  const sendNow = (source: string) => void hub.heartbeat().catch((error: unknown) => log.warn('heartbeat sent at once failed', { source, error }));
  extras.health?.onChange(() => sendNow('health'));
  services.push(hub, createVisitEvents({ events, tellHub: () => sendNow('visit') }));
  services.push(devices);
  // Paper near end, paper out, cover open, a device that stopped answering: events for the hub.
  services.push(createDeviceEventWatcher(devices, events));
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
    audit: createAuditLog(join(dataDir, 'logs', 'audit.log'), undefined, (line) => events.raise('maintenance.audit', line)),
    log: log.child('maintenance'),
    version: versions.running,
    dataDir,
  });
  services.push(maintenance);
  // Detect and apply devices, restart, exit to desktop: gated by the maintenance session's role.
  const leave = extras.leave ?? ((to: 'restart' | 'desktop') => process.exit(to === 'restart' ? 75 : 0));
  services.push(createMaintenanceDevices({ maintenance, devices, dataDir, config, log: log.child('maintenance'), leave }));
  // The field-staff screen: bundles on a USB stick, install with progress, restart (role-gated by maintenance).
  services.push(
    createFieldUpdateService({
      dataDir,
      factoryVersion: versions.factory,
      channel: config.update.channel,
      usbRoots: config.update.usbRoots,
      allows: (action) => maintenance.allows(action),
      holdSession: () => maintenance.hold(),
      log: log.child('update'),
      clock: systemClock,
      between: fileDelayFromEnv(),
      restart: () => leave('restart'),
    }),
  );
  // Hub releases install by themselves in the quiet hours, never during a resident's session (ADR 0016).
  services.push(
    createAutoUpdateService({
      dataDir,
      factoryVersion: versions.factory,
      channel: config.update.channel,
      quietHours: config.update.quietHours,
      enabled: config.update.autoInstall,
      clock: systemClock,
      log: log.child('update'),
      restart: () => leave('restart'),
      hub: () => hub.enrolment(),
    }),
  );
  services.push(createMaintenanceHub({ maintenance, dataDir, config, version: versions.running, link: hub }));
  // The "my applications" lookup key: the HMAC secret stays in the host's data directory (ADR 0006).
  services.push(createLookupService(dataDir, log.child('lookup')));
  return services;
}
