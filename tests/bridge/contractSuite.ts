// One contract suite, run against both bridge adapters (Electron IPC and the Chromium host's WebSocket):
// whatever the transport, the renderer sees the same answers, errors and events.
import { describe, expect, it } from 'vitest';
import type { BridgeClient, BridgeTransport } from '../../src/bridge/client';
import type { Handlers } from '../../src/bridge/contract';
import type { EventHub } from '../../src/bridge/dispatcher';
import { err, ok } from '../../src/bridge/result';
import type { IdentityCard } from '../../src/domain/card';

export interface BridgeHarness {
  client: BridgeClient;
  /** The raw transport under the client, to send what a typed client never would. */
  transport: BridgeTransport;
  events: EventHub;
  close(): Promise<void>;
}

export type OpenHarness = (handlers: Handlers) => Promise<BridgeHarness>;

const settings = { idleTimeoutSeconds: 90, idleCountdownSeconds: 20, locale: 'zh-CN' as const, receiptQueryUrl: 'https://q.example/r', serviceDesk: '综合窗口', acceptedRetentionDays: 30 };
export const sampleCard: IdentityCard = {
  cardType: 'resident',
  name: '张三丰',
  sex: 'male',
  nation: '01',
  nationName: '汉',
  birthDate: '1950-03-07',
  address: '湖北省黄石市下陆区团城山街道𠀋号',
  idNumber: '420204195003070017',
  issuer: '黄石市公安局下陆分局',
  validFrom: '2015-06-01',
  validTo: null,
  idNumberValid: true,
  photoBytes: 1024,
};

export function describeBridgeContract(adapter: string, open: OpenHarness) {
  describe(`bridge contract over ${adapter}`, () => {
    const calls: unknown[] = [];
    const handlers: Handlers = {
      'app.info': () => ok({ version: '1.2.3', host: 'browser', bootId: 'boot-1', lastEventSeq: 0, settings }),
      'app.log': (input) => {
        calls.push(input);
        if (input.message === 'explode') throw new Error('secret internals 420204195003070017');
        return ok({});
      },
      'card.status': () => err('device', 'reader unplugged', 'disconnected'),
      // A host bug: answers something the contract does not allow.
      'printer.status': () => ok({ state: 'on fire' } as never),
      // ADR 0006: the host hashes the ID number with a secret the renderer never sees.
      'lookup.keys': ({ idNumber }) => (calls.push({ idNumber }), ok({ keys: [idNumber.endsWith('X') ? 'a'.repeat(64) : 'b'.repeat(64)] })),
      'lookup.adoptLegacySecret': () => ok({ outcome: 'adopted' }),
    };

    const withHarness = async (test: (h: BridgeHarness) => Promise<void>) => {
      const harness = await open(handlers);
      try {
        await test(harness);
      } finally {
        await harness.close();
      }
    };

    it('answers a valid call with the handler value', () =>
      withHarness(async ({ client }) => {
        const result = await client.call('app.info', {});
        expect(result).toEqual({ ok: true, value: { version: '1.2.3', host: 'browser', bootId: 'boot-1', lastEventSeq: 0, settings } });
      }));

    it('refuses input that breaks the schema without calling the handler', () =>
      withHarness(async ({ client }) => {
        calls.length = 0;
        const result = await client.call('app.log', { level: 'loud', scope: 'x', message: 'm' } as never);
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.error.code).toBe('invalid_argument');
        const extra = await client.call('app.info', { sneaky: true } as never);
        expect(extra.ok || extra.error.code).toBe('invalid_argument');
        expect(calls).toEqual([]);
      }));

    it('refuses unknown methods at the host, whatever the client sends', () =>
      withHarness(async ({ transport }) => {
        const raw = (await transport.invoke('fs.readFile', { path: '/etc/passwd' }).catch((e: Error) => e)) as { ok?: boolean; error?: { code: string } } | Error;
        // Electron's preload has no function for it (rejects); the WebSocket host answers unknown_method.
        if (raw instanceof Error) expect(raw.message).toMatch(/not exposed/);
        else expect(raw).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
      }));

    it('passes a handler error through as data', () =>
      withHarness(async ({ client }) => {
        expect(await client.call('card.status', {})).toEqual({ ok: false, error: { code: 'device', message: 'reader unplugged', detail: 'disconnected' } });
      }));

    it('turns a throwing handler into an internal error that leaks nothing', () =>
      withHarness(async ({ client }) => {
        const result = await client.call('app.log', { level: 'info', scope: 'test', message: 'explode' });
        expect(result).toEqual({ ok: false, error: { code: 'internal', message: 'app.log failed on the host' } });
      }));

    it('never delivers an answer that breaks the contract', () =>
      withHarness(async ({ client }) => {
        const result = await client.call('printer.status', {});
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.error.code).toBe('internal');
      }));

    it('answers unavailable for a method no service provides', () =>
      withHarness(async ({ client }) => {
        const result = await client.call('hub.status', {});
        expect(result.ok || result.error.code).toBe('unavailable');
      }));

    it('carries the lookup-key methods: an ID number in, hashes out; malformed input refused before the host', () =>
      withHarness(async ({ client }) => {
        calls.length = 0;
        expect(await client.call('lookup.keys', { idNumber: '42010219900101123X' })).toEqual({ ok: true, value: { keys: ['a'.repeat(64)] } });
        const tooLong = await client.call('lookup.keys', { idNumber: '4'.repeat(41) });
        expect(tooLong.ok || tooLong.error.code).toBe('invalid_argument');
        if (!tooLong.ok) expect(tooLong.error.message).not.toContain('4444');
        expect(calls).toEqual([{ idNumber: '42010219900101123X' }]);
        expect(await client.call('lookup.adoptLegacySecret', { secret: Buffer.alloc(32, 1).toString('base64') })).toEqual({ ok: true, value: { outcome: 'adopted' } });
        const short = await client.call('lookup.adoptLegacySecret', { secret: Buffer.alloc(16, 1).toString('base64') });
        expect(short.ok || short.error.code).toBe('invalid_argument');
      }));

    it('answers concurrent calls to the right caller', () =>
      withHarness(async ({ client }) => {
        const [a, b, c] = await Promise.all([client.call('app.info', {}), client.call('card.status', {}), client.call('app.info', {})]);
        expect(a.ok).toBe(true);
        expect(b.ok).toBe(false);
        expect(c.ok).toBe(true);
      }));

    it('delivers events in order with rising sequence numbers, text intact', () =>
      withHarness(async ({ client, events }) => {
        const seen: { name: string; seq: number; gap: boolean }[] = [];
        let card: unknown;
        const done = new Promise<void>((resolve) => {
          client.onAny((envelope, gap) => {
            seen.push({ name: envelope.name, seq: envelope.seq, gap });
            if (envelope.name === 'card.removed') resolve();
          });
        });
        client.on('card.read', (payload) => (card = payload));
        events.emit('card.inserted', {});
        events.emit('card.read', sampleCard);
        events.emit('card.removed', {});
        await done;
        expect(seen.map((e) => e.name)).toEqual(['card.inserted', 'card.read', 'card.removed']);
        expect(seen.map((e) => e.seq)).toEqual([1, 2, 3]);
        expect(seen.some((e) => e.gap)).toBe(false);
        expect(card).toEqual(sampleCard);
      }));

    it('refuses to emit an event that breaks the contract', () =>
      withHarness(async ({ events }) => {
        expect(() => events.emit('card.read', { ...sampleCard, sex: 'x' } as never)).toThrow();
        expect(() => events.emit('no.such' as never, {} as never)).toThrow();
      }));

    it('stops delivering events after unsubscribe', () =>
      withHarness(async ({ client, events }) => {
        const names: string[] = [];
        const off = client.on('card.inserted', () => names.push('inserted'));
        const done = new Promise<void>((resolve) => client.on('card.removed', () => resolve()));
        off();
        events.emit('card.inserted', {});
        events.emit('card.removed', {});
        await done;
        expect(names).toEqual([]);
      }));
  });
}
