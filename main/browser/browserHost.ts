// The Chromium host: the built renderer and the bridge on one loopback port. The secret travels in the URL
// fragment, which browsers never send to a server, and comes back only on the bridge socket.
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
  /** Loopback port (default 0: any free port). */
  port?: number;
  log: Logger;
}

export interface BrowserHost {
  readonly origin: string;
  /** The page to open, with `#s=<secret>`. */
  readonly url: string;
  close(): Promise<void>;
}

export async function startBrowserHost({ dispatcher, events, staticDir, port = 0, log }: BrowserHostOptions): Promise<BrowserHost> {
  const secret = randomBytes(24).toString('base64url');
  let origin = '';
  const server = createStaticServer(staticDir, () => origin.replace(/^http/, 'ws'));
  const bridge = attachWsBridge({ server, dispatcher, events, secret, allowedOrigin: () => origin, log });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
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
