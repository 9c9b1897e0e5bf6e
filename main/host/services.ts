// Which host services a configuration asks for. Device drivers and the hub client register here.
import type { KioskConfig } from './config';
import type { HostService } from './host';
import type { Logger } from './log';

export function createServices(_config: KioskConfig, _log: Logger): HostService[] {
  return [];
}
