// Installs hub releases by itself (issue 12): every `tickMs` the host asks the pure policy
// (src/domain/autoUpdatePolicy.ts) whether now is a moment to: in the quiet hours (config update.quietHours,
// China time), no resident in a session (the renderer reports it: 'update.residentSession'), nothing pending.
// Then it fetches the newest release of its channel (fetchRelease: resumes a cut download) and installs it
// (installBundleAsync: the same verification, policy and lock as every install), and restarts into it if still
// nobody is at the kiosk; the new version then has to pass its health check like any other.
import type { Handlers } from '../../../src/bridge/contract';
import { ok } from '../../../src/bridge/result';
import type { Clock } from '../../../src/domain/clock';
import { decideAutoUpdate } from '../../../src/domain/autoUpdatePolicy';
import type { QuietHours } from '../../../src/domain/autoUpdatePolicy';
import type { HostService } from '../host';
import type { Logger } from '../log';
import { sourceVersion } from './bootSlot';
import { fetchRelease } from './fetchRelease';
import { installBundleAsync } from './installBundle';
import { trustedKeys } from './keys';
import { readState, recordedElectronVersion } from './slotLayout';

export interface AutoUpdateOptions {
  dataDir: string;
  factoryVersion: string;
  channel: string;
  quietHours: QuietHours;
  enabled: boolean;
  clock: Clock;
  log: Logger;
  restart: () => void;
  /** The hub and the kiosk credential (null: not enrolled, nothing to ask). */
  hub: () => { hubUrl: string; credential: string } | null;
  /** How often the policy is asked (default 5 minutes; 0: never by itself, only `tick()`). */
  tickMs?: number;
  fetch?: typeof fetch;
}

export interface AutoUpdateService extends HostService {
  /** One look: what the policy said, and what was done. Runs on the timer; tests call it directly. */
  tick(): Promise<'waited' | 'upToDate' | 'installed' | 'failed'>;
}

export function createAutoUpdateService(options: AutoUpdateOptions): AutoUpdateService {
  const { log, clock } = options;
  let residentInSession = false;
  let lastCheckAt: number | null = null;
  let running = false;
  let timer: NodeJS.Timeout | undefined;

  async function tick(): Promise<'waited' | 'upToDate' | 'installed' | 'failed'> {
    if (running) return 'waited';
    const state = readState(options.dataDir);
    const decision = decideAutoUpdate({ now: clock.now(), enabled: options.enabled, quietHours: options.quietHours, residentInSession, pending: state.pending, lastCheckAt });
    if (decision.act === 'wait') return 'waited';
    const credential = options.hub();
    if (!credential) return 'waited'; // not enrolled: no hub to ask
    running = true;
    lastCheckAt = clock.now();
    try {
      const context = { dataDir: options.dataDir, factoryVersion: options.factoryVersion, trusted: trustedKeys(options.dataDir) };
      const fetched = await fetchRelease({
        hubUrl: credential.hubUrl,
        credential: credential.credential,
        channel: options.channel,
        dataDir: options.dataDir,
        installedVersion: sourceVersion(context, state.current) ?? options.factoryVersion,
        rolledBackVersion: state.rolledBack?.version ?? null,
        fetch: options.fetch,
      });
      if (fetched.status === 'failed') {
        log.warn('release fetch failed', { reason: fetched.message });
        return 'failed';
      }
      if (fetched.status === 'upToDate') return 'upToDate';
      const outcome = await installBundleAsync(fetched.file, { ...context, channel: options.channel, runtime: { node: process.versions.node, electron: recordedElectronVersion(options.dataDir) } });
      if (!outcome.ok) {
        log.warn('release install refused', { kind: outcome.kind, code: outcome.code, reason: outcome.message });
        return 'failed';
      }
      log.info('release installed in the quiet hours', { version: outcome.version, slot: outcome.slot });
      // A resident may have walked up during the download: then the restart waits for the next start.
      if (!residentInSession) options.restart();
      return 'installed';
    } finally {
      running = false;
    }
  }

  const handlers: Handlers = {
    'update.residentSession': ({ active }) => {
      residentInSession = active;
      return ok({});
    },
  };

  return {
    name: 'autoUpdate',
    handlers,
    tick,
    start() {
      const every = options.tickMs ?? 5 * 60_000;
      if (every <= 0) return;
      timer = setInterval(() => void tick().catch((error: unknown) => log.error('automatic update crashed', { error })), every);
      timer.unref();
    },
    stop() {
      clearInterval(timer);
    },
  };
}
