// The Chromium host: the built renderer and the bridge on one loopback port. The secret travels in the URL
// fragment, which browsers never send to a server, and comes back only on the bridge socket. The port is the
// renderer's origin, and IndexedDB belongs to the origin: a kiosk keeps one port (config `chromiumHost.port`),
// and a taken port is an error here, never a move to another one (ADR 0005).
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Dispatcher, EventHub } from '../../src/bridge/dispatcher';
import type { Logger } from '../host/log';
import { createStaticServer } from './staticServer';
import { attachWsBridge } from './wsBridge';

export interface BrowserHostOptions {
  dispatcher: Dispatcher;
  events: EventHub;
  /** The built renderer (renderer/dist). */
  staticDir: string;
  /** Loopback port; the kiosk passes its configured one. 0 (any free port) is only for in-process tests. */
  port: number;
  log: Logger;
  /** Called each time the kiosk page connects to the bridge. */
  onConnect?: () => void;
}

export interface BrowserHost {
  readonly origin: string;
  /** The page to open, with `#s=<secret>`. Never on a command line or in a log (ADR 0005). */
  readonly url: string;
  close(): Promise<void>;
}

export class PortTakenError extends Error {
  readonly code = 'port_taken';
  constructor(readonly port: number) {
    super(
      `127.0.0.1:${port} is already in use by another program. The kiosk does not move to another port: its queued ` +
        `applications live in the browser storage of this exact address. Stop the other program (ss -ltnp 'sport = :${port}'), ` +
        `or, on a new kiosk only, choose another chromiumHost.port in config.json.`,
    );
  }
}

export async function startBrowserHost({ dispatcher, events, staticDir, port, log, onConnect }: BrowserHostOptions): Promise<BrowserHost> {
  const secret = randomBytes(24).toString('base64url');
  let origin = '';
  const server = createStaticServer(staticDir, () => origin);
  const bridge = attachWsBridge({ server, dispatcher, events, secret, allowedOrigin: () => origin, log, onConnect });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'EADDRINUSE' ? new PortTakenError(port) : error));
    server.listen(port, '127.0.0.1', () => resolve());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: `${origin}/#s=${secret}`,
    async close() {
      await bridge.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
