// The Chromium host's entry on a kiosk (issue 12, ADR 0009): `node --import tsx main/browser/loader.ts`. Like
// the Electron loader it decides and counts the start before any of the chosen payload's code runs, so a
// release whose host code dies at start is rolled back after three starts; then it runs the slot's bundled
// host code (`browser/main.mjs`, re-hashed against the signed manifest by the decision) or the packaged one.
import { readlinkSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { defaultDataDir, packageVersion } from '../host/paths';
import { decideForLoader } from '../host/update/loaderHandOver';
import { updateDir } from '../host/update/slotLayout';
import { factoryKeysDir, factoryRendererDir, packageModulesDir } from './packagePaths';

/**
 * A slot's bundle imports its packages by name, and Node looks for them in the node_modules of every folder
 * above it: one link in update/ (above both slots, outside what the manifest covers) leads to the package's.
 */
function linkPackageModules(dataDir: string): void {
  const link = join(updateDir(dataDir), 'node_modules');
  try {
    if (readlinkSync(link) === packageModulesDir()) return;
  } catch {
    // no link yet (or not a link): made below
  }
  const next = `${link}.${process.pid}`;
  rmSync(next, { force: true });
  symlinkSync(packageModulesDir(), next, 'dir');
  renameSync(next, link);
}

const dataDir = defaultDataDir();
const slotMain = decideForLoader({ dataDir, factoryVersion: packageVersion(), factoryRendererDir: factoryRendererDir(), factoryKeysDir: factoryKeysDir(), hostFile: 'browser/main.mjs' });
if (slotMain) {
  linkPackageModules(dataDir);
  // Paths the slot's code cannot find relative to itself (packagePaths.ts).
  process.env.KIOSK_RENDERER_DIR = factoryRendererDir();
  process.env.KIOSK_UPDATE_KEYS_DIR = factoryKeysDir();
  await import(pathToFileURL(slotMain).href);
} else {
  await import('./main');
}
