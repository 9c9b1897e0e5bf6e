// Build-time only (Node, never bundled): which runtime dependencies load native code (`.node`) or WebAssembly
// (`.wasm`) from files next to their own sources. This is the one list behind the bundle's externals
// (main/electron/build.ts); tests/electron/nativePacking.test.ts checks the built bundle and electron-builder.yml's
// `asarUnpack` against it. Nobody keeps it by hand: a new dependency with a native part joins it by itself.
//
// Why both halves matter: esbuild cannot inline a `.node` file, and a package that finds its binary or its
// `.wasm` relative to its own folder (node-gyp-build, napi-rs loaders, PGlite) breaks once its code is copied
// into dist/electron/main.cjs; and Electron cannot dlopen a `.node` from inside an asar archive.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

export const nativeFilePattern = /\.(node|wasm)$/;

export interface NativeDependency {
  /** The dependency as package.json names it, e.g. `serialport`. */
  name: string;
  /** Packages in its dependency closure that hold native files, e.g. `@serialport/bindings-cpp`. */
  holders: string[];
  /** Those files, relative to the project root with `/` separators. */
  files: string[];
  /** Folders of the dependency and its holders, relative to the project root. */
  dirs: string[];
}

interface PackageJson {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

const readPackage = (dir: string): PackageJson => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageJson;

/** Node's lookup: `node_modules/NAME` in `fromDir` and every folder above it. Absent optional packages give undefined. */
function resolvePackageDir(name: string, fromDir: string): string | undefined {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/** Files of one package (by default its native ones), not descending into its node_modules: those are packages of their own. */
export function filesIn(dir: string, keep: (name: string) => boolean = (name) => nativeFilePattern.test(name)): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...filesIn(path, keep));
    else if (keep(entry.name)) found.push(path);
  }
  return found;
}

const packageName = (root: string, dir: string) => relative(root, dir).split(sep).join('/').replace(/^.*node_modules\//, '');
const posix = (root: string, path: string) => relative(root, path).split(sep).join('/');

/** Every runtime dependency of the project at `root` whose installed closure holds a `.node` or `.wasm` file. */
export function findNativeDependencies(root: string): NativeDependency[] {
  const found: NativeDependency[] = [];
  for (const name of Object.keys(readPackage(root).dependencies ?? {}).sort()) {
    const start = resolvePackageDir(name, root);
    if (!start) throw new Error(`dependency ${name} is not installed (run npm ci)`);
    const seen = new Set<string>();
    const pending = [start];
    const holders = new Set<string>();
    const files: string[] = [];
    const dirs = new Set([posix(root, start)]);
    while (pending.length) {
      const dir = pending.pop()!;
      if (seen.has(dir)) continue;
      seen.add(dir);
      const own = filesIn(dir);
      if (own.length) {
        holders.add(packageName(root, dir));
        dirs.add(posix(root, dir));
      }
      files.push(...own.map((file) => posix(root, file)));
      // Optional dependencies are how napi-rs packages ship one binary per platform; only this platform's is installed.
      const pkg = readPackage(dir);
      for (const dep of Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies })) {
        const depDir = resolvePackageDir(dep, dir);
        if (depDir) pending.push(depDir);
      }
    }
    if (files.length) found.push({ name, holders: [...holders].sort(), files: files.sort(), dirs: [...dirs].sort() });
  }
  return found;
}

/**
 * What the bundle leaves to `require` at run time: each native dependency (it may pick its binary per platform,
 * so it must stay whole) and each package holding the files (in case code imports it directly).
 */
export function bundleExternals(root: string): string[] {
  const names = findNativeDependencies(root).flatMap((dep) => [dep.name, ...dep.holders]);
  return [...new Set(names)].sort();
}
