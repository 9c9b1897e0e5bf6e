// sd_notify for both hosts under systemd (docs/build/zhengwu-kiosk.service, ADR 0013): READY=1 once the host
// serves, WATCHDOG=1 every half watchdog period while its event loop turns, STOPPING=1 on the way out. A host
// whose event loop hangs stops pinging, and systemd kills and restarts it (Restart=always).
//
// Node cannot send a unix datagram without a native module (`unix-dgram` is one, and native modules are what
// the Electron package has to unpack and rebuild), so the message is sent by Debian's own `systemd-notify`
// binary (package systemd, present wherever systemd is). It runs as a child, so the unit says
// NotifyAccess=all, and it is left to wait for systemd's barrier (no --no-block): systemd 252 drops a message
// whose sender has exited before it was read ("Cannot find unit for notify message"). Without NOTIFY_SOCKET
// (development, tests, Windows) every call does nothing.
import { execFile } from 'node:child_process';
import type { Logger } from './log';

/** Sends one notification; `env` carries NOTIFY_SOCKET to the sender. */
export type NotifySend = (assignments: string[], env: NodeJS.ProcessEnv) => Promise<void>;

/** Sends `assignments` with systemd-notify (default binary /usr/bin/systemd-notify). */
export const sendWithSystemdNotify =
  (binary = '/usr/bin/systemd-notify', timeoutMs = 10_000): NotifySend =>
  (assignments, env) =>
    new Promise((resolve, reject) => {
      execFile(binary, assignments, { timeout: timeoutMs, env }, (error) => (error ? reject(error) : resolve()));
    });

export interface SystemdNotifierOptions {
  log: Logger;
  /** Default process.env: NOTIFY_SOCKET, WATCHDOG_USEC, WATCHDOG_PID as systemd sets them. */
  env?: NodeJS.ProcessEnv;
  send?: NotifySend;
  pid?: number;
}

export interface SystemdNotifier {
  /** Whether systemd is listening (NOTIFY_SOCKET set). */
  readonly active: boolean;
  /** The watchdog ping period, ms (half of WATCHDOG_USEC), or null when systemd set no watchdog for us. */
  readonly pingEveryMs: number | null;
  /** The host serves: READY=1, and the watchdog pings start. */
  ready(): void;
  stopping(): void;
}

export function createSystemdNotifier({ log, env = process.env, send = sendWithSystemdNotify(), pid = process.pid }: SystemdNotifierOptions): SystemdNotifier {
  const active = Boolean(env.NOTIFY_SOCKET);
  const watchdogUsec = Number(env.WATCHDOG_USEC);
  // WATCHDOG_PID names the process the watchdog is for; a child that inherited the variables must not ping.
  const forUs = !env.WATCHDOG_PID || Number(env.WATCHDOG_PID) === pid;
  const pingEveryMs = active && forUs && watchdogUsec > 0 ? Math.max(100, Math.floor(watchdogUsec / 2000)) : null;
  let timer: NodeJS.Timeout | undefined;
  let inFlight = false;
  let failing = false;

  const notify = (assignments: string[]) => {
    if (!active || inFlight) return; // a ping still waiting for its barrier: the next one would only queue
    inFlight = true;
    send(assignments, env)
      .then(() => {
        if (failing) log.info('systemd notify works again');
        failing = false;
      })
      .catch((error: unknown) => {
        if (!failing) log.error('systemd notify failed', { error }); // once, not every ping
        failing = true;
      })
      .finally(() => (inFlight = false));
  };

  return {
    active,
    pingEveryMs,
    ready() {
      notify(['--ready', `MAINPID=${pid}`]);
      if (pingEveryMs === null) return;
      log.info('systemd watchdog pings', { ms: pingEveryMs });
      timer = setInterval(() => notify(['WATCHDOG=1']), pingEveryMs);
      timer.unref();
    },
    stopping() {
      clearInterval(timer);
      inFlight = false;
      notify(['STOPPING=1']);
    },
  };
}
