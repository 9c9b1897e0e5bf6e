// What a bundle carries and where the hosts find it. A payload is a folder tree:
//   renderer/…            the built renderer (index.html + assets), served by both hosts
//   electron/…            the bundled Electron main and preload (dist/electron), when built; never the loader,
//                         which chooses among payloads and is updated only with the package
//   browser/main.mjs      the bundled Chromium host (dist/browser), when built
//   catalog/catalog.json  the catalogue shipped for first boot
// The factory payload is the same content where the package keeps it (renderer/dist, dist/electron, src/domain/…).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { PayloadFile } from './bundleFormat';
import type { BootSource } from './slotLayout';
import { slotPayloadDir } from './slotLayout';

/** Every file under `dir`, with `/`-separated paths under `prefix`, in a stable (sorted) order. */
export function collectPayload(dir: string, prefix = ''): PayloadFile[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort()
    .map((path) => ({ path: prefix + path, bytes: readFileSync(join(dir, ...path.split('/'))) }));
}

/** The project's own build output as a payload (what `bundle build` takes without --from). */
export function projectPayload(root: string): PayloadFile[] {
  const renderer = join(root, 'renderer', 'dist');
  if (!existsSync(join(renderer, 'index.html'))) throw new Error(`${renderer} has no index.html: run npm run build:renderer first, or pass --from DIR`);
  const electron = join(root, 'dist', 'electron');
  const browser = join(root, 'dist', 'browser');
  return [
    ...collectPayload(renderer, 'renderer/'),
    ...(existsSync(electron) ? collectPayload(electron, 'electron/').filter((file) => !file.path.startsWith('electron/loader.cjs')) : []),
    ...(existsSync(browser) ? collectPayload(browser, 'browser/') : []),
    { path: 'catalog/catalog.json', bytes: readFileSync(join(root, 'src', 'domain', 'catalogData', 'catalog.json')) },
  ];
}

/** The renderer folder a source serves: the slot's `renderer/`, or the factory one the host was given. */
export function rendererDirFor(dataDir: string, source: BootSource, factoryRendererDir: string): string {
  return source === 'factory' ? factoryRendererDir : join(slotPayloadDir(dataDir, source), 'renderer');
}
