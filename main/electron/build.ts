// Bundles the Electron main process and preload to CommonJS (the sandboxed preload cannot load ESM or
// node_modules). Dependencies with a native or WebAssembly part stay external, found by nativeModules.ts:
// they load their binaries from their own folders, which electron-builder.yml unpacks from the asar.
// `npm run build:electron` writes dist/electron/; tests build the same bundle into a folder of their own.
import { build } from 'esbuild';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleExternals } from './nativeModules';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Writes loader.cjs (the package's entry), main.cjs and preload.cjs (with source maps) to `outDir`, which must lie inside the project so that
 * the externals resolve from its node_modules. */
export async function buildElectronShell(outDir = resolve(root, 'dist', 'electron'), logLevel: 'info' | 'warning' = 'info'): Promise<void> {
  const common = { absWorkingDir: root, bundle: true, platform: 'node', format: 'cjs', target: 'node22', sourcemap: true, minify: true, logLevel } as const;
  await build({ ...common, entryPoints: ['main/electron/loader.ts'], outfile: resolve(outDir, 'loader.cjs'), external: ['electron', './main.cjs'] });
  await build({ ...common, entryPoints: ['main/electron/main.ts'], outfile: resolve(outDir, 'main.cjs'), external: ['electron', ...bundleExternals(root)] });
  await build({ ...common, entryPoints: ['main/electron/preload.ts'], outfile: resolve(outDir, 'preload.cjs'), external: ['electron'] });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await buildElectronShell();
