// What both hosts do first: read the configuration, open the log, choose the update slot to start (the loader,
// main/host/update/updateService.ts), start the host services.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfigOrFallback } from './configStore';
import type { KioskConfig } from './config';
import { startHost } from './host';
import type { KioskHost } from './host';
import { createHealthBoard } from './healthBoard';
import type { HealthBoard } from './healthBoard';
import { createLogger } from './log';
import type { Logger } from './log';
import { defaultDataDir, packageVersion } from './paths';
import { createServices } from './services';
import { createStorageWatch } from './storageWatch';
import { guardStart } from './startGuard';
import { rescueDamagedStores } from './storeRescue';
import { createSystemdNotifier } from './systemdNotify';
import type { SystemdNotifier } from './systemdNotify';
import { createUpdateService, startSource } from './update/updateService';
import { trustFactoryKeys } from './update/keys';
import type { FactoryTrust } from './update/keys';
import type { StartSource } from './update/updateService';
import type { StorageHealth } from '../../src/bridge/contract/app';

export interface BootedHost {
  host: KioskHost;
  config: KioskConfig;
  dataDir: string;
  log: Logger;
  /** The slot (or factory payload) this start runs, and the renderer folder to serve from it. */
  start: StartSource;
  /** What the host learns about itself (relaunches, out of service, storage), sent in every heartbeat. */
  health: HealthBoard;
  /** sd_notify: the host calls ready() once it serves, stopping() on the way out (no-op outside systemd). */
  systemd: SystemdNotifier;
}

export interface BootOptions {
  /** The renderer shipped in the package: what the factory source serves. */
  factoryRendererDir: string;
  /** A pending update missed its health check: exit so the watchdog restarts (default: exit code 75). */
  onUnhealthy?: () => void;
  /** The browser profile's IndexedDB folder: watched against the quota and the free disk (storageWatch.ts). */
  indexedDbDir?: string;
  /** The update public keys shipped in the package (`update-keys/*.pub`), trusted at the first start that sees them. */
  factoryKeysDir?: string;
  /** The start already decided (and counted) by the loader; absent, bootHost decides. */
  start?: StartSource;
  /** What the loader's trust of the package's keys did; absent, bootHost trusts them itself. */
  factoryTrust?: FactoryTrust | null;
}

/** A host-specific look at the data directory before the services start (the Chromium host checks its profile). */
export type InspectStorage = (config: KioskConfig, dataDir: string, log: Logger) => StorageHealth;

export async function bootHost(hostKind: 'electron' | 'browser', boot: BootOptions, dataDir = defaultDataDir(), version = packageVersion(), inspectStorage?: InspectStorage): Promise<BootedHost> {
  mkdirSync(join(dataDir, 'logs'), { recursive: true });
  const log = createLogger(`host/${hostKind}`, { file: join(dataDir, 'logs', 'kiosk.log') });
  // Counted before the config is read: a config.json that kills 3 starts in a row is set aside (startGuard.ts).
  const startGuard = guardStart({ dataDir, log: log.child('config') });
  // A damaged config.json never stops the kiosk: it runs on the last good one and shows 暂停服务 (configStore.ts).
  const { config, problem: configProblem } = loadConfigOrFallback(dataDir);
  if (configProblem) log.error('config.json unusable: running on a fallback', { code: configProblem.code, source: configProblem.fallback, detail: configProblem.detail });
  // Before any browser opens it: a store that would not open is moved aside and reported (storeRescue.ts).
  const damagedStores = boot.indexedDbDir ? rescueDamagedStores({ indexedDbDir: boot.indexedDbDir, dataDir, log: log.child('storage') }) : [];
  const inspected = inspectStorage?.(config, dataDir, log);
  const storage: StorageHealth | undefined = damagedStores.length ? { orphanedOrigins: inspected?.orphanedOrigins ?? [], damagedStores } : inspected;
  // Factory trust before the loader reads the trusted keys: the deb's production key (docs/updates.md).
  const factory = boot.factoryTrust !== undefined ? boot.factoryTrust : boot.factoryKeysDir ? trustFactoryKeys(dataDir, boot.factoryKeysDir) : null;
  if (factory?.added.length) log.info('update keys trusted from the package', { count: factory.added.length });
  if (factory?.skipped.length) log.warn('shipped update key unreadable', { detail: factory.skipped.join(', ') });
  const start = boot.start ?? startSource(dataDir, version, boot.factoryRendererDir);
  // KIOSK_HEALTH_TIMEOUT_MS: how long a freshly installed slot has to report healthy (default 120 s).
  const healthTimeoutMs = Number(process.env.KIOSK_HEALTH_TIMEOUT_MS) || undefined;
  const update = createUpdateService({ start, log: log.child('update'), healthTimeoutMs, onUnhealthy: boot.onUnhealthy ?? (() => process.exit(75)) });
  const running = start.version ?? version;
  const health = createHealthBoard();
  if (startGuard.setAside) health.set('config', { status: 'degraded', detail: `crashLoopSetAside file=${startGuard.setAside}` });
  const services = createServices(config, log, dataDir, { running, factory: version }, storage, { configProblem, health });
  if (boot.indexedDbDir) services.push(createStorageWatch({ indexedDbDir: boot.indexedDbDir, diskPath: dataDir, health, log: log.child('storage') }));
  const host = await startHost({ hostKind, version: running, config, log, storage, configProblem, services: [update, ...services] });
  const notifier = createSystemdNotifier({ log: log.child('systemd') });
  // Ready means the start finished: the crash-loop guard's count is cleared with it.
  const systemd: SystemdNotifier = {
    ...notifier,
    ready: () => {
      startGuard.markStarted();
      notifier.ready();
    },
  };
  return { host, config, dataDir, log, start, health, systemd };
}
