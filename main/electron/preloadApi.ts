// What the preload exposes as `window.kiosk`: one function per contract method and an event subscription.
// Nothing raw (no ipcRenderer, no channel names) reaches the page.
import { ipcChannels, methods } from '../../src/bridge/contract';
import type { MethodName } from '../../src/bridge/contract';

export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export type KioskApi = { readonly [M in MethodName]: (input: unknown) => Promise<unknown> } & {
  readonly onEvent: (listener: (envelope: unknown) => void) => () => void;
};

export function createKioskApi(ipcRenderer: IpcRendererLike): KioskApi {
  const api: Record<string, unknown> = {};
  for (const name of Object.keys(methods) as MethodName[]) {
    api[name] = (input: unknown) => ipcRenderer.invoke(ipcChannels.invoke, name, input);
  }
  api.onEvent = (listener: (envelope: unknown) => void) => {
    const forward = (_event: unknown, envelope: unknown) => listener(envelope);
    ipcRenderer.on(ipcChannels.event, forward);
    return () => {
      ipcRenderer.removeListener(ipcChannels.event, forward);
    };
  };
  return Object.freeze(api) as KioskApi;
}
