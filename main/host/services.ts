// Which host services a configuration asks for. Device drivers and the hub client register here.
import type { KioskConfig } from './config';
import type { HostService } from './host';
import type { Logger } from './log';
import { createHubService, enrolmentCodeFromEnv } from './hub/hubService';
import { defaultDataDir } from './paths';
import { printerServiceFromConfig } from './printer/printerService';
import { idcardServiceFromConfig } from './idcard/idcardService';

export function createServices(_config: KioskConfig, _log: Logger): HostService[] {
  const services: HostService[] = [];
  // The hub client, only when a hub is configured; unenrolled it answers 'unavailable' and keeps trying to enrol.
  if (_config.hub.url) services.push(createHubService({ url: _config.hub.url, dataDir: defaultDataDir(), log: _log.child('hub'), enrolmentCode: enrolmentCodeFromEnv() }));
  // The receipt printer: 'printer/escpos-serial' on devices.printer.port (options.profile); otherwise 'unconfigured'.
  services.push(printerServiceFromConfig(_config.devices.printer, _log.child('printer')));
  // The ID-card reader: 'idcard/sam-serial' on devices.idcard.port/baud, 'idcard/sim', otherwise 'unconfigured'.
  services.push(idcardServiceFromConfig(_config.devices.idcard, _log.child('idcard')));
  return services;
}
