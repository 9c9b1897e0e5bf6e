// What the Electron tests share: the shell built by the project's own build function into a folder of each
// test file's own (inside the project, so its externals resolve from node_modules as they do from dist/electron),
// and electron-builder.yml read and matched the way electron-builder reads and matches it.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildElectronShell } from '../../main/electron/build';

export const root = fileURLToPath(new URL('../..', import.meta.url));

export interface BuiltShell {
  dir: string;
  /** The package's entry: chooses the payload, then runs its main.cjs. */
  loader: string;
  main: string;
  preload: string;
  remove(): void;
}

export async function buildShell(): Promise<BuiltShell> {
  mkdirSync(join(root, 'dist'), { recursive: true });
  const dir = mkdtempSync(join(root, 'dist', 'shell-test-'));
  await buildElectronShell(dir, 'warning');
  return { dir, loader: join(dir, 'loader.cjs'), main: join(dir, 'main.cjs'), preload: join(dir, 'preload.cjs'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

// electron-builder's own parser and glob matcher (its dependencies), so the test reads the file as it does.
const builderRequire = createRequire(createRequire(import.meta.url).resolve('app-builder-lib/package.json'));
const yaml = builderRequire('js-yaml') as { load(text: string): unknown };
const { Minimatch } = builderRequire('minimatch') as { Minimatch: new (pattern: string, options: { dot: boolean }) => { match(path: string): boolean } };

export interface BuilderConfig {
  files: string[];
  asar: boolean;
  asarUnpack: string[];
  electronFuses: Record<string, boolean>;
  deb: { depends: string[]; afterInstall: string };
  [key: string]: unknown;
}

export const readBuilderConfig = (): BuilderConfig => yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig;

/** As electron-builder matches `asarUnpack`: minimatch with dot files, paths relative to the app folder. */
export function globMatcher(patterns: string[]): (path: string) => boolean {
  const compiled = patterns.map((pattern) => new Minimatch(pattern, { dot: true }));
  return (path) => compiled.some((glob) => glob.match(path));
}
