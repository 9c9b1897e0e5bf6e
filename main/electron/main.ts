// Electron shell's main process (production). Bundled to dist/electron/main.cjs by main/electron/build.ts and run
// by the loader (loader.ts): the packaged copy, or a newer one from an update slot.
import { app, BrowserWindow, ipcMain } from 'electron';
import { join } from 'node:path';
import { bootHost } from '../host/bootstrap';
import { takeHandOver } from '../host/update/loaderHandOver';
import { recordRuntime } from '../host/update/slotLayout';
import { systemClock } from '../../src/domain/clock';
import { registerIpcBridge } from './ipc';
import { createRendererFailurePolicy } from './rendererFailures';
import { guardKioskWindow } from './windowGuard';
import { kioskDataDir, packagedKeysDir, packagedRendererDir } from './paths';
import { appOrigin, createKioskWindow, hardenContents, hardenSession, registerAppScheme, serveRenderer } from './window';

// One kiosk per machine: a second start (a double-click, a watchdog) focuses the first instead. The loader
// usually holds the lock already.
if (!app.hasSingleInstanceLock() && !app.requestSingleInstanceLock()) {
  app.quit();
} else {
  const allowDevTools = !app.isPackaged && process.env.KIOSK_DEVTOOLS === '1';
  registerAppScheme();
  // Linux Chromium reaches a speech engine only through speech-dispatcher, and only with this switch: the deb
  // depends on speech-dispatcher and espeak-ng, whose Mandarin voice reads the screens aloud offline.
  if (process.platform === 'linux') app.commandLine.appendSwitch('enable-speech-dispatcher');
  app.on('web-contents-created', (_event, contents) => hardenContents(contents, { allowDevTools }));
  app.on('second-instance', () => BrowserWindow.getAllWindows()[0]?.focus());

  app.whenReady().then(async () => {
    const dataDir = kioskDataDir();
    // `kioskctl update install` runs in plain Node: it learns the Electron runtime a bundle must fit from here.
    recordRuntime(dataDir, process.versions.electron ?? null);
    // The payload to start was chosen by the loader (handed over); bootHost serves its renderer.
    const boot = { factoryRendererDir: packagedRendererDir(), onUnhealthy: () => app.exit(75), indexedDbDir: join(app.getPath('userData'), 'IndexedDB'), factoryKeysDir: packagedKeysDir() };
    const booted = await bootHost('electron', { ...boot, ...takeHandOver(dataDir) }, dataDir, app.getVersion());
    hardenSession();
    serveRenderer(booted.start.rendererDir);
    // Crashed or hung renderers are reloaded, the third failure in 10 minutes shows 暂停服务 and tells the hub;
    // closing the window is refused; zoom is pinned (windowGuard.ts).
    const guard = guardKioskWindow({
      createWindow: () => createKioskWindow({ preload: join(__dirname, 'preload.cjs'), allowDevTools }),
      appUrl: `${appOrigin}/`,
      policy: createRendererFailurePolicy({ clock: systemClock }),
      log: booted.log.child('window'),
      health: booted.health,
      locale: booted.config.settings.locale,
      // KIOSK_UNRESPONSIVE_GRACE_MS: how long a hung renderer gets before it is reloaded (default 10 s).
      unresponsiveGraceMs: Number(process.env.KIOSK_UNRESPONSIVE_GRACE_MS) || undefined,
    });
    const unregister = registerIpcBridge({
      ipcMain,
      dispatcher: booted.host.dispatcher,
      events: booted.host.events,
      appOrigin,
      targets: () => BrowserWindow.getAllWindows().map((w) => w.webContents),
      log: booted.log,
    });
    booted.systemd.ready(); // the window is up: READY=1 and the watchdog pings (docs/build/zhengwu-kiosk.service)
    app.on('before-quit', () => {
      booted.systemd.stopping();
      guard.allowQuit();
      unregister();
      void booted.host.stop();
    });
  });
  // The kiosk never quits because its windows are gone (the guard opens a new one); systemd's SIGTERM (and
  // Ctrl-C in development) quit it properly, so the host services stop before the process ends.
  app.on('window-all-closed', () => undefined);
  process.on('SIGTERM', () => app.quit());
  process.on('SIGINT', () => app.quit());
}
