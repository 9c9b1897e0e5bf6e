// Which host services a configuration asks for. Device drivers and the hub client register here.
import type { KioskConfig } from './config';
import type { HostService } from './host';
import type { Logger } from './log';
import { createHubService, enrolmentCodeFromEnv } from './hub/hubService';
import { createDeviceManager } from './devices/deviceManager';

export function createServices(config: KioskConfig, log: Logger, dataDir: string): HostService[] {
  const services: HostService[] = [];
  // The hub client, only when a hub is configured; unenrolled it answers 'unavailable' and keeps trying to enrol.
  if (config.hub.url) services.push(createHubService({ url: config.hub.url, dataDir, log: log.child('hub'), enrolmentCode: enrolmentCodeFromEnv() }));
  // Every device kind of the registry (devices/kinds.ts) from config.devices.<kind>; 'unconfigured' otherwise.
  services.push(createDeviceManager(config.devices, log));
  return services;
}
