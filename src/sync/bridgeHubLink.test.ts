import { describe, expect, it } from 'vitest';
import type { BridgeClient } from '../bridge/client';
import { ok } from '../bridge/result';
import { connectEngineToBridge, createBridgeHubLink } from './bridgeHubLink';
import type { SyncEngine, SyncStatus, WakeReason } from './engine';

const status = (patch: Partial<SyncStatus> = {}): SyncStatus => ({ state: 'idle', queued: 0, sending: 0, quarantined: 0, lastSuccessAt: null, lastError: null, nextAttemptAt: null, ...patch });

function fakes() {
  const calls: [string, unknown][] = [];
  const hubListeners: ((payload: { state: string; lastContactAt: string | null }) => void)[] = [];
  const client = {
    call: async (method: string, input: unknown) => {
      calls.push([method, input]);
      return ok(method === 'hub.sendBatch' ? { results: [] } : {});
    },
    on: (_name: string, listener: (payload: { state: string; lastContactAt: string | null }) => void) => {
      hubListeners.push(listener);
      return () => undefined;
    },
  } as unknown as Pick<BridgeClient, 'call' | 'on'>;
  const wakes: WakeReason[] = [];
  const statusListeners: ((s: SyncStatus) => void)[] = [];
  const engine = {
    wake: (reason: WakeReason) => wakes.push(reason),
    subscribe: (listener: (s: SyncStatus) => void) => {
      statusListeners.push(listener);
      listener(status());
      return () => undefined;
    },
  } as unknown as SyncEngine;
  return { client, calls, engine, wakes, hub: (state: string) => hubListeners.forEach((l) => l({ state, lastContactAt: null })), publish: (s: SyncStatus) => statusListeners.forEach((l) => l(s)) };
}

describe('bridge wiring of the sync engine', () => {
  it('sends batches with hub.sendBatch', async () => {
    const { client, calls } = fakes();
    const items = [{ id: '01890a5d-ac96-774b-bcce-b302099a8057', receiptNo: '420102-001-0000001', serviceId: 's', handlingCity: '420100', createdAt: '2026-05-01T00:00:00.000Z', sealed: { suite: 'hpke-base-x25519-sha256-aes128gcm' as const, enc: 'AA==', ct: 'AA==' } }];
    expect(await createBridgeHubLink(client).sendBatch({ items })).toEqual({ ok: true, value: { results: [] } });
    expect(calls).toEqual([['hub.sendBatch', { items }]]);
  });

  it('wakes the engine when the hub turns reachable, once per transition', () => {
    const f = fakes();
    connectEngineToBridge(f.engine, f.client);
    f.hub('offline');
    f.hub('online');
    f.hub('online');
    f.hub('offline');
    f.hub('online');
    expect(f.wakes).toEqual(['online', 'online']);
  });

  it('reports the queue to the host when it changes, not on every status', () => {
    const f = fakes();
    connectEngineToBridge(f.engine, f.client);
    f.publish(status({ state: 'sending' }));
    f.publish(status({ queued: 3, sending: 2, quarantined: 1, lastSuccessAt: '2026-05-01T00:00:00.000Z' }));
    expect(f.calls).toEqual([
      ['hub.reportQueue', { queued: 0, quarantined: 0, lastSyncAt: null }],
      ['hub.reportQueue', { queued: 5, quarantined: 1, lastSyncAt: '2026-05-01T00:00:00.000Z' }],
    ]);
  });
});
