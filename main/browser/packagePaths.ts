// What the Chromium host takes from the installed package rather than from an update slot: the packaged
// renderer (the factory payload's), the shipped update keys and the packages. The environment names them when the host
// code runs from a slot (set by loader.ts), where paths relative to this module would point into the slot.
import { fileURLToPath } from 'node:url';

const inPackage = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

/** The update public keys this install ships (docs/build/update-keys/*.pub, filled at release time; docs/updates.md). */
export const factoryKeysDir = (): string => process.env.KIOSK_UPDATE_KEYS_DIR ?? inPackage('docs/build/update-keys');
export const factoryRendererDir = (): string => process.env.KIOSK_RENDERER_DIR ?? inPackage('renderer/dist');
export const packageModulesDir = (): string => inPackage('node_modules');
