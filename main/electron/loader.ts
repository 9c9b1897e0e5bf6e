// The Electron package's entry (issue 12, ADR 0009): the loader. It chooses the payload to start and counts the
// start *before* any of that payload's code runs, so a slot whose main process code dies at start is rolled back
// after its three starts, like one whose page never reports healthy. It then runs the chosen slot's main process
// code (`electron/main.cjs`, re-hashed against the signed manifest by the boot decision), or the packaged one
// next to this file for the factory payload or a slot that carries no host code.
import { app } from 'electron';
import Module from 'node:module';
import { delimiter, join } from 'node:path';
import { decideForLoader } from '../host/update/loaderHandOver';
import { kioskDataDir, packagedKeysDir, packagedRendererDir } from './paths';

/**
 * A slot's main process code is bundled except the modules with native parts (nativeModules.ts), which only the
 * package has: they resolve from the package's node_modules, as they do for the packaged main.cjs. NODE_PATH is
 * read once by Node's resolver, so it is restored right after (child processes do not inherit it).
 */
function resolveExternalsFromPackage(): void {
  const before = process.env.NODE_PATH;
  process.env.NODE_PATH = [join(__dirname, '..', '..', 'node_modules'), before].filter(Boolean).join(delimiter);
  (Module as unknown as { _initPaths(): void })._initPaths();
  if (before === undefined) delete process.env.NODE_PATH;
  else process.env.NODE_PATH = before;
}

// A second start (a double-click, a watchdog) must not count a start of the pending slot: it only hands over.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  const slotMain = decideForLoader({
    dataDir: kioskDataDir(),
    factoryVersion: app.getVersion(),
    factoryRendererDir: packagedRendererDir(),
    factoryKeysDir: packagedKeysDir(),
    hostFile: 'electron/main.cjs',
  });
  if (slotMain) {
    resolveExternalsFromPackage();
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS bundle chosen at run time
    require(slotMain);
  } else {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the packaged bundle next to this one
    require('./main.cjs');
  }
}
