// Maintenance: enrol the kiosk with its hub from the screen (issue 11 §4), with the code from
// `kioskctl hub enrol-code` typed on the on-screen keypad and the hub URL. The URL is checked like config.json's
// (https, or http to this machine only); on success the credential is stored (main/host/hub/enrol.ts) and the
// URL written to config.json (validated, atomic, previous version kept). Then the running hub link is pointed at
// it and sends a heartbeat, so the kiosk is online at once, without a restart; the answer says whether the hub
// answered that heartbeat.
import type { Handlers } from '../../../src/bridge/contract';
import { err, ok } from '../../../src/bridge/result';
import { ConfigError, loadConfig, saveConfig, validateConfig } from '../config';
import type { KioskConfig } from '../config';
import type { HostService } from '../host';
import type { HubService } from './hubService';
import { enrolKiosk } from './enrol';
import { hubUrlProblem } from './hubUrl';
import type { MaintenanceService } from '../maintenance/maintenanceService';

export interface MaintenanceHubOptions {
  maintenance: Pick<MaintenanceService, 'authorise' | 'audit'>;
  dataDir: string;
  /** The config the kiosk runs on: the base for the save when config.json cannot be read. */
  config: KioskConfig;
  version: string;
  /** The running hub link, connected to the new hub once enrolled. */
  link: Pick<HubService, 'connect'>;
  fetch?: typeof fetch;
}

/** The address as one spelling: scheme and host in lower case (an on-screen keyboard may type capitals), no trailing slash. */
const normaliseHubUrl = (typed: string): string => {
  const trimmed = typed.trim();
  return URL.canParse(trimmed) ? new URL(trimmed).href.replace(/\/+$/, '') : trimmed;
};

export function createMaintenanceHub(options: MaintenanceHubOptions): HostService {
  const { maintenance } = options;
  const handlers: Handlers = {
    'maintenance.enrol': async ({ hubUrl, code, fingerprint }) => {
      const role = maintenance.authorise('enrol');
      if (!role) return err('forbidden', '当前角色不能执行此操作');
      const url = normaliseHubUrl(hubUrl);
      const problem = hubUrlProblem(url);
      if (problem) return err('invalid_argument', problem);
      const enrolled = await enrolKiosk({ hubUrl: url, code, dataDir: options.dataDir, version: options.version, ...(fingerprint ? { fingerprint } : {}), fetch: options.fetch });
      maintenance.audit({ event: 'enrol', role, detail: enrolled.ok ? 'enrolled' : enrolled.error.code });
      // The hub's "forbidden" here is about the code, not the maintenance role: say so.
      if (!enrolled.ok) return err(enrolled.error.code === 'forbidden' ? 'invalid_argument' : enrolled.error.code, enrolled.error.message);
      let base: KioskConfig;
      try {
        base = loadConfig(options.dataDir, {});
      } catch {
        base = options.config;
      }
      try {
        saveConfig(options.dataDir, validateConfig({ ...base, hub: { url } }, 'hub.url'));
      } catch (error) {
        return err('invalid_argument', error instanceof ConfigError ? error.message : String(error));
      }
      const status = await options.link.connect(url);
      return ok({ kioskId: enrolled.value.kioskId, siteCode: enrolled.value.siteCode, hub: status.state === 'online' ? ('online' as const) : ('offline' as const) });
    },
  };
  return { name: 'maintenance-hub', handlers, start() {}, stop() {} };
}
