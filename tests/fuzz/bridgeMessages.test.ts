// Issue 15 §4: any message over the Chromium host's WebSocket, from a client that has the secret (the worst
// case: a compromised page). The host runs its real services (hub client, devices unconfigured, maintenance,
// lookup) over a temporary data directory. Every message gets exactly one answer, a Result whose error is one
// of the bridge's typed codes — never `internal`, which would mean a handler threw or answered outside its
// schema — and the host keeps serving: afterwards a valid call is answered and a new page can connect.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startBrowserHost } from '../../main/browser/browserHost';
import type { BrowserHost } from '../../main/browser/browserHost';
import { loadConfig } from '../../main/host/config';
import { startHost } from '../../main/host/host';
import type { KioskHost } from '../../main/host/host';
import { createLogger } from '../../main/host/log';
import { createServices } from '../../main/host/services';
import { methods } from '../../src/bridge/contract';
import { bridgeErrorCodes } from '../../src/bridge/result';

const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-bridge-fuzz-'));
const staticDir = mkdtempSync(join(tmpdir(), 'kiosk-static-'));
writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>kiosk</title>');
const internalErrors: string[] = [];
const log = createLogger('fuzz', { write: (line: string) => (/bridge handler failed/.test(line) ? internalErrors.push(line) : undefined) });

let host: KioskHost;
let web: BrowserHost;
let bridgeUrl: string;

beforeAll(async () => {
  // A hub that refuses connections at once: the hub service answers, but never reaches anything.
  writeFileSync(join(dataDir, 'config.json'), JSON.stringify({ hub: { url: 'http://127.0.0.1:9' } }));
  const config = loadConfig(dataDir, {});
  host = await startHost({ hostKind: 'browser', version: '0.1.0', config, log, services: createServices(config, log, dataDir, { running: '0.1.0', factory: '0.1.0' }) });
  web = await startBrowserHost({ dispatcher: host.dispatcher, events: host.events, staticDir, port: 0, log });
  bridgeUrl = `${web.origin.replace('http', 'ws')}/bridge?s=${new URL(web.url).hash.replace('#s=', '')}`;
});

afterAll(async () => {
  await web?.close();
  await host?.stop();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(staticDir, { recursive: true, force: true });
});

/** A connected page: sends raw text, collects the answers (events are skipped). */
async function connect() {
  const ws = new WebSocket(bridgeUrl, { origin: web.origin });
  await new Promise<void>((resolve, reject) => (ws.once('open', () => resolve()), ws.once('error', reject)));
  const answers: { id: unknown; result: unknown }[] = [];
  const waiting: (() => void)[] = [];
  ws.on('message', (data) => {
    const message = JSON.parse(data.toString()) as { id?: unknown; result?: unknown; event?: unknown };
    if ('event' in message) return;
    answers.push({ id: message.id, result: message.result });
    waiting.shift()?.();
  });
  return {
    ws,
    /** Closes and waits until the host has seen it (it serves one page at a time). */
    close: () => new Promise<void>((resolve) => (ws.once('close', () => resolve()), ws.close())),
    /** Sends one frame and waits for its one answer. */
    async ask(frame: string | Buffer): Promise<{ id: unknown; result: unknown }> {
      const before = answers.length;
      const answered = new Promise<void>((resolve) => waiting.push(resolve));
      ws.send(frame);
      await Promise.race([answered, new Promise((_, reject) => setTimeout(() => reject(new Error('no answer from the host')), 20_000))]);
      expect(answers.length).toBe(before + 1);
      return answers[answers.length - 1] as { id: unknown; result: unknown };
    },
  };
}

const methodNames = Object.keys(methods);
const method = fc.oneof({ arbitrary: fc.constantFrom(...methodNames), weight: 6 }, { arbitrary: fc.jsonValue({ maxDepth: 1 }), weight: 1 }, { arbitrary: fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty'), weight: 1 });
const input = fc.oneof({ arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 4 }, { arbitrary: fc.constant(undefined), weight: 1 }, { arbitrary: fc.constantFrom({}, { items: [] }, { pin: '0000' }, { __proto__: { admin: true } }), weight: 1 });
const message = fc.oneof(
  { arbitrary: fc.record({ id: fc.integer(), method, input }, { requiredKeys: ['id'] }).map((m) => JSON.stringify(m)), weight: 8 },
  { arbitrary: fc.jsonValue({ maxDepth: 2 }).map((m) => JSON.stringify(m)), weight: 1 },
  { arbitrary: fc.string({ maxLength: 40 }), weight: 1 },
);

const isTypedResult = (result: unknown): boolean => {
  if (typeof result !== 'object' || result === null) return false;
  const r = result as { ok?: unknown; error?: { code?: unknown; message?: unknown } };
  if (r.ok === true) return 'value' in r;
  return r.ok === false && bridgeErrorCodes.includes(r.error?.code as never) && typeof r.error?.message === 'string';
};

describe('the host under any bridge message', () => {
  it('answers each with one typed Result, never a host failure', { timeout: 240_000 }, async () => {
    const page = await connect();
    await fc.assert(
      fc.asyncProperty(message, async (frame) => {
        const answer = await page.ask(frame);
        expect(isTypedResult(answer.result), `${frame.slice(0, 200)} → ${JSON.stringify(answer.result).slice(0, 200)}`).toBe(true);
        expect((answer.result as { error?: { code: string } }).error?.code).not.toBe('internal');
        const parsed = (() => {
          try {
            return JSON.parse(frame) as { id?: unknown };
          } catch {
            return null;
          }
        })();
        expect(answer.id).toBe(parsed !== null && typeof parsed === 'object' && typeof parsed.id === 'number' ? parsed.id : null);
      }),
      { numRuns: 250 },
    );
    // A binary frame is refused with an answer too.
    expect((await page.ask(Buffer.from([0xff, 0x00]))).result).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    await page.close();
    expect(internalErrors).toEqual([]);
  });

  it('keeps serving: a new page connects and a valid call is answered', async () => {
    const page = await connect();
    const answer = await page.ask(JSON.stringify({ id: 1, method: 'app.info', input: {} }));
    expect(answer.result).toMatchObject({ ok: true, value: { version: '0.1.0', host: 'browser' } });
    await page.close();
  });
});
