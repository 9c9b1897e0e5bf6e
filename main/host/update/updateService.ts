// The running kiosk's side of an update: the loader's choice at start (startSource, shared by both hosts) and
// the health check after it. A pending slot is marked good when the renderer reports healthy (bridge up,
// database open, outbox read) within `healthTimeoutMs`; otherwise the host is told to exit, so the watchdog
// (systemd Restart=always, or the test) starts it again and the boot counter decides (bootSlot.decideBoot).
import { err, ok } from '../../../src/bridge/result';
import type { UpdateReport } from '../../../src/domain/hubApi';
import type { HostService } from '../host';
import type { Logger } from '../log';
import type { BootDecision, UpdateContext } from './bootSlot';
import { decideBoot, markGood, sourceVersion } from './bootSlot';
import { trustedKeys } from './keys';
import { rendererDirFor } from './payload';
import { readState } from './slotLayout';
import type { BootSource } from './slotLayout';

export interface StartSource extends BootDecision {
  rendererDir: string;
  context: UpdateContext;
}

/** What the loader does at each start: the boot decision and the renderer folder it names. */
export function startSource(dataDir: string, factoryVersion: string, factoryRendererDir: string): StartSource {
  const context: UpdateContext = { dataDir, factoryVersion, trusted: trustedKeys(dataDir) };
  const decision = decideBoot(context);
  return { ...decision, context, rendererDir: rendererDirFor(dataDir, decision.source, factoryRendererDir) };
}

/** What the heartbeat tells the hub about updates (src/domain/hubApi.ts updateReportSchema). */
export function updateReport(context: UpdateContext): UpdateReport {
  const state = readState(context.dataDir);
  const describe = (slot: BootSource) => ({ slot, version: sourceVersion(context, slot) });
  return {
    current: describe(state.current),
    previous: state.previous ? describe(state.previous) : null,
    pending: state.pending,
    lastResult: state.lastResult,
    rolledBack: state.rolledBack ? { version: state.rolledBack.version, reason: state.rolledBack.reason } : null,
  };
}

export interface UpdateServiceOptions {
  start: StartSource;
  log: Logger;
  /** How long a pending slot has to report healthy after the host starts (default 120,000 ms). */
  healthTimeoutMs?: number;
  /** Called when a pending slot missed its health check (the host exits so the watchdog restarts it). */
  onUnhealthy: () => void;
}

export function createUpdateService({ start, log, healthTimeoutMs = 120_000, onUnhealthy }: UpdateServiceOptions): HostService {
  let timer: NodeJS.Timeout | undefined;
  if (start.rolledBack) log.error('update rolled back', { to: start.source, version: start.version, reason: start.rolledBack });
  return {
    name: 'update',
    handlers: {
      'update.health': ({ outboxRows }) => {
        try {
          const before = readState(start.context.dataDir);
          const markedGood = before.pending && before.current === start.source;
          if (markedGood) {
            markGood(start.context);
            clearTimeout(timer);
            log.info('update marked good', { source: start.source, version: start.version, outboxRows });
          }
          return ok({ source: start.source, version: start.version, markedGood });
        } catch (error) {
          log.error('mark-good failed', { error });
          return err('internal', 'the update state could not be written');
        }
      },
    },
    start() {
      if (!start.state.pending) return;
      log.info('pending update started', { source: start.source, version: start.version, attempt: start.state.bootAttempts });
      timer = setTimeout(() => {
        log.error('pending update missed its health check', { source: start.source, version: start.version, ms: healthTimeoutMs });
        onUnhealthy();
      }, healthTimeoutMs);
    },
    stop() {
      clearTimeout(timer);
    },
  };
}
