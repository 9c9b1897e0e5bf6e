// The bridge transport in the Electron shell: the preload's `window.kiosk` API (one function per method).
import type { BridgeTransport } from '../../src/bridge/client';

export interface KioskPreloadApi {
  onEvent(listener: (envelope: unknown) => void): () => void;
  [method: string]: unknown;
}

export function createElectronTransport(api: KioskPreloadApi): BridgeTransport {
  return {
    invoke(method, input) {
      const fn = api[method];
      if (typeof fn !== 'function' || method === 'onEvent') return Promise.reject(new Error(`${method} is not exposed by the preload`));
      return (fn as (input: unknown) => Promise<unknown>)(input);
    },
    subscribe: (listener) => api.onEvent(listener),
  };
}
