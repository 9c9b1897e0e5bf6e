// Bundles the Chromium host (main/browser/main.ts) into one ES module, the host code an update slot carries
// (`browser/main.mjs`, ADR 0009). Only the project's own code is bundled: packages stay imports and resolve
// from the installed package's node_modules (loader.ts links them above the slots), so a release that needs
// other package versions ships as a package. `npm run build:browser` writes dist/browser/.
import { build } from 'esbuild';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

export async function buildChromiumHost(outDir = resolve(root, 'dist', 'browser'), logLevel: 'info' | 'warning' = 'info'): Promise<string> {
  const outfile = resolve(outDir, 'main.mjs');
  await build({ absWorkingDir: root, entryPoints: ['main/browser/main.ts'], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', sourcemap: true, logLevel });
  return outfile;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await buildChromiumHost();
