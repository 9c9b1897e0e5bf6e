// Renderer entry: connect the bridge, read the kiosk settings, open the local store and start the sync
// engine, then render. If the host cannot be reached the kiosk says so in all three languages and keeps
// trying, rather than showing a blank screen.
import { createRoot } from 'react-dom/client';
import { bundledCatalog } from '../src/domain/catalogData';
import { openKioskStore } from '../src/db/openKioskStore';
import { connectEngineToBridge, createBridgeHubLink } from '../src/sync/bridgeHubLink';
import { createSyncEngine } from '../src/sync/engine';
import { createRatingStore } from '../src/db/ratingStore';
import { connectRatingSyncToBridge, createBridgeRatingLink, createRatingSync } from '../src/sync/ratingSync';
import { createCatalogStore } from '../src/db/catalogStore';
import { bridgeSigningKey, createBridgeCatalogSource, loadCatalog, startCatalogUpdates } from '../src/sync/catalogUpdate';
import type { CatalogCheck } from '../src/sync/catalogUpdate';
import { App } from './app/App';
import { createPorts } from './app/ports';
import { connectBridge } from './bridge/connect';
import { OutOfService } from './screens/OutOfService';
import './styles.css';
import './elder.css';

const root = createRoot(document.getElementById('root')!);

async function start(attempt = 0): Promise<void> {
  try {
    const bridge = await connectBridge();
    const info = await bridge.call('app.info', {});
    if (!info.ok) throw new Error(info.error.message);
    const store = await openKioskStore();
    if (store.persistence === 'denied') void bridge.call('app.log', { level: 'warn', scope: 'storage', message: 'persistent storage was denied: applications may be evicted under disk pressure' });
    const engine = createSyncEngine({ store: store.outbox, hub: createBridgeHubLink(bridge) });
    connectEngineToBridge(engine, bridge);
    window.addEventListener('online', () => engine.wake('online'));
    await engine.start();
    // 好差评: stored ratings go to the hub in the background (src/sync/ratingSync.ts), woken by each new one.
    const ratingSync = createRatingSync({ store: createRatingStore(store.db), link: createBridgeRatingLink(bridge) });
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
    const ports = createPorts({ bridge, store, engine, settings: info.value.settings, catalog, isHubOnline: () => hubOnline, onRatingSaved: () => ratingSync.wake('saved') });
    root.render(<App bridge={bridge} settings={info.value.settings} catalog={catalog} ports={ports} />);
  } catch (error) {
    console.error('kiosk start failed', error instanceof Error ? error.message : error);
    root.render(<OutOfService />);
    setTimeout(() => void start(attempt + 1), Math.min(10_000, 1000 * 2 ** attempt));
  }
}
void start();
