// A faithful in-memory stand-in for the parts of Electron the bridge uses (its binary cannot be downloaded
// here): ipcMain.handle / ipcRenderer.invoke with structured-clone copies in both directions, rejections
// worded like Electron's, webContents.send to renderer listeners, and contextBridge's copying proxy.
import type { FrameLike, InvokeEventLike, IpcMainLike, WebContentsLike } from '../../main/electron/ipc';
import type { IpcRendererLike } from '../../main/electron/preloadApi';

type Handler = (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>;

export class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, Handler>();
  handle(channel: string, listener: Handler) {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string) {
    this.handlers.delete(channel);
  }
}

export interface FakeRenderer {
  ipcRenderer: IpcRendererLike;
  webContents: WebContentsLike;
  /** Navigates the main frame (what a compromised page or a link would do). */
  navigate(url: string): void;
  /** Calls from a child frame (an iframe) of this page. */
  invokeFromSubframe(channel: string, url: string, ...args: unknown[]): Promise<unknown>;
  destroy(): void;
}

export function createFakeRenderer(ipcMain: FakeIpcMain, url: string): FakeRenderer {
  const listeners = new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>();
  const mainFrame: { url: string } = { url };
  let destroyed = false;
  const webContents: WebContentsLike = {
    mainFrame,
    isDestroyed: () => destroyed,
    send(channel, ...args) {
      const copies = structuredClone(args);
      queueMicrotask(() => {
        for (const listener of listeners.get(channel) ?? []) listener({ sender: null }, ...copies);
      });
    },
  };
  const invokeAs = async (frame: FrameLike, channel: string, args: unknown[]) => {
    const handler = ipcMain.handlers.get(channel);
    if (!handler) throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`);
    try {
      return structuredClone(await handler({ sender: webContents, senderFrame: frame }, ...structuredClone(args)));
    } catch (error) {
      throw new Error(`Error invoking remote method '${channel}': ${String(error)}`, { cause: error });
    }
  };
  return {
    webContents,
    ipcRenderer: {
      invoke: (channel, ...args) => invokeAs(mainFrame, channel, args),
      on(channel, listener) {
        if (!listeners.has(channel)) listeners.set(channel, new Set());
        listeners.get(channel)!.add(listener);
      },
      removeListener(channel, listener) {
        listeners.get(channel)?.delete(listener);
      },
    },
    navigate(next) {
      mainFrame.url = next;
    },
    invokeFromSubframe: (channel, frameUrl, ...args) => invokeAs({ url: frameUrl }, channel, args),
    destroy() {
      destroyed = true;
    },
  };
}

/** contextBridge.exposeInMainWorld copies values and proxies functions; arguments and results are copied. */
export function exposeInMainWorld<T extends Record<string, unknown>>(api: T): T {
  const exposed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(api)) {
    exposed[key] =
      typeof value === 'function'
        ? (...args: unknown[]) => {
            const result = (value as (...a: unknown[]) => unknown)(...args.map((a) => (typeof a === 'function' ? a : structuredClone(a))));
            return result instanceof Promise ? result.then((r) => structuredClone(r)) : result;
          }
        : structuredClone(value);
  }
  return Object.freeze(exposed) as T;
}
