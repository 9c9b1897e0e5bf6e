// A tiny TCP proxy between the kiosk's hub client and the hub that decides, per HTTP request, what the network
// does to it: pass it, delay it, hold it forever, answer 500 itself, or forward it and then reset the kiosk's
// connection after the hub has answered (the hub committed, the kiosk never heard: the retry must count once).
// Each kiosk request is read whole, sent upstream on a fresh connection with `Connection: close`, and the
// hub's full answer is relayed (or not).
import { connect, createServer } from 'node:net';
import type { Server, Socket } from 'node:net';

export type ProxyAction =
  | { kind: 'pass' }
  | { kind: 'delay'; ms: number }
  | { kind: 'hold' }
  /** The network is down: reset the connection at once. */
  | { kind: 'refuse' }
  | { kind: 'status500' }
  /** Forward, let the hub answer in full, then reset the kiosk's connection instead of relaying it. */
  | { kind: 'dropResponse' }
  /** Forward, then run `then` (e.g. kill the hub) before any answer; the kiosk's connection is reset. */
  | { kind: 'forwardThen'; then: () => void | Promise<void> };

export interface ProxiedRequest {
  method: string;
  path: string;
  /** 0-based count of requests seen so far. */
  index: number;
}

export interface FaultProxy {
  url: string;
  /** Decides each request's fate (default: pass). */
  policy: (request: ProxiedRequest) => ProxyAction;
  seen: ProxiedRequest[];
  setUpstream(port: number): void;
  close(): Promise<void>;
}

function parseRequest(buffer: Buffer): { head: string; body: Buffer; total: number } | null {
  const end = buffer.indexOf('\r\n\r\n');
  if (end < 0) return null;
  const head = buffer.subarray(0, end).toString('latin1');
  const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
  if (buffer.length < end + 4 + length) return null;
  return { head, body: buffer.subarray(end + 4, end + 4 + length), total: end + 4 + length };
}

export async function startFaultProxy(upstreamPort: number): Promise<FaultProxy> {
  let upstream = upstreamPort;
  const sockets = new Set<Socket>();
  const proxy: FaultProxy = {
    url: '',
    policy: () => ({ kind: 'pass' }),
    seen: [],
    setUpstream: (port) => {
      upstream = port;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };

  const relay = (client: Socket, head: string, body: Buffer, onAnswered: (answer: Buffer) => void, onSent?: () => void) => {
    const lines = head.split('\r\n').filter((line) => !/^connection:/i.test(line));
    const up = connect(upstream, '127.0.0.1');
    sockets.add(up);
    const chunks: Buffer[] = [];
    up.on('connect', () => {
      up.write(Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\nconnection: close\r\n\r\n`, 'latin1'), body]));
      onSent?.();
    });
    up.on('data', (chunk) => chunks.push(chunk));
    up.on('end', () => onAnswered(Buffer.concat(chunks)));
    up.on('error', () => client.resetAndDestroy());
    up.on('close', () => sockets.delete(up));
  };

  const server: Server = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => undefined);
    let buffer = Buffer.alloc(0);
    client.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      const request = parseRequest(buffer);
      if (!request) return;
      buffer = buffer.subarray(request.total);
      const [method = '', path = ''] = request.head.split('\r\n')[0]?.split(' ') ?? [];
      const info = { method, path, index: proxy.seen.length };
      proxy.seen.push(info);
      const action = proxy.policy(info);
      const answer = (bytes: Buffer) => {
        if (!client.destroyed) client.end(bytes);
      };
      switch (action.kind) {
        case 'pass':
          return relay(client, request.head, request.body, answer);
        case 'delay':
          return void setTimeout(() => relay(client, request.head, request.body, answer), action.ms);
        case 'hold':
          return;
        case 'refuse':
          return client.resetAndDestroy();
        case 'status500': {
          const body = JSON.stringify({ error: 'internal', reason: 'injected by the test proxy' });
          return answer(Buffer.from(`HTTP/1.1 500 Internal Server Error\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\nconnection: close\r\n\r\n${body}`));
        }
        case 'dropResponse':
          return relay(client, request.head, request.body, () => client.resetAndDestroy());
        case 'forwardThen':
          return relay(client, request.head, request.body, () => client.resetAndDestroy(), () => void Promise.resolve(action.then()).finally(() => client.resetAndDestroy()));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  proxy.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return proxy;
}
