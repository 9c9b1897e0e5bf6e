// Keeps the kiosk's Chromium window alive (issue 15 §1). Chromium that exits or crashes (an OOM kill, a GPU
// fault, someone's Alt+F4) is started again on the same profile, so the outbox in its IndexedDB is there again;
// the host process, its bridge and its services keep running meanwhile. Relaunches back off (1 s, 2 s, 4 s …
// up to 60 s) so a Chromium that dies at once does not spin the CPU of a cabin, and a window that stayed up
// for `stableMs` counts as healthy again. Each relaunch is logged and shown to the hub as `browser` degraded.
import type { ChildProcess } from 'node:child_process';
import type { Clock } from '../../src/domain/clock';
import { systemClock } from '../../src/domain/clock';
import type { HealthBoard } from '../host/healthBoard';
import type { Logger } from '../host/log';

/** What the supervisor needs of a launched Chromium (main/browser/chromium.ts LaunchedChromium). */
export interface SupervisedChromium {
  process: Pick<ChildProcess, 'once' | 'kill' | 'pid'>;
  forgetLaunchPage(): void;
}

export interface Timers {
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}
const realTimers: Timers = { set: (run, ms) => setTimeout(run, ms), clear: (handle) => clearTimeout(handle as NodeJS.Timeout) };

export interface ChromiumSupervisorOptions {
  launch: () => SupervisedChromium;
  log: Logger;
  health?: HealthBoard;
  clock?: Clock;
  timers?: Timers;
  /** First relaunch delay (default 1,000 ms), doubled for each exit in a row, at most `maxDelayMs` (default 60,000). */
  firstDelayMs?: number;
  maxDelayMs?: number;
  /** A window that ran this long resets the backoff and clears the hub's `browser` warning (default 5 min). */
  stableMs?: number;
}

export interface ChromiumSupervisor {
  current(): SupervisedChromium | undefined;
  /** Relaunches since start (for tests and the health entry). */
  relaunches(): number;
  /** Stops supervising and ends the current Chromium (the host is stopping). */
  stop(): void;
}

/** The delay before relaunch number `inARow` (1-based) of exits without a stable run in between. */
export const relaunchDelay = (inARow: number, firstDelayMs = 1_000, maxDelayMs = 60_000): number => Math.min(maxDelayMs, firstDelayMs * 2 ** Math.max(0, inARow - 1));

export function superviseChromium(options: ChromiumSupervisorOptions): ChromiumSupervisor {
  const { log, health } = options;
  const clock = options.clock ?? systemClock;
  const timers = options.timers ?? realTimers;
  const stableMs = options.stableMs ?? 5 * 60_000;
  let chromium: SupervisedChromium | undefined;
  let stopped = false;
  let inARow = 0;
  let total = 0;
  let pending: unknown;
  let stableTimer: unknown;

  const scheduleRelaunch = (reason: Record<string, unknown>) => {
    inARow += 1;
    const ms = relaunchDelay(inARow, options.firstDelayMs, options.maxDelayMs);
    log.warn('chromium exited; relaunching', { ...reason, attempt: inARow, ms });
    health?.set('browser', { status: 'degraded', detail: `relaunched count=${total + 1} inARow=${inARow}` });
    pending = timers.set(() => {
      pending = undefined;
      total += 1;
      start();
    }, ms);
  };

  function start() {
    if (stopped) return;
    const startedAt = clock.now();
    try {
      chromium = options.launch();
    } catch (error) {
      chromium = undefined;
      log.error('chromium could not be started', { error });
      scheduleRelaunch({ code: 'launchFailed' });
      return;
    }
    const launched = chromium;
    // Only a window that stays up resets the backoff: a Chromium that dies within seconds again and again
    // waits longer each time.
    stableTimer = timers.set(() => {
      inARow = 0;
      health?.set('browser', { status: 'ok' });
    }, stableMs);
    launched.process.once('exit', (code: number | null, signal: NodeJS.Signals | null) => {
      timers.clear(stableTimer);
      launched.forgetLaunchPage();
      if (chromium === launched) chromium = undefined;
      if (stopped) return;
      if (clock.now() - startedAt >= stableMs) inARow = 0;
      scheduleRelaunch({ code: code ?? undefined, signal: signal ?? undefined, durationMs: clock.now() - startedAt });
    });
  }

  start();
  return {
    current: () => chromium,
    relaunches: () => total,
    stop() {
      stopped = true;
      timers.clear(pending);
      timers.clear(stableTimer);
      chromium?.process.kill('SIGTERM');
      chromium?.forgetLaunchPage();
    },
  };
}
