// The field-staff screen's side in the host (issue 12): list the bundles on a USB stick, install one with
// progress events, restart into it. Role-gated HERE, not in the renderer: every method answers `forbidden`
// unless maintenance mode is open for a role allowed 'update' (field staff, technician; contract/maintenance.ts).
// A file to install must be one that `update.usb` found under the configured USB roots: the renderer cannot
// name an arbitrary path. The install itself is installBundle's (verify in memory, stage, re-hash, switch),
// run with the event loop free between files so 'update.progress' reaches the screen while it writes.
import { basename, resolve, sep } from 'node:path';
import type { Handlers } from '../../../src/bridge/contract';
import type { UpdateRefusal } from '../../../src/bridge/contract/update';
import type { EventHub } from '../../../src/bridge/dispatcher';
import { err, ok } from '../../../src/bridge/result';
import type { Clock } from '../../../src/domain/clock';
import type { HostService } from '../host';
import type { Logger } from '../log';
import type { MaintenanceAction } from '../../../src/bridge/contract/maintenance';
import type { UpdateContext } from './bootSlot';
import { installBundleAsync } from './installBundle';
import type { InstallOutcome } from './installBundle';
import { trustedKeys } from './keys';
import { recordedElectronVersion } from './slotLayout';
import { listUsbBundles } from './usbSource';
import { updateReport } from './updateService';
import { createProgressMeter } from './progressMeter';

export interface FieldUpdateOptions {
  dataDir: string;
  factoryVersion: string;
  /** config.update: the channel this kiosk follows and where USB sticks are mounted. */
  channel: string;
  usbRoots: string[];
  /** The maintenance session: does its role allow this action? */
  allows: (action: MaintenanceAction) => boolean;
  /** Keeps the maintenance session open while an install runs (maintenance.hold); default: nothing held. */
  holdSession?: () => () => void;
  log: Logger;
  clock: Clock;
  /** Awaited after each file written (default: one event-loop turn); tests slow it to watch the progress. */
  between?: () => Promise<void>;
  /** Restart so the loader starts the installed slot (the host exits; the watchdog starts it again). */
  restart: () => void;
}

const forbidden = () => err('forbidden', '维护模式未打开，或当前角色不能安装更新');

export function createFieldUpdateService(options: FieldUpdateOptions): HostService {
  const { log, clock } = options;
  let events: EventHub | null = null;
  let installing = false;
  const context = (): UpdateContext & { channel: string; runtime: { node: string; electron: string | null } } => ({
    dataDir: options.dataDir,
    factoryVersion: options.factoryVersion,
    trusted: trustedKeys(options.dataDir),
    channel: options.channel,
    runtime: { node: process.versions.node, electron: recordedElectronVersion(options.dataDir) },
  });
  const listed = () => listUsbBundles(context(), options.usbRoots);
  const isUnderRoots = (file: string) => options.usbRoots.some((root) => resolve(file).startsWith(resolve(root) + sep));

  const handlers: Handlers = {
    'update.usb': () => {
      if (!options.allows('update')) return forbidden();
      const bundles = listed().map((bundle) => ({
        file: bundle.file,
        name: basename(bundle.file),
        size: bundle.size,
        manifest: bundle.manifest && { version: bundle.manifest.version, channel: bundle.manifest.channel, notes: bundle.manifest.notes, created: bundle.manifest.created, minVersion: bundle.manifest.minVersion },
        refusal: bundle.refusal && { ...bundle.refusal, detail: (bundle.problem ?? '').slice(0, 1000) },
      }));
      const report = updateReport(context());
      // The loader's reason as a code for plain words: only a missed health check says "not marked good".
      const rolledBack = report.rolledBack && { ...report.rolledBack, code: report.rolledBack.reason.startsWith('not marked good') ? ('health' as const) : ('damaged' as const) };
      return ok({ installed: { current: report.current, previous: report.previous, pending: report.pending, lastResult: report.lastResult, rolledBack }, bundles });
    },
    'update.install': async ({ file }) => {
      if (!options.allows('update')) return forbidden();
      // Only a bundle found on the stick: the renderer never names a path of its own choosing.
      if (!isUnderRoots(file) || !file.endsWith('.bundle')) return err('invalid_argument', 'not a bundle on a USB stick');
      if (installing) return ok({ installed: false as const, refusal: refusal({ ok: false, kind: 'policy', code: 'busy', params: { since: '' }, message: 'an install is already running' }) });
      installing = true;
      const release = options.holdSession?.();
      const meter = createProgressMeter(clock);
      const emit = () => events?.emit('update.progress', meter.progress());
      log.info('field install started', { path: file });
      try {
        const outcome = await installBundleAsync(
          file,
          {
            ...context(),
            onVerified: (manifest) => meter.size(manifest.files.map((f) => f.size)),
            onStep: (step) => {
              meter.step(step);
              emit();
            },
          },
          options.between,
        );
        if (!outcome.ok) {
          log.warn('field install refused', { kind: outcome.kind, code: outcome.code, reason: outcome.message });
          return ok({ installed: false as const, refusal: refusal(outcome) });
        }
        log.info('field install done', { version: outcome.version, slot: outcome.slot });
        return ok({ installed: true as const, version: outcome.version, slot: outcome.slot });
      } catch (error) {
        log.error('field install failed', { error });
        return ok({ installed: false as const, refusal: { kind: 'io' as const, code: 'io' as const, params: {}, detail: String((error as Error).message).slice(0, 1000) } });
      } finally {
        installing = false;
        release?.();
      }
    },
    'update.restart': () => {
      if (!options.allows('update')) return forbidden();
      log.info('restart to start the installed update');
      // After the answer is on its way: the screen hears "restarting" before the host goes.
      setTimeout(() => options.restart(), 200);
      return ok({});
    },
  };

  return {
    name: 'fieldUpdate',
    handlers,
    start(hub) {
      events = hub;
    },
    stop() {
      events = null;
    },
  };
}

function refusal(outcome: Extract<InstallOutcome, { ok: false }>): UpdateRefusal {
  return { kind: outcome.kind, code: outcome.code, params: outcome.params, detail: outcome.message.slice(0, 1000) };
}
