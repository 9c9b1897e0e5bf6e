// Bundles the Electron main process and preload to CommonJS (the sandboxed preload cannot load ESM or
// node_modules). Dependencies with a native or WebAssembly part stay external, found by nativeModules.ts:
// they load their binaries from their own folders, which electron-builder.yml unpacks from the asar.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { bundleExternals } from './nativeModules';

const root = fileURLToPath(new URL('../..', import.meta.url));
const common = { absWorkingDir: root, bundle: true, platform: 'node', format: 'cjs', target: 'node22', sourcemap: true, minify: true, logLevel: 'info' } as const;

await build({ ...common, entryPoints: ['main/electron/main.ts'], outfile: 'dist/electron/main.cjs', external: ['electron', ...bundleExternals(root)] });
await build({ ...common, entryPoints: ['main/electron/preload.ts'], outfile: 'dist/electron/preload.cjs', external: ['electron'] });
