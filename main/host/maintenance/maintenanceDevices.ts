// The maintenance screen's device and kiosk actions (contract/maintenanceDevices.ts, ADR 0015). Detect probes the
// candidate ports as `kioskctl devices detect` does; apply runs the chosen device live, tests it, and either
// writes it to config.json (validated, atomic, previous version kept) or puts the previous device back.
// Every handler asks the maintenance session first: a role that may not act gets `forbidden`, audited.
import { candidatePorts } from '../../../devices/candidatePorts';
import { assignDevices, detectDevices } from '../../../devices/detect';
import { deviceKinds } from '../../../devices/kinds';
import type { Handlers } from '../../../src/bridge/contract';
import { err, ok } from '../../../src/bridge/result';
import { ConfigError, loadConfig, saveConfig, validateConfig } from '../config';
import type { KioskConfig } from '../config';
import type { DeviceManager } from '../devices/deviceManager';
import type { HostService } from '../host';
import type { Logger } from '../log';
import type { MaintenanceService } from './maintenanceService';
import type { EventEnvelope } from '../../../src/bridge/contract';
import type { EventHub } from '../../../src/bridge/dispatcher';
import { maskIdNumber, maskName } from '../../../src/domain/mask';
import { exportLogs, usbRoots } from './logExport';

/** A device counts as working once its state is one of these (a printer near the end of its roll still prints). */
const workingStates = new Set(['ready', 'paperNearEnd']);

export interface MaintenanceDevicesOptions {
  maintenance: Pick<MaintenanceService, 'authorise' | 'audit'>;
  devices: Pick<DeviceManager, 'health' | 'reconfigure' | 'current'>;
  dataDir: string;
  /** The config the kiosk started on: the base for a save when config.json itself cannot be read. */
  config: KioskConfig;
  log: Logger;
  /** Ports to probe (default: every candidate port; KIOSK_DETECT_PORTS adds more, comma-separated). */
  ports?: () => Promise<string[]>;
  detectTimeoutMs?: number;
  /** How long an applied device has to become ready (default 8 s). */
  testTimeoutMs?: number;
  /** Where to look for a USB stick for the log export (default: KIOSK_USB_ROOTS or /media, /run/media, /mnt). */
  usbRoots?: readonly string[];
  now?: () => number;
  /** Restart (the supervisor or watchdog starts the kiosk again) or close to the desktop. */
  leave: (to: 'restart' | 'desktop') => void;
}

export function defaultDetectPorts(env: NodeJS.ProcessEnv = process.env): () => Promise<string[]> {
  const extra = (env.KIOSK_DETECT_PORTS ?? '').split(',').map((p) => p.trim()).filter(Boolean);
  return async () => [...new Set([...extra, ...(await candidatePorts())])];
}

export function createMaintenanceDevices(options: MaintenanceDevicesOptions): HostService {
  const { maintenance, devices, log } = options;
  const forbidden = () => err('forbidden', '当前角色不能执行此操作');
  const waitUntilWorking = async (kind: string): Promise<{ working: boolean; state: string; detail?: string }> => {
    const deadline = Date.now() + (options.testTimeoutMs ?? 8000);
    for (;;) {
      const health = devices.health().find((h) => h.kind === kind);
      const state = health?.state ?? 'unknown';
      if (workingStates.has(state) || Date.now() >= deadline) return { working: workingStates.has(state), state, ...(health?.detail ? { detail: health.detail } : {}) };
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };

  let hub: EventHub | null = null;

  const handlers: Handlers = {
    'maintenance.testRead': async ({ timeoutMs }) => {
      const role = maintenance.authorise('testRead');
      if (!role || !hub) return role ? err('unavailable', '主机尚未就绪') : forbidden();
      const events = hub;
      // The next card read or read error; the full card never leaves this function, only its masked form.
      const answer = await new Promise<EventEnvelope | null>((resolve) => {
        const timer = setTimeout(() => (off(), resolve(null)), timeoutMs);
        const off = events.subscribe((envelope) => {
          if (envelope.name !== 'card.read' && envelope.name !== 'card.error') return;
          clearTimeout(timer);
          off();
          resolve(envelope);
        });
      });
      const outcome = answer === null ? 'timeout' : answer.name === 'card.read' ? 'read' : 'error';
      maintenance.audit({ event: 'testRead', role, detail: outcome });
      if (answer?.name === 'card.read') {
        const card = answer.payload as EventEnvelope<'card.read'>['payload'];
        return ok({ outcome: 'read' as const, name: maskName(card.name), idNumber: maskIdNumber(card.idNumber), idNumberValid: card.idNumberValid });
      }
      if (answer?.name === 'card.error') return ok({ outcome: 'error' as const, detail: (answer.payload as EventEnvelope<'card.error'>['payload']).reason });
      return ok({ outcome: 'timeout' as const });
    },
    'maintenance.exportLogs': () => {
      const role = maintenance.authorise('exportLogs');
      if (!role) return forbidden();
      const done = exportLogs(options.dataDir, options.usbRoots ?? usbRoots(), new Date((options.now ?? Date.now)()));
      maintenance.audit({ event: 'exportLogs', role, detail: done ? `files ${done.files}` : 'no usb' });
      return done ? ok(done) : err('unavailable', '未找到可写入的U盘');
    },
    'maintenance.detect': async () => {
      const role = maintenance.authorise('detect');
      if (!role) return forbidden();
      const ports = await (options.ports ?? defaultDetectPorts())();
      const results = await detectDevices(ports, deviceKinds, { timeoutMs: options.detectTimeoutMs ?? 3000 });
      const proposal = Object.entries(assignDevices(results)).map(([kind, found]) => ({ kind, ...found }));
      maintenance.audit({ event: 'detect', role, detail: `ports ${results.length}, found ${proposal.map((p) => p.kind).join(' ') || 'none'}` });
      return ok({ results, proposal });
    },
    'maintenance.applyDevice': async ({ kind, driver, port, baud }) => {
      const role = maintenance.authorise('applyDevices');
      if (!role) return forbidden();
      let base: KioskConfig;
      try {
        base = loadConfig(options.dataDir, {});
      } catch {
        base = options.config; // a damaged config.json: the config the kiosk runs on is the base, and is written whole
      }
      const before = devices.current(kind);
      const entry = { driver, port, baud, options: before?.driver === driver ? before.options : {} };
      let next: KioskConfig;
      try {
        next = validateConfig({ ...base, devices: { ...base.devices, [kind]: entry } }, `devices.${kind}`);
      } catch (error) {
        return err('invalid_argument', error instanceof ConfigError ? error.message : String(error));
      }
      if (!deviceKinds.some((k) => k.kind === kind && k.drivers.some((d) => d.id === driver))) return err('invalid_argument', `未知驱动 ${driver}`);
      await devices.reconfigure(kind, entry);
      const test = await waitUntilWorking(kind);
      if (!test.working) {
        await devices.reconfigure(kind, before); // the previous device runs again; config.json untouched
        maintenance.audit({ event: 'applyDevices', role, detail: `${kind} rolledBack ${test.state}` });
        log.warn('applied device failed its test; rolled back', { kind, state: test.state });
        return ok({ outcome: 'rolledBack' as const, state: test.state, ...(test.detail ? { detail: test.detail } : {}) });
      }
      saveConfig(options.dataDir, next);
      maintenance.audit({ event: 'applyDevices', role, detail: `${kind} applied ${driver}` });
      return ok({ outcome: 'applied' as const, state: test.state });
    },
    'maintenance.leaveKiosk': ({ to }) => {
      const role = maintenance.authorise(to === 'desktop' ? 'exitDesktop' : 'restart');
      if (!role) return forbidden();
      maintenance.audit({ event: to === 'desktop' ? 'exitDesktop' : 'restart', role });
      // After the answer has left: the renderer hears the call succeed before the host goes.
      setTimeout(() => options.leave(to), 300).unref?.();
      return ok({});
    },
  };
  return {
    name: 'maintenance-devices',
    handlers,
    start(events) {
      hub = events;
    },
    stop() {
      hub = null;
    },
  };
}
