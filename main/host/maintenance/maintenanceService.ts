// The host's maintenance service (issue 11, ADR 0008): PIN entry for the technician and field-staff roles, the
// one open session with its 2-minute idle close, the audit log, and the actions the host performs itself
// (health, test print). Roles are the contract's (`roleActions`); other host services check a role with
// `maintenance.allows(action)` — issue 12's update flow asks for 'update' this way.
import { statfsSync } from 'node:fs';
import type { Handlers } from '../../../src/bridge/contract';
import type { MaintenanceAction, MaintenanceRole, MaintenanceState } from '../../../src/bridge/contract/maintenance';
import { isActionAllowed, maintenanceRoles } from '../../../src/bridge/contract/maintenance';
import type { EventHub } from '../../../src/bridge/dispatcher';
import { err, ok } from '../../../src/bridge/result';
import { buildTestPage } from '../../../devices/printer/testPage';
import { getProfile, isProfileName } from '../../../devices/printer/profiles';
import type { KioskConfig } from '../config';
import type { DeviceManager } from '../devices/deviceManager';
import type { HostService } from '../host';
import type { Logger } from '../log';
import type { AuditLog } from './audit';
import type { PinGuard } from './pinGuard';
import { verifyPin } from './pinHash';

/** A maintenance session closes after this long without a maintenance call (issue 11: 2 minutes). */
export const maintenanceIdleMs = 120_000;

export interface MaintenanceServiceOptions {
  config: KioskConfig;
  /** The PIN hashes now (default: the config's at start); the host re-reads config.json so set-pin acts at once. */
  pins?: () => KioskConfig['maintenance']['pins'];
  devices: DeviceManager;
  guard: PinGuard;
  audit: AuditLog;
  log: Logger;
  version: string;
  dataDir: string;
  now?: () => number;
}

export interface MaintenanceService extends HostService {
  /** The open session's role, or null. */
  role(): MaintenanceRole | null;
  allows(action: MaintenanceAction): boolean;
  /** The role when the open session may do `action` (and keeps it alive); null, and a 'forbidden' audit entry, otherwise. */
  authorise(action: MaintenanceAction): MaintenanceRole | null;
  /** Writes an entry to the audit log (which also goes to the hub as a kiosk event). */
  audit: AuditLog;
  /**
   * Keeps the open session from closing idle while the host works for it (an install from a USB stick can take
   * longer than the idle limit while nobody touches the screen); the returned release counts as a call.
   */
  hold(): () => void;
}

export function createMaintenanceService(options: MaintenanceServiceOptions): MaintenanceService {
  const { guard, audit, log, devices } = options;
  const now = options.now ?? Date.now;
  const readPins = options.pins ?? (() => options.config.maintenance.pins);
  let session: { role: MaintenanceRole; lastCallAt: number } | null = null;
  let events: EventHub | null = null;
  let idleTimer: ReturnType<typeof setInterval> | undefined;
  let holds = 0;

  const close = (reason: 'exit' | 'idle') => {
    if (!session) return;
    audit({ event: reason === 'idle' ? 'closed.idle' : 'exit', role: session.role });
    session = null;
    events?.emit('maintenance.closed', { reason });
  };
  /** The session's role if it is open and not idle for too long; closing it when it is. */
  const activeRole = (): MaintenanceRole | null => {
    if (session && holds === 0 && now() - session.lastCallAt >= maintenanceIdleMs) close('idle');
    return session?.role ?? null;
  };
  const state = (pins = readPins()): MaintenanceState => ({
    configured: { technician: Boolean(pins.technician), fieldStaff: Boolean(pins.fieldStaff) },
    role: activeRole(),
    failures: guard.failures,
    retryAfterMs: Math.ceil(guard.retryAfterMs()),
    locked: guard.isLocked(),
  });
  /** The role, when a session is open and allowed `action` (which keeps it alive); null, audited, otherwise. */
  const authorise = (action: MaintenanceAction): MaintenanceRole | null => {
    const role = activeRole();
    if (!role || !isActionAllowed(role, action)) {
      audit({ event: 'forbidden', role, detail: action });
      return null;
    }
    session!.lastCallAt = now();
    return role;
  };
  const forbidden = () => err('forbidden', activeRole() ? '当前角色不能执行此操作' : '维护模式未打开');

  const handlers: Handlers = {
    'maintenance.state': () => ok(state()),
    'maintenance.enter': async ({ pin }) => {
      const pins = readPins();
      if (!pins.technician && !pins.fieldStaff) return ok({ outcome: 'notConfigured' as const, state: state() });
      if (guard.isLocked()) return ok({ outcome: 'locked' as const, state: state() });
      if (guard.retryAfterMs() > 0) return ok({ outcome: 'wait' as const, state: state() });
      // Both hashes are checked whatever the first says, so timing does not tell which role a PIN nearly was.
      const matches = await Promise.all(maintenanceRoles.map(async (role) => (pins[role] ? verifyPin(pin, pins[role]) : false)));
      const role = maintenanceRoles.find((_, i) => matches[i]);
      if (!role) {
        guard.recordFailure();
        audit({ event: guard.isLocked() ? 'pin.lockout' : 'pin.wrong', detail: `failures ${guard.failures}` });
        log.warn('maintenance PIN wrong', { failures: guard.failures, locked: guard.isLocked() });
        return ok({ outcome: guard.isLocked() ? ('locked' as const) : ('wrongPin' as const), state: state() });
      }
      guard.recordSuccess();
      session = { role, lastCallAt: now() };
      audit({ event: 'enter', role });
      log.info('maintenance mode opened', { role });
      return ok({ outcome: 'opened' as const, state: state() });
    },
    'maintenance.exit': () => {
      close('exit');
      return ok(state());
    },
    'maintenance.health': () => {
      if (!authorise('health')) return forbidden();
      return ok({ version: options.version, devices: devices.health(), hostTime: new Date(now()).toISOString(), diskFreeBytes: diskFree(options.dataDir) });
    },
    'maintenance.testPrint': async () => {
      const role = authorise('testPrint');
      if (!role) return forbidden();
      const print = devices.handlers['printer.print'];
      if (!print) return err('unavailable', '未配置打印机');
      const profileName = (devices.current('printer') ?? options.config.devices.printer)?.options.profile;
      const profile = getProfile(typeof profileName === 'string' && isProfileName(profileName) ? profileName : undefined);
      const result = await print({ document: buildTestPage(profile, new Date(now())), reprint: false, jobId: undefined });
      audit({ event: 'testPrint', role, detail: result.ok ? result.value.outcome : result.error.code });
      return result.ok ? ok({ outcome: result.value.outcome, state: result.value.state }) : result;
    },
    // Clearing never prints (DLE ENQ 2 is real-time), so whoever may print the test page may clear.
    'maintenance.printerClear': async () => {
      const role = authorise('testPrint');
      if (!role) return forbidden();
      const clear = devices.handlers['printer.clear'];
      if (!clear) return err('unavailable', '未配置打印机');
      const result = await clear({});
      audit({ event: 'printerClear', role, detail: result.ok ? (result.value.cleared ? 'cleared' : 'nothingHeld') : result.error.code });
      return result;
    },
    'maintenance.record': ({ action, detail }) => {
      const role = authorise(action);
      if (!role) return forbidden();
      audit({ event: action, role, detail });
      return ok({});
    },
  };

  return {
    name: 'maintenance',
    handlers,
    role: activeRole,
    authorise,
    audit,
    allows: (action) => {
      const role = activeRole();
      return role !== null && isActionAllowed(role, action);
    },
    hold() {
      holds += 1;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        holds -= 1;
        if (session) session.lastCallAt = now();
      };
    },
    start(hub) {
      events = hub;
      // Closes an idle session even when nobody calls: the screen hears 'maintenance.closed' and leaves.
      idleTimer = setInterval(() => activeRole(), 5_000);
      idleTimer.unref?.();
    },
    stop() {
      clearInterval(idleTimer);
    },
  };
}

function diskFree(dir: string): number | null {
  try {
    const stats = statfsSync(dir);
    return stats.bavail * stats.bsize;
  } catch {
    return null;
  }
}
