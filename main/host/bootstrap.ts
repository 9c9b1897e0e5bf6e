// What both hosts do first: read the configuration, open the log, start the host services.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from './config';
import type { KioskConfig } from './config';
import { startHost } from './host';
import type { KioskHost } from './host';
import { createLogger } from './log';
import type { Logger } from './log';
import { defaultDataDir } from './paths';
import { createServices } from './services';
import type { StorageHealth } from '../../src/bridge/contract/app';

export interface BootedHost {
  host: KioskHost;
  config: KioskConfig;
  dataDir: string;
  log: Logger;
}

export function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/** A host-specific look at the data directory before the services start (the Chromium host checks its profile). */
export type InspectStorage = (config: KioskConfig, dataDir: string, log: Logger) => StorageHealth;

export async function bootHost(hostKind: 'electron' | 'browser', dataDir = defaultDataDir(), version = packageVersion(), inspectStorage?: InspectStorage): Promise<BootedHost> {
  mkdirSync(join(dataDir, 'logs'), { recursive: true });
  const log = createLogger(`host/${hostKind}`, { file: join(dataDir, 'logs', 'kiosk.log') });
  const config = loadConfig(dataDir);
  const storage = inspectStorage?.(config, dataDir, log);
  const host = await startHost({ hostKind, version, config, log, storage, services: createServices(config, log, dataDir, storage) });
  return { host, config, dataDir, log };
}
