// The bridge transport of the Chromium host: one WebSocket to the page's own origin, authenticated by the
// per-launch secret from the URL fragment. It reconnects by itself (the host may restart); calls made while
// it is down fail at once with a transport error instead of hanging a resident's screen.
import type { BridgeTransport } from '../../src/bridge/client';

export interface WsTransportOptions {
  url: string;
  /** The WebSocket implementation (default: the browser's); tests pass the `ws` package's. */
  WebSocketImpl?: typeof WebSocket;
  /** How long a call may wait for its answer (default 15 s; device calls have their own shorter limits). */
  callTimeoutMs?: number;
  /** Longest pause between reconnection attempts (default 5 s). */
  maxReconnectDelayMs?: number;
}

export interface WsTransport extends BridgeTransport {
  close(): void;
  /** Resolves when the socket is open (or at once if it is). */
  ready(): Promise<void>;
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

export function createWsTransport({ url, WebSocketImpl = WebSocket, callTimeoutMs = 15_000, maxReconnectDelayMs = 5_000 }: WsTransportOptions): WsTransport {
  const pending = new Map<number, Pending>();
  const listeners = new Set<(envelope: unknown) => void>();
  let waiters: (() => void)[] = [];
  let nextId = 1;
  let socket: WebSocket | undefined;
  let closed = false;
  let attempt = 0;
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;

  const failAll = (reason: string) => {
    for (const [id, call] of pending) {
      clearTimeout(call.timer);
      call.reject(new Error(reason));
      pending.delete(id);
    }
  };

  const connect = () => {
    const ws = new WebSocketImpl(url);
    socket = ws;
    ws.onopen = () => {
      attempt = 0;
      for (const wake of waiters) wake();
      waiters = [];
    };
    ws.onmessage = (message: MessageEvent) => {
      let data: { id?: unknown; result?: unknown; event?: unknown };
      try {
        data = JSON.parse(String(message.data));
      } catch {
        return;
      }
      if (data.event !== undefined) {
        for (const listener of listeners) listener(data.event);
      } else if (typeof data.id === 'number') {
        const call = pending.get(data.id);
        if (!call) return;
        pending.delete(data.id);
        clearTimeout(call.timer);
        call.resolve(data.result);
      }
    };
    ws.onclose = () => {
      failAll('the kiosk host is not answering');
      if (closed) return;
      // Back off up to the cap so a dead host does not get a connection storm from the page.
      const delay = Math.min(maxReconnectDelayMs, 200 * 2 ** attempt++);
      reconnectTimer = setTimeout(connect, delay);
    };
    ws.onerror = () => undefined; // followed by onclose, which handles it
  };
  connect();

  return {
    invoke(method, input) {
      if (!socket || socket.readyState !== WebSocketImpl.OPEN) return Promise.reject(new Error('the kiosk host is not connected'));
      const id = nextId++;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`${method} did not answer in time`));
        }, callTimeoutMs);
        pending.set(id, { resolve, reject, timer });
        socket!.send(JSON.stringify({ id, method, input }));
      });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    ready() {
      if (socket?.readyState === WebSocketImpl.OPEN) return Promise.resolve();
      return new Promise((resolve) => waiters.push(resolve));
    },
    close() {
      closed = true;
      clearTimeout(reconnectTimer);
      failAll('bridge closed');
      socket?.close();
    },
  };
}
