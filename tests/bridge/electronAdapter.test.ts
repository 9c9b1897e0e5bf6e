// The Electron adapter (main/electron/ipc.ts + preloadApi.ts + the renderer's electron transport) over a
// faithful in-memory IPC pair.
import { describe, expect, it } from 'vitest';
import { createKioskApi } from '../../main/electron/preloadApi';
import { registerIpcBridge } from '../../main/electron/ipc';
import { createLogger } from '../../main/host/log';
import { createElectronTransport } from '../../renderer/bridge/electronTransport';
import type { KioskPreloadApi } from '../../renderer/bridge/electronTransport';
import { createBridgeClient } from '../../src/bridge/client';
import { ipcChannels, methods } from '../../src/bridge/contract';
import type { Handlers } from '../../src/bridge/contract';
import { createDispatcher, createEventHub } from '../../src/bridge/dispatcher';
import { ok } from '../../src/bridge/result';
import { describeBridgeContract } from './contractSuite';
import { createFakeRenderer, exposeInMainWorld, FakeIpcMain } from './fakeElectron';

const appOrigin = 'app://kiosk';
const quiet = createLogger('test', { write: () => undefined });

function openElectron(handlers: Handlers) {
  const ipcMain = new FakeIpcMain();
  const renderer = createFakeRenderer(ipcMain, `${appOrigin}/`);
  const events = createEventHub();
  const unregister = registerIpcBridge({ ipcMain, dispatcher: createDispatcher(handlers), events, appOrigin, targets: () => [renderer.webContents], log: quiet });
  const api = exposeInMainWorld(createKioskApi(renderer.ipcRenderer)) as unknown as KioskPreloadApi;
  const transport = createElectronTransport(api);
  const client = createBridgeClient(transport);
  return { ipcMain, renderer, api, harness: { client, transport, events, close: async () => (client.close(), unregister()) } };
}

describeBridgeContract('Electron IPC', async (handlers) => openElectron(handlers).harness);

describe('Electron adapter security', () => {
  const handlers: Handlers = { 'app.log': () => ok({}) };

  it('exposes exactly the contract methods and onEvent, nothing raw', () => {
    const { api } = openElectron(handlers);
    expect(Object.keys(api).sort()).toEqual([...Object.keys(methods), 'onEvent'].sort());
    expect(Object.isFrozen(api)).toBe(true);
    for (const raw of ['ipcRenderer', 'invoke', 'send', 'on', 'sendSync', 'removeListener']) expect(api).not.toHaveProperty(raw);
  });

  it('refuses calls from a sub-frame', async () => {
    const { renderer } = openElectron(handlers);
    const answer = await renderer.invokeFromSubframe(ipcChannels.invoke, `${appOrigin}/`, 'app.log', { level: 'info', scope: 's', message: 'm' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('refuses calls once the page has navigated to another origin', async () => {
    const { renderer, harness } = openElectron(handlers);
    renderer.navigate('https://evil.example/');
    expect(await harness.client.call('app.log', { level: 'info', scope: 's', message: 'm' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    renderer.navigate('file:///etc/passwd');
    expect(await harness.client.call('app.log', { level: 'info', scope: 's', message: 'm' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('stops sending events to a destroyed window', async () => {
    const { renderer, harness } = openElectron(handlers);
    renderer.destroy();
    expect(() => harness.events.emit('card.removed', {})).not.toThrow();
  });
});
