// Keeps the Electron kiosk window up (issue 15 §1): a renderer that crashes or hangs is reloaded, and the
// `limit`-th failure in the policy's window puts up the 暂停服务 screen and tells the hub (health board entry
// `renderer`, which sends a heartbeat at once). Closing the window (Alt+F4, the window manager) is refused;
// only a quit of the app (SIGTERM from systemd, an update's exit) ends the kiosk. Zoom stays at 100 %: a
// pinch or Ctrl+wheel that enlarged the page would push buttons off a screen nobody can reset.
import type { BrowserWindow, Event, Input, RenderProcessGoneDetails, WebContents } from 'electron';
import type { Locale } from '../../src/i18n';
import type { HealthBoard } from '../host/healthBoard';
import type { Logger } from '../host/log';
import { outOfServiceUrl } from './outOfServicePage';
import type { RendererFailure, RendererFailurePolicy } from './rendererFailures';

export interface WindowGuardOptions {
  /** Opens the kiosk window on the app's page (also used when a window was destroyed after all). */
  createWindow: () => BrowserWindow;
  appUrl: string;
  policy: RendererFailurePolicy;
  log: Logger;
  health: HealthBoard;
  locale: Locale;
  /** How long a hung renderer gets to answer again before it is reloaded (default 10,000 ms). */
  unresponsiveGraceMs?: number;
}

export interface WindowGuard {
  window(): BrowserWindow;
  /** The app is quitting: let the window close. */
  allowQuit(): void;
}

const zoomKeys = new Set(['+', '-', '=', '_', '0']);

/** Pins zoom at 100 %: no pinch, Ctrl+wheel and Ctrl +/-/0 undone or refused (also after every load). */
export function pinZoom(contents: WebContents): void {
  const reset = () => {
    contents.setZoomFactor(1);
    void contents.setVisualZoomLevelLimits(1, 1);
  };
  reset();
  contents.on('did-finish-load', reset);
  contents.on('zoom-changed', () => contents.setZoomFactor(1));
  contents.on('before-input-event', (event: Event, input: Input) => {
    if ((input.control || input.meta) && zoomKeys.has(input.key)) event.preventDefault();
  });
}

export function guardKioskWindow(options: WindowGuardOptions): WindowGuard {
  const { policy, log, health } = options;
  const graceMs = options.unresponsiveGraceMs ?? 10_000;
  let quitting = false;
  let current: BrowserWindow;
  let retryTimer: NodeJS.Timeout | undefined;

  const showOutOfService = (window: BrowserWindow) => {
    void window.loadURL(outOfServiceUrl(options.locale));
    const restMs = policy.restRemainingMs();
    clearTimeout(retryTimer);
    if (restMs !== null) {
      retryTimer = setTimeout(() => {
        if (quitting || window.isDestroyed()) return;
        log.warn('out of service ended; trying the kiosk page again');
        health.set('renderer', { status: 'degraded', detail: 'retryAfterOutOfService' });
        void window.loadURL(options.appUrl);
      }, restMs);
    }
  };

  const fail = (window: BrowserWindow, kind: RendererFailure, fields: Record<string, unknown>) => {
    if (quitting || window.isDestroyed()) return;
    const answer = policy.record(kind);
    if (answer === 'outOfService') {
      log.error('renderer out of service', { kind, ...fields, outcome: answer });
      health.set('renderer', { status: 'offline', detail: `outOfService after=${kind}` });
      showOutOfService(window);
      return;
    }
    log.error('renderer failed; reloading', { kind, ...fields, failures: policy.recent(), outcome: answer });
    health.set('renderer', { status: 'degraded', detail: `reloaded kind=${kind} failures=${policy.recent()}` });
    void window.loadURL(options.appUrl);
  };

  const attach = (window: BrowserWindow) => {
    const contents = window.webContents;
    let hangTimer: NodeJS.Timeout | undefined;
    // A hung renderer is crashed on purpose before the reload; that crash is not a second failure.
    let crashingOnPurpose = false;
    pinZoom(contents);
    window.on('close', (event: Event) => {
      if (quitting) return;
      event.preventDefault();
      log.warn('kiosk window close refused');
    });
    window.on('closed', () => {
      clearTimeout(hangTimer);
      if (quitting) return;
      log.error('kiosk window destroyed; opening a new one');
      current = options.createWindow();
      attach(current);
    });
    contents.on('render-process-gone', (_event: Event, details: RenderProcessGoneDetails) => {
      clearTimeout(hangTimer);
      if (crashingOnPurpose) {
        crashingOnPurpose = false;
        return;
      }
      fail(window, 'crashed', { reason: details.reason, code: details.exitCode });
    });
    contents.on('unresponsive', () => {
      clearTimeout(hangTimer);
      hangTimer = setTimeout(() => {
        if (quitting || window.isDestroyed()) return;
        crashingOnPurpose = true;
        contents.forcefullyCrashRenderer();
        fail(window, 'unresponsive', { ms: graceMs });
      }, graceMs);
    });
    contents.on('responsive', () => clearTimeout(hangTimer));
  };

  current = options.createWindow();
  attach(current);
  return {
    window: () => current,
    allowQuit() {
      quitting = true;
      clearTimeout(retryTimer);
    },
  };
}
