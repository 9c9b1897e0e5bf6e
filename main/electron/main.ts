// Electron shell entry (production). Bundled to dist/electron/main.cjs by main/electron/build.ts.
import { app, BrowserWindow, ipcMain } from 'electron';
import { join } from 'node:path';
import { bootHost } from '../host/bootstrap';
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
    const booted = await bootHost('electron', process.env.KIOSK_DATA_DIR ?? join(app.getPath('userData'), 'kiosk'), app.getVersion());
    hardenSession();
    serveRenderer(join(app.getAppPath(), 'renderer', 'dist'));
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
