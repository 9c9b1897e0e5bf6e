// Bundles the Electron main process and preload to CommonJS (the sandboxed preload cannot load ESM or
// node_modules). serialport stays external: its native module is unpacked from the asar (electron-builder.yml).
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node22', sourcemap: true, minify: true, logLevel: 'info' } as const;

await build({ ...common, entryPoints: ['main/electron/main.ts'], outfile: 'dist/electron/main.cjs', external: ['electron', 'serialport', '@serialport/*', '@electric-sql/pglite'] });
await build({ ...common, entryPoints: ['main/electron/preload.ts'], outfile: 'dist/electron/preload.cjs', external: ['electron'] });
