// Everything the kiosk page needs before its first screen: the bridge, the settings, the local store with its
// sync engines, and the catalogue. Renderer only.
import { bundledCatalog } from '../../src/domain/catalogData';
import { openKioskStore } from '../../src/db/openKioskStore';
import { handOverLegacyLookupSecret } from '../../src/db/settings';
import { connectEngineToBridge, createBridgeHubLink } from '../../src/sync/bridgeHubLink';
import { createSyncEngine } from '../../src/sync/engine';
import { startRetention } from '../../src/sync/retention';
import { createRatingStore } from '../../src/db/ratingStore';
import { connectRatingSyncToBridge, createBridgeRatingLink, createRatingSync } from '../../src/sync/ratingSync';
import { createCatalogStore } from '../../src/db/catalogStore';
import { bridgeSigningKey, createBridgeCatalogSource, loadCatalog, startCatalogUpdates } from '../../src/sync/catalogUpdate';
import type { CatalogCheck } from '../../src/sync/catalogUpdate';
import type { AppProps } from './App';
import { bridgeCaseFeed, createPorts } from './ports';
import { createCaseStatusStore } from '../../src/db/caseStatusStore';
import { createCaseStatusPuller, pullCaseStatusWhenOnline } from '../../src/sync/caseStatusPulls';
import type { TechnicianQueue } from '../screens/maintenance/SyncQueue';
import { connectBridge } from '../bridge/connect';

export async function bootKiosk(): Promise<AppProps> {
  const bridge = await connectBridge();
  const info = await bridge.call('app.info', {});
  if (!info.ok) throw new Error(info.error.message);
  const store = await openKioskStore();
  if (store.persistence === 'denied') void bridge.call('app.log', { level: 'warn', scope: 'storage', message: 'persistent storage was denied: applications may be evicted under disk pressure' });
  // ADR 0006: a lookup secret an older version kept in IndexedDB moves to the host before any lookup.
  // Kept for the next start if the host does not take it; the kiosk still serves residents meanwhile.
  const notHandedOver = () => void bridge.call('app.log', { level: 'warn', scope: 'storage', message: 'the old lookup secret could not be handed to the host; older applications are not listed until it is' });
  await handOverLegacyLookupSecret(store.db, async (secret) => {
    const adopted = await bridge.call('lookup.adoptLegacySecret', { secret });
    return adopted.ok && adopted.value.outcome !== 'full';
  }).then((outcome) => outcome === 'kept' && notHandedOver(), notHandedOver);
  const engine = createSyncEngine({ store: store.outbox, hub: createBridgeHubLink(bridge) });
  connectEngineToBridge(engine, bridge);
  window.addEventListener('online', () => engine.wake('online'));
  await engine.start();
  // Sealed payloads of accepted applications are dropped after the retention (ADR 0006).
  startRetention({
    store: store.outbox,
    retentionDays: info.value.settings.acceptedRetentionDays,
    onPass: (pass) => 'error' in pass && void bridge.call('app.log', { level: 'warn', scope: 'storage', message: 'purging accepted applications failed; retried later' }),
  });
  // 好差评: stored ratings go to the hub in the background (src/sync/ratingSync.ts), woken by each new one.
  const ratingStore = createRatingStore(store.db);
  const ratingSync = createRatingSync({ store: ratingStore, link: createBridgeRatingLink(bridge) });
  connectRatingSyncToBridge(ratingSync, bridge);
  void ratingSync.start();
  let hubOnline = false;
  bridge.on('hub.status', (status) => (hubOnline = status.state === 'online'));
  void bridge.call('hub.status', {}).then((status) => (hubOnline = status.ok && status.value.state === 'online'));
  // The last verified hub catalog, else the bundled one; a newer one is fetched, verified and cached in the
  // background and takes effect at the next page start (src/sync/catalogUpdate.ts).
  const catalogCache = createCatalogStore(store.db);
  const signingKey = bridgeSigningKey(bridge);
  const { catalog } = await loadCatalog({ cache: catalogCache, signingPublicKey: await signingKey(), bundled: bundledCatalog });
  const logRefusal = (check: CatalogCheck) =>
    check.status === 'refused' && void bridge.call('app.log', { level: 'warn', scope: 'catalog', message: `hub catalog refused (${check.code}): ${check.reason}` });
  startCatalogUpdates({ source: createBridgeCatalogSource(bridge), cache: catalogCache, signingPublicKey: signingKey, onCheck: logRefusal });
  // The health check a freshly installed update must pass (main/host/update/updateService.ts): this call proves
  // the page and the bridge are up, the database opened and the outbox can be read.
  const counts = await store.outbox.counts();
  void bridge.call('update.health', { database: true, outboxRows: Object.values(counts).reduce((sum, n) => sum + n, 0) });
  // What the handling cities did with this kiosk's applications, learnt in the background (not only when a
  // resident opens 我的办件), so the last known status is there when the hub is not (src/sync/caseStatusPulls.ts).
  const casePuller = createCaseStatusPuller({ link: bridgeCaseFeed(bridge), store: createCaseStatusStore(store.db) });
  pullCaseStatusWhenOnline(casePuller, bridge);
  casePuller.start();
  const ports = createPorts({ bridge, store, engine, catalog, isHubOnline: () => hubOnline, ratings: ratingStore, onRatingSaved: () => ratingSync.wake('saved'), casePuller });
  // Maintenance: force a sync, requeue set-aside applications and ratings (renderer/screens/maintenance/SyncQueue.tsx).
  const technicianQueue: TechnicianQueue = {
    syncNow: () => {
      engine.wake('manual');
      ratingSync.wake('saved');
    },
    quarantined: () => store.outbox.listQuarantined(),
    requeueApplication: (id) => store.outbox.requeue(id),
    flaggedRatings: () => ratingStore.listFlagged(),
    requeueRating: (id) => ratingStore.requeueFlagged(id),
  };
  // A damaged config.json (issue 11): the kiosk shows 暂停服务 with the reason; the queue above keeps syncing.
  const queued = (counts.queued ?? 0) + (counts.sending ?? 0) + (counts.quarantined ?? 0);
  return { bridge, settings: info.value.settings, catalog, ports, technicianQueue, ...(info.value.configProblem ? { configProblem: info.value.configProblem, queued } : {}) };
}
