// The renderer's side of the sync engine's ports: HubLink over the bridge ('hub.sendBatch'), and the wiring
// that wakes the engine when the host says the hub is reachable again and reports the queue depth back for
// heartbeats. The engine itself never sees the bridge.
import type { BridgeClient } from '../bridge/client';
import type { SyncEngine } from './engine';
import type { HubLink } from './ports';

export const createBridgeHubLink = (client: Pick<BridgeClient, 'call'>): HubLink => ({
  sendBatch: (request) => client.call('hub.sendBatch', request),
});

/**
 * Wakes the engine when the hub comes back ('hub.status' turning `online`; the page's own 'online' event is
 * the caller's to forward with `engine.wake('online')`), and tells the host the queue depth on every change.
 * Returns an unsubscribe.
 */
export function connectEngineToBridge(engine: SyncEngine, client: Pick<BridgeClient, 'call' | 'on'>): () => void {
  let lastState: string | null = null;
  const offStatus = client.on('hub.status', (status) => {
    if (status.state === 'online' && lastState !== 'online') engine.wake('online');
    lastState = status.state;
  });
  let reported = '';
  const offEngine = engine.subscribe((status) => {
    const report = { queued: status.queued + status.sending, quarantined: status.quarantined, lastSyncAt: status.lastSuccessAt };
    const key = JSON.stringify(report);
    if (key === reported) return;
    reported = key;
    // Best effort: a lost report only makes one heartbeat stale.
    void client.call('hub.reportQueue', report);
  });
  return () => {
    offStatus();
    offEngine();
  };
}
