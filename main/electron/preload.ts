// Runs in the sandboxed preload of the kiosk window; bundled to dist/electron/preload.cjs.
import { contextBridge, ipcRenderer } from 'electron';
import { createKioskApi } from './preloadApi';

contextBridge.exposeInMainWorld('kiosk', createKioskApi(ipcRenderer));
