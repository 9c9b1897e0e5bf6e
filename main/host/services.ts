// Which host services a configuration asks for. Device drivers and the hub client register here.
import type { KioskConfig } from './config';
import type { HostService } from './host';
import type { Logger } from './log';
import { createHubService, enrolmentCodeFromEnv, readPackageVersion } from './hub/hubService';
import { trustedKeys } from './update/keys';
import { updateReport } from './update/updateService';
import { printerServiceFromConfig } from './printer/printerService';
import { idcardServiceFromConfig } from './idcard/idcardService';

export function createServices(config: KioskConfig, log: Logger, dataDir: string): HostService[] {
  const services: HostService[] = [];
  // The hub client, only when a hub is configured; unenrolled it answers 'unavailable' and keeps trying to enrol.
  // Heartbeats carry the updater's state (current / previous / pending versions, last result) to the hub.
  const reportUpdate = () => {
    try {
      return updateReport({ dataDir, factoryVersion: readPackageVersion(), trusted: trustedKeys(dataDir) });
    } catch (error) {
      log.warn('update state unreadable for the heartbeat', { error });
      return null;
    }
  };
  if (config.hub.url) services.push(createHubService({ url: config.hub.url, dataDir, log: log.child('hub'), enrolmentCode: enrolmentCodeFromEnv(), updateReport: reportUpdate }));
  // The receipt printer: 'printer/escpos-serial' on devices.printer.port (options.profile); otherwise 'unconfigured'.
  services.push(printerServiceFromConfig(config.devices.printer, log.child('printer')));
  // The ID-card reader: 'idcard/sam-serial' on devices.idcard.port/baud, 'idcard/sim', otherwise 'unconfigured'.
  services.push(idcardServiceFromConfig(config.devices.idcard, log.child('idcard')));
  return services;
}
