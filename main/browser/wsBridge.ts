// The bridge over a WebSocket for the Chromium host. Only the kiosk page may connect: the socket must come
// from our own origin and carry the per-launch secret; anything else is refused before the upgrade.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import type { Dispatcher, EventHub } from '../../src/bridge/dispatcher';
import { err } from '../../src/bridge/result';
import type { Logger } from '../host/log';

export const bridgePath = '/bridge';
/** Largest message accepted from the page (default 1 MiB); larger ones close the socket. */
const maxPayload = 1024 * 1024;

export interface WsBridgeOptions {
  server: Server;
  dispatcher: Dispatcher;
  events: EventHub;
  secret: string;
  /** The only Origin allowed, e.g. `http://127.0.0.1:5173`. */
  allowedOrigin: () => string;
  log: Logger;
}

const sameSecret = (given: string | null, secret: string): boolean => {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
};

function refuse(socket: Duplex, status: 403 | 404, log: Logger, reason: string) {
  log.warn('bridge connection refused', { reason });
  socket.end(`HTTP/1.1 ${status} ${status === 403 ? 'Forbidden' : 'Not Found'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export function attachWsBridge({ server, dispatcher, events, secret, allowedOrigin, log }: WsBridgeOptions): { close(): Promise<void> } {
  const wss = new WebSocketServer({ noServer: true, maxPayload });

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== bridgePath) return refuse(socket, 404, log, 'path');
    if (request.headers.origin !== allowedOrigin()) return refuse(socket, 403, log, 'origin');
    if (!sameSecret(url.searchParams.get('s'), secret)) return refuse(socket, 403, log, 'secret');
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws));
  };
  server.on('upgrade', onUpgrade);

  wss.on('connection', (ws: WebSocket) => {
    const unsubscribe = events.subscribe((envelope) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ event: envelope }));
    });
    ws.on('close', unsubscribe);
    ws.on('error', () => ws.terminate());
    ws.on('message', async (data, isBinary) => {
      let message: { id?: unknown; method?: unknown; input?: unknown };
      try {
        if (isBinary) throw new Error('binary');
        message = JSON.parse(data.toString());
      } catch {
        ws.send(JSON.stringify({ id: null, result: err('invalid_argument', 'bridge messages are JSON text') }));
        return;
      }
      if (typeof message !== 'object' || message === null || typeof message.id !== 'number') {
        ws.send(JSON.stringify({ id: null, result: err('invalid_argument', 'bridge message needs a numeric id') }));
        return;
      }
      const result = await dispatcher.dispatch(message.method, message.input);
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id: message.id, result }));
    });
  });

  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.off('upgrade', onUpgrade);
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
  };
}
