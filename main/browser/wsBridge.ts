// The bridge over a WebSocket for the Chromium host. Only the kiosk page may connect: the socket must name
// our own host (DNS rebinding), come from our own origin and carry the per-launch secret, and only one page
// at a time: while the kiosk page is connected, a second socket is refused even with the secret, so a
// process that learnt it cannot sit beside the page. Everything is refused before the upgrade.
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
  /** The only Origin allowed, e.g. `http://127.0.0.1:5173`; its host:port is the only Host header allowed. */
  allowedOrigin: () => string;
  log: Logger;
  /** Called when the kiosk page has connected (the host then deletes the launch page that carried the secret). */
  onConnect?: () => void;
}

const sameSecret = (given: string | null, secret: string): boolean => {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
};

const statusText = { 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict' } as const;

function refuse(socket: Duplex, status: keyof typeof statusText, log: Logger, reason: string) {
  log.warn('bridge connection refused', { reason });
  socket.end(`HTTP/1.1 ${status} ${statusText[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/** Whether a request names the host it was sent to: a page on a rebound DNS name sends its own name. */
export const isOwnHost = (request: IncomingMessage, origin: string): boolean => request.headers.host === new URL(origin).host;

export function attachWsBridge({ server, dispatcher, events, secret, allowedOrigin, log, onConnect }: WsBridgeOptions): { close(): Promise<void> } {
  const wss = new WebSocketServer({ noServer: true, maxPayload });
  // The socket of the connected kiosk page; claimed before the upgrade completes, so two racing upgrades
  // cannot both get in, and released when that TCP socket closes (a reload reconnects after it).
  let holder: Duplex | null = null;

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (!isOwnHost(request, allowedOrigin())) return refuse(socket, 403, log, 'host');
    if (url.pathname !== bridgePath) return refuse(socket, 404, log, 'path');
    if (request.headers.origin !== allowedOrigin()) return refuse(socket, 403, log, 'origin');
    if (!sameSecret(url.searchParams.get('s'), secret)) return refuse(socket, 403, log, 'secret');
    if (holder) return refuse(socket, 409, log, 'a kiosk page is already connected');
    holder = socket;
    socket.once('close', () => {
      if (holder === socket) holder = null;
    });
    wss.handleUpgrade(request, socket, head, (ws) => {
      log.info('kiosk page connected to the bridge');
      wss.emit('connection', ws);
      onConnect?.();
    });
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
      // The dispatcher never throws by contract; if it ever does, the page still gets its one answer.
      const result = await dispatcher.dispatch(message.method, message.input).catch(() => err('internal', 'the host could not answer'));
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
