// The whole kiosk side of sync, in process, as production wires it: the host's hub service (credential file,
// HTTP with timeouts) behind the bridge dispatcher, a bridge client, the renderer's HubLink adapter, the sync
// engine on the real clock, and the Dexie outbox on fake-indexeddb. Log lines are captured for PII checks.
import { createBridgeClient } from '../../../src/bridge/client';
import type { BridgeClient } from '../../../src/bridge/client';
import { createDispatcher, createEventHub } from '../../../src/bridge/dispatcher';
import { createHubService } from '../../../main/host/hub/hubService';
import type { HubService } from '../../../main/host/hub/hubService';
import { createLogger } from '../../../main/host/log';
import { createBridgeHubLink } from '../../../src/sync/bridgeHubLink';
import { createSyncEngine } from '../../../src/sync/engine';
import type { SyncEngine, SyncEngineOptions, SyncStatus } from '../../../src/sync/engine';
import { createTestKiosk } from './kiosk';
import type { TestKiosk } from './kiosk';

export interface KioskSide {
  service: HubService;
  client: BridgeClient;
  kiosk: TestKiosk;
  engine: SyncEngine;
  logLines: string[];
  /** A new engine on a reopened database, as after a renderer reload (the old engine is abandoned, not stopped). */
  reload(options?: Partial<SyncEngineOptions>): Promise<SyncEngine>;
  stop(): Promise<void>;
}

export async function createKioskSide(options: { hubUrl: string; dataDir: string; enrolmentCode: string; timeoutMs?: number; engine?: Partial<SyncEngineOptions> }): Promise<KioskSide> {
  const logLines: string[] = [];
  const log = createLogger('test/kiosk', { level: 'debug', write: (line) => logLines.push(line) });
  const service = createHubService({ url: options.hubUrl, dataDir: options.dataDir, log, enrolmentCode: options.enrolmentCode, timeoutMs: options.timeoutMs ?? 2_000, heartbeatMs: 0, version: '0.1.0' });
  const events = createEventHub();
  await service.start(events);
  await service.heartbeat(); // enrols with the code, then beats once
  const dispatcher = createDispatcher(service.handlers);
  // JSON on the way, like both real transports.
  const client = createBridgeClient({
    invoke: async (method, input) => JSON.parse(JSON.stringify(await dispatcher.dispatch(method, JSON.parse(JSON.stringify(input))))),
    subscribe: (listener) => events.subscribe((envelope) => listener(JSON.parse(JSON.stringify(envelope)))),
  });
  const identity = await client.call('kiosk.identity', {});
  if (!identity.ok) throw new Error(`kiosk not enrolled: ${identity.error.message}`);
  const kiosk = await createTestKiosk({ identity: identity.value });
  const engineOptions = (store: TestKiosk['store'], extra: Partial<SyncEngineOptions> = {}): SyncEngineOptions => ({
    store,
    hub: createBridgeHubLink(client),
    networkBackoff: { baseMs: 50, capMs: 400 },
    rowBackoff: { baseMs: 50, capMs: 400 },
    leaseMs: 10_000,
    pollMs: 1_000,
    ...options.engine,
    ...extra,
  });
  const engines: SyncEngine[] = [];
  const engine = createSyncEngine(engineOptions(kiosk.store));
  engines.push(engine);
  return {
    service,
    client,
    kiosk,
    engine,
    logLines,
    async reload(extra) {
      const reopened = await kiosk.reopen();
      const next = createSyncEngine(engineOptions(reopened.store, extra));
      engines.push(next);
      return next;
    },
    async stop() {
      for (const one of engines) await Promise.race([one.stop(), new Promise((resolve) => setTimeout(resolve, 3_000))]);
      await service.stop();
      client.close();
      kiosk.db.close();
    },
  };
}

/** Resolves with the first status that satisfies `predicate` (the engine publishes every change). */
export function waitForStatus(engine: SyncEngine, predicate: (status: SyncStatus) => boolean, timeoutMs = 20_000): Promise<SyncStatus> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`sync status never matched; last: ${JSON.stringify(engine.status())}`));
    }, timeoutMs);
    const off = engine.subscribe((status) => {
      if (!predicate(status)) return;
      clearTimeout(timer);
      queueMicrotask(() => off());
      resolve(status);
    });
  });
}

export const isDrained = (status: SyncStatus): boolean => status.state === 'idle' && status.queued === 0 && status.sending === 0;
