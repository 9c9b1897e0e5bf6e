// A stand-in for the `electron` module as the built shell (dist/electron/main.cjs, preload.cjs) uses it,
// recording what the shell asks for. Its rules follow Electron's where the shell could get them wrong:
// schemes are registered only before `ready`, a window's web contents is announced by `web-contents-created`,
// `net.fetch` of a file: URL reads the file or fails like Chromium. IPC is tests/bridge/fakeElectron.ts.
import { EventEmitter } from 'node:events';
import { readFile } from 'node:fs/promises';
import Module from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createFakeRenderer, exposeInMainWorld, FakeIpcMain } from '../bridge/fakeElectron';
import type { FakeRenderer } from '../bridge/fakeElectron';

type Listener = (...args: unknown[]) => unknown;
type ProtocolHandler = (request: Request) => Promise<Response>;

/** The web contents of a window: the fake renderer's, plus what hardening registers on it. */
export interface FakeContents extends EventEmitter {
  renderer: FakeRenderer;
  windowOpenHandler?: (details: { url: string }) => unknown;
  devToolsClosed: number;
  /** What the shell did about zoom and hung renderers (windowGuard.ts). */
  zoomFactor: number;
  visualZoomLimits: [number, number] | null;
  forcedCrashes: number;
}

export interface FakeWindow extends EventEmitter {
  options: { webPreferences: Record<string, unknown> } & Record<string, unknown>;
  webContents: FakeContents;
  loaded: string[];
}

export interface ShellRecord {
  calls: string[];
  privilegedSchemes: unknown[];
  protocolHandlers: Map<string, ProtocolHandler>;
  fetched: string[];
  permissionRequest?: (wc: unknown, permission: string, callback: (granted: boolean) => void) => void;
  permissionCheck?: (wc: unknown, permission: string) => boolean;
  windows: FakeWindow[];
  applicationMenu?: unknown;
  quits: number;
  /** Chromium switches appended through app.commandLine. */
  switches: string[];
}

export interface FakeMainOptions {
  appPath: string;
  userData: string;
  version: string;
  isPackaged: boolean;
  hasLock: boolean;
}

export function createFakeMainElectron(options: FakeMainOptions) {
  const record: ShellRecord = { calls: [], privilegedSchemes: [], protocolHandlers: new Map(), fetched: [], windows: [], quits: 0, switches: [] };
  const ipcMain = new FakeIpcMain();
  const app = new EventEmitter() as EventEmitter & Record<string, unknown>;
  let isReady = false;

  const createContents = (): FakeContents => {
    const renderer = createFakeRenderer(ipcMain, 'about:blank');
    const contents = Object.assign(new EventEmitter(), { renderer, devToolsClosed: 0, zoomFactor: 1, visualZoomLimits: null, forcedCrashes: 0 }) as FakeContents;
    Object.assign(contents, {
      setZoomFactor: (factor: number) => (contents.zoomFactor = factor),
      setVisualZoomLevelLimits: (min: number, max: number) => {
        contents.visualZoomLimits = [min, max];
        return Promise.resolve();
      },
      forcefullyCrashRenderer: () => contents.forcedCrashes++,
      setWindowOpenHandler: (handler: FakeContents['windowOpenHandler']) => (contents.windowOpenHandler = handler),
      closeDevTools: () => contents.devToolsClosed++,
      send: renderer.webContents.send,
      isDestroyed: renderer.webContents.isDestroyed,
      mainFrame: renderer.webContents.mainFrame,
    });
    app.emit('web-contents-created', {}, contents);
    return contents;
  };

  class BrowserWindow extends EventEmitter {
    static getAllWindows = () => record.windows;
    readonly webContents = createContents();
    readonly loaded: string[] = [];
    constructor(readonly options: FakeWindow['options']) {
      super();
      record.calls.push('new BrowserWindow');
      record.windows.push(this as unknown as FakeWindow);
    }
    async loadURL(url: string) {
      this.loaded.push(url);
      this.webContents.renderer.navigate(url);
    }
    show() {}
    focus() {}
    isDestroyed() {
      return false;
    }
  }

  Object.assign(app, {
    isPackaged: options.isPackaged,
    requestSingleInstanceLock: () => options.hasLock,
    hasSingleInstanceLock: () => options.hasLock,
    quit: () => record.quits++,
    commandLine: { appendSwitch: (name: string) => record.switches.push(name) },
    getVersion: () => options.version,
    getAppPath: () => options.appPath,
    getPath: (name: string) => (name === 'userData' ? options.userData : `/nonexistent/${name}`),
    whenReady: () => {
      record.calls.push('app.whenReady');
      return Promise.resolve().then(() => {
        isReady = true;
      });
    },
  });

  const electron = {
    app,
    BrowserWindow,
    ipcMain,
    Menu: { setApplicationMenu: (menu: unknown) => (record.applicationMenu = menu) },
    protocol: {
      registerSchemesAsPrivileged(schemes: unknown[]) {
        if (isReady) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
        record.calls.push('protocol.registerSchemesAsPrivileged');
        record.privilegedSchemes.push(...schemes);
      },
      handle: (scheme: string, handler: ProtocolHandler) => record.protocolHandlers.set(scheme, handler),
    },
    net: {
      async fetch(url: string) {
        record.fetched.push(url);
        const body = await readFile(fileURLToPath(url)).catch(() => {
          throw new Error('net::ERR_FILE_NOT_FOUND');
        });
        return new Response(body, { status: 200, headers: { 'Content-Type': 'text/html' } });
      },
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: ShellRecord['permissionRequest']) => (record.permissionRequest = handler),
        setPermissionCheckHandler: (handler: ShellRecord['permissionCheck']) => (record.permissionCheck = handler),
      },
    },
  };
  return { electron, record, ipcMain, app, createContents };
}

/** What a sandboxed preload gets: contextBridge (copying, as Electron's) and the window's ipcRenderer. */
export function createFakePreloadElectron(renderer: FakeRenderer) {
  const exposed: Record<string, unknown> = {};
  const channels: string[] = [];
  const ipcRenderer = {
    ...renderer.ipcRenderer,
    on(channel: string, listener: Listener) {
      channels.push(channel);
      return renderer.ipcRenderer.on(channel, listener);
    },
  };
  const contextBridge = { exposeInMainWorld: (name: string, api: Record<string, unknown>) => (exposed[name] = exposeInMainWorld(api)) };
  return { electron: { contextBridge, ipcRenderer }, exposed, channels };
}

/** Loads a CommonJS file with `require('electron')` answered by `electron`. */
export function requireWithElectron(file: string, electron: unknown): unknown {
  const loader = Module as unknown as { _load(request: string, ...rest: unknown[]): unknown };
  const original = loader._load;
  loader._load = function (request: string, ...rest: unknown[]) {
    return request === 'electron' ? electron : original.call(this, request, ...rest);
  };
  try {
    const require = Module.createRequire(file);
    // The loader requires main.cjs next to it: every start runs both afresh.
    for (const cached of Object.keys(require.cache)) if (dirname(cached) === dirname(file)) delete require.cache[cached];
    return require(file);
  } finally {
    loader._load = original;
  }
}
