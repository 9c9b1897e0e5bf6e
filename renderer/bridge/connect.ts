// Picks the bridge transport for the host the page runs in: Electron's preload API when present, otherwise
// the Chromium host's WebSocket with the secret from the URL fragment.
import { createBridgeClient } from '../../src/bridge/client';
import type { BridgeClient } from '../../src/bridge/client';
import { createElectronTransport } from './electronTransport';
import type { KioskPreloadApi } from './electronTransport';
import { createWsTransport } from './wsTransport';

declare global {
  interface Window {
    kiosk?: KioskPreloadApi;
  }
}

export async function connectBridge(): Promise<BridgeClient> {
  if (window.kiosk) return createBridgeClient(createElectronTransport(window.kiosk));
  const secret = new URLSearchParams(location.hash.slice(1)).get('s');
  if (!secret) throw new Error('This page must be opened from the kiosk host (the address has no #s=… secret).');
  const transport = createWsTransport({ url: `${location.origin.replace(/^http/, 'ws')}/bridge?s=${encodeURIComponent(secret)}` });
  await transport.ready();
  return createBridgeClient(transport);
}
