// The Chromium host's adapter (main/browser + the renderer's WebSocket transport) over a real loopback socket.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WebSocket as NodeWebSocket } from 'ws';
import { PortTakenError, startBrowserHost } from '../../main/browser/browserHost';
import type { BrowserHost } from '../../main/browser/browserHost';
import { createLogger } from '../../main/host/log';
import { createWsTransport } from '../../renderer/bridge/wsTransport';
import { createBridgeClient } from '../../src/bridge/client';
import type { Handlers } from '../../src/bridge/contract';
import { createDispatcher, createEventHub } from '../../src/bridge/dispatcher';
import { ok } from '../../src/bridge/result';
import { describeBridgeContract } from './contractSuite';

const quiet = createLogger('test', { write: () => undefined });
const staticDir = mkdtempSync(join(tmpdir(), 'kiosk-static-'));
writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>kiosk</title>');

/** The `ws` client with a chosen Origin header, shaped like the browser's WebSocket constructor. */
const webSocketFrom = (origin: string) =>
  class extends NodeWebSocket {
    constructor(url: string) {
      super(url, { origin });
    }
  } as unknown as typeof WebSocket;

async function openWs(handlers: Handlers) {
  const events = createEventHub();
  const web = await startBrowserHost({ dispatcher: createDispatcher(handlers), events, staticDir, port: 0, log: quiet });
  const secret = new URL(web.url).hash.replace('#s=', '');
  const transport = createWsTransport({ url: `${web.origin.replace('http', 'ws')}/bridge?s=${secret}`, WebSocketImpl: webSocketFrom(web.origin) });
  await transport.ready();
  const client = createBridgeClient(transport);
  return { web, secret, harness: { client, transport, events, close: async () => (client.close(), transport.close(), await web.close()) } };
}

describeBridgeContract('WebSocket (Chromium host)', async (handlers) => (await openWs(handlers)).harness);

/** Opens a raw socket and reports whether the host accepted it (closing it again unless `keep`). */
function tryConnect(url: string, origin?: string, { keep, host }: { keep?: (ws: NodeWebSocket) => void; host?: string } = {}): Promise<'open' | number> {
  return new Promise((resolve) => {
    const ws = new NodeWebSocket(url, { ...(origin ? { origin } : {}), ...(host ? { headers: { host } } : {}) });
    ws.on('open', () => (keep ? keep(ws) : ws.close(), resolve('open')));
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => resolve(0));
  });
}

describe('Chromium host security', () => {
  const handlers: Handlers = { 'app.log': () => ok({}) };
  /** A host with no page connected yet: each test opens its sockets itself. */
  const withHost = async (test: (web: BrowserHost, secret: string) => Promise<void>) => {
    const web = await startBrowserHost({ dispatcher: createDispatcher(handlers), events: createEventHub(), staticDir, port: 0, log: quiet });
    try {
      await test(web, new URL(web.url).hash.replace('#s=', ''));
    } finally {
      await web.close();
    }
  };

  it('accepts the page origin with the secret', () =>
    withHost(async (web, secret) => expect(await tryConnect(`${web.origin.replace('http', 'ws')}/bridge?s=${secret}`, web.origin)).toBe('open')));

  it('refuses a wrong or missing secret', () =>
    withHost(async (web, secret) => {
      const base = `${web.origin.replace('http', 'ws')}/bridge`;
      expect(await tryConnect(`${base}?s=${secret.slice(1)}x`, web.origin)).toBe(403);
      expect(await tryConnect(`${base}?s=`, web.origin)).toBe(403);
      expect(await tryConnect(base, web.origin)).toBe(403);
    }));

  it('refuses another origin even with the secret', () =>
    withHost(async (web, secret) => {
      const url = `${web.origin.replace('http', 'ws')}/bridge?s=${secret}`;
      expect(await tryConnect(url, 'http://evil.example')).toBe(403);
      expect(await tryConnect(url, 'http://localhost:1')).toBe(403);
      expect(await tryConnect(url)).toBe(403);
    }));

  it('refuses a second socket while the kiosk page is connected, even with the secret; a reload gets back in', () =>
    withHost(async (web, secret) => {
      const url = `${web.origin.replace('http', 'ws')}/bridge?s=${secret}`;
      let page: NodeWebSocket | undefined;
      expect(await tryConnect(url, web.origin, { keep: (ws) => (page = ws) })).toBe('open');
      expect(await tryConnect(url, web.origin)).toBe(409);
      expect(await tryConnect(url, web.origin)).toBe(409);
      await new Promise((resolve) => (page!.once('close', resolve), page!.close()));
      // The server releases the page's claim when its TCP socket closes, a moment after the close frame.
      await expect.poll(() => tryConnect(url, web.origin)).toBe('open');
    }));

  it('answers a foreign Host header with 403, on the page and on the bridge (DNS rebinding)', () =>
    withHost(async (web, secret) => {
      const get = (host: string) =>
        new Promise<number>((resolve) => request(`${web.origin}/`, { headers: { host } }, (res) => (res.resume(), resolve(res.statusCode ?? 0))).end());
      expect(await get(new URL(web.origin).host)).toBe(200);
      expect(await get(`evil.example:${new URL(web.origin).port}`)).toBe(403);
      expect(await get(`localhost:${new URL(web.origin).port}`)).toBe(403);
      const url = `${web.origin.replace('http', 'ws')}/bridge?s=${secret}`;
      expect(await tryConnect(url, web.origin, { host: `evil.example:${new URL(web.origin).port}` })).toBe(403);
    }));

  it('fails loudly on a taken port instead of moving to another one', async () => {
    const { web, harness } = await openWs(handlers);
    try {
      const port = Number(new URL(web.origin).port);
      const second = startBrowserHost({ dispatcher: createDispatcher(handlers), events: createEventHub(), staticDir, port, log: quiet });
      await expect(second).rejects.toThrow(PortTakenError);
      await expect(second).rejects.toThrow(`127.0.0.1:${port} is already in use`);
    } finally {
      await harness.close();
    }
  });

  it('answers malformed messages with an error and stays up', () =>
    withHost(async (web, secret) => {
      const ws = new NodeWebSocket(`${web.origin.replace('http', 'ws')}/bridge?s=${secret}`, { origin: web.origin });
      await new Promise((r) => ws.once('open', r));
      const answers: unknown[] = [];
      ws.on('message', (data) => answers.push(JSON.parse(data.toString())));
      ws.send('not json');
      ws.send(JSON.stringify({ method: 'app.log' }));
      // Found by the bridge fuzz test: a method name without a primitive value (String() on it throws).
      ws.send(JSON.stringify({ id: 6, method: { toString: 0 } }));
      ws.send(JSON.stringify({ id: 7, method: 'app.log', input: { level: 'info', scope: 's', message: 'ok' } }));
      await new Promise<void>((resolve) => {
        const check = setInterval(() => answers.length === 4 && (clearInterval(check), resolve()), 10);
      });
      ws.close();
      expect(answers[0]).toMatchObject({ id: null, result: { ok: false, error: { code: 'invalid_argument' } } });
      expect(answers[1]).toMatchObject({ id: null, result: { ok: false, error: { code: 'invalid_argument' } } });
      expect(answers[2]).toMatchObject({ id: 6, result: { ok: false, error: { code: 'unknown_method', message: 'No bridge method of type object' } } });
      expect(answers[3]).toEqual({ id: 7, result: { ok: true, value: {} } });
    }));

  it('serves the page with the strict CSP and never a file outside the renderer folder', () =>
    withHost(async (web) => {
      const get = (path: string) =>
        new Promise<{ status: number; csp: string | undefined }>((resolve) =>
          request(`${web.origin}${path}`, (res) => (res.resume(), resolve({ status: res.statusCode ?? 0, csp: res.headers['content-security-policy'] as string | undefined }))).end(),
        );
      const page = await get('/');
      expect(page.status).toBe(200);
      expect(page.csp).toContain("script-src 'self'");
      expect(page.csp).toContain("object-src 'none'");
      expect(page.csp).not.toContain('unsafe-eval');
      expect((await get('/..%2f..%2f..%2fetc%2fpasswd')).status).toBe(403);
      expect((await get('/missing.js')).status).toBe(404);
    }));
});
