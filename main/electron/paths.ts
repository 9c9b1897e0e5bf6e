// Where the Electron shell keeps its data and finds what the package ships; the loader and the main process
// code (possibly a newer slot's) must agree on both.
import { app } from 'electron';
import { join } from 'node:path';

export const kioskDataDir = (): string => process.env.KIOSK_DATA_DIR ?? join(app.getPath('userData'), 'kiosk');

/** The renderer in the package: the factory payload's. */
export const packagedRendererDir = (): string => join(app.getAppPath(), 'renderer', 'dist');

/** The update keys the package ships (electron-builder extraResources); none outside a packaged Electron. */
export const packagedKeysDir = (): string | undefined => (process.resourcesPath ? join(process.resourcesPath, 'update-keys') : undefined);
