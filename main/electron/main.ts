// Electron shell entry (production). Bundled to dist/electron/main.cjs by main/electron/build.ts.
import { app, BrowserWindow, ipcMain } from 'electron';
import { join } from 'node:path';
import { bootHost } from '../host/bootstrap';
import { recordRuntime } from '../host/update/slotLayout';
import { registerIpcBridge } from './ipc';
import { appOrigin, createKioskWindow, hardenContents, hardenSession, registerAppScheme, serveRenderer } from './window';

// One kiosk per machine: a second start (a double-click, a watchdog) focuses the first instead.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  const allowDevTools = !app.isPackaged && process.env.KIOSK_DEVTOOLS === '1';
  registerAppScheme();
  app.on('web-contents-created', (_event, contents) => hardenContents(contents, { allowDevTools }));
  app.on('second-instance', () => BrowserWindow.getAllWindows()[0]?.focus());

  app.whenReady().then(async () => {
    const dataDir = process.env.KIOSK_DATA_DIR ?? join(app.getPath('userData'), 'kiosk');
    // `kioskctl update install` runs in plain Node: it learns the Electron runtime a bundle must fit from here.
    recordRuntime(dataDir, process.versions.electron ?? null);
    // The loader: bootHost chooses the update slot (or the packaged renderer) and serves its renderer.
    const booted = await bootHost('electron', { factoryRendererDir: join(app.getAppPath(), 'renderer', 'dist'), onUnhealthy: () => app.exit(75), factoryKeysDir: join(process.resourcesPath, 'update-keys') }, dataDir, app.getVersion());
    hardenSession();
    serveRenderer(booted.start.rendererDir);
    const window = createKioskWindow({ preload: join(__dirname, 'preload.cjs'), allowDevTools });
    const unregister = registerIpcBridge({
      ipcMain,
      dispatcher: booted.host.dispatcher,
      events: booted.host.events,
      appOrigin,
      targets: () => BrowserWindow.getAllWindows().map((w) => w.webContents),
      log: booted.log,
    });
    window.on('closed', () => app.quit());
    app.on('before-quit', () => {
      unregister();
      void booted.host.stop();
    });
  });
  app.on('window-all-closed', () => app.quit());
}
