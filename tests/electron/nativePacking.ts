// Checks a built bundle against the native dependencies and electron-builder's `asarUnpack`: what the bundle
// still loads at run time (its `require`s), what esbuild copied into it (its source map), and which files the
// package leaves outside the asar. Returns the problems as sentences; none means the packing holds.
import { builtinModules } from 'node:module';
import { join, relative, resolve, sep } from 'node:path';
import { filesIn } from '../../main/electron/nativeModules';
import type { NativeDependency } from '../../main/electron/nativeModules';

export interface PackingInput {
  root: string;
  /** The bundle's code and where it lies (its source map's paths are relative to that folder). */
  code: string;
  codeDir: string;
  sourceMap: { sources: string[] };
  /** Runtime dependencies (package.json `dependencies`). */
  dependencies: string[];
  natives: NativeDependency[];
  asarUnpack: string[];
  /** Compiles globs as electron-builder does (see builtShell.ts). */
  globMatcher: (patterns: string[]) => (path: string) => boolean;
}

/** Module names the bundle loads at run time: `require('x')` and `import('x')` with a literal name. */
export function runtimeRequires(code: string): { names: string[]; computed: number } {
  const names = new Set<string>();
  for (const match of code.matchAll(/\b(?:require|import)\(\s*(["'`])([^"'`]+)\1\s*\)/g)) names.add(match[2]!);
  const calls = code.match(/\brequire\(/g)?.length ?? 0;
  const literal = code.match(/\brequire\(\s*["'`][^"'`]+["'`]\s*\)/g)?.length ?? 0;
  return { names: [...names].sort(), computed: calls - literal };
}

export const isBuiltin = (name: string) => name.startsWith('node:') || builtinModules.includes(name.split('/')[0]!);
export const packageOf = (specifier: string) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');

/** Packages esbuild copied into the bundle: the folder after the last node_modules of each source. */
export function inlinedPackages(root: string, codeDir: string, sources: string[]): { name: string; dir: string }[] {
  const found = new Map<string, string>();
  for (const source of sources) {
    const path = relative(root, resolve(codeDir, source)).split(sep).join('/');
    const match = /^(.*node_modules\/((?:@[^/]+\/)?[^/]+))\//.exec(path);
    if (match) found.set(match[2]!, match[1]!);
  }
  return [...found].map(([name, dir]) => ({ name, dir })).sort((a, b) => a.name.localeCompare(b.name));
}

export function checkNativePacking(input: PackingInput): string[] {
  const { root, natives } = input;
  const problems: string[] = [];
  const nativeNames = new Set(natives.flatMap((dep) => [dep.name, ...dep.holders]));

  for (const { name, dir } of inlinedPackages(root, input.codeDir, input.sourceMap.sources)) {
    if (nativeNames.has(name)) problems.push(`${name} is inlined into the bundle; it must stay external`);
    else if (filesIn(join(root, dir)).length) problems.push(`${name} is inlined into the bundle but holds .node/.wasm files`);
  }

  const requires = runtimeRequires(input.code);
  if (requires.computed) problems.push(`${requires.computed} require(…) call(s) with a computed name: the check cannot see what they load`);
  const shipped = new Set([...input.dependencies, ...nativeNames]);
  for (const name of new Set(requires.names.filter((n) => !isBuiltin(n) && n !== 'electron').map(packageOf))) {
    if (!shipped.has(name)) problems.push(`the bundle requires ${name} at run time, but it is not a runtime dependency`);
  }

  const isUnpacked = input.globMatcher(input.asarUnpack);
  for (const dep of natives) {
    for (const file of dep.files) if (!isUnpacked(file)) problems.push(`${file} (loaded by ${dep.name}) is not unpacked: add it to asarUnpack`);
  }
  const nativePackageFiles = natives.flatMap((dep) => dep.dirs.flatMap((dir) => filesIn(join(root, dir), () => true))).map((file) => relative(root, file).split(sep).join('/'));
  for (const pattern of input.asarUnpack) {
    if (!nativePackageFiles.some(input.globMatcher([pattern]))) problems.push(`asarUnpack entry ${pattern} matches no file of a native dependency (stale?)`);
  }
  return problems;
}
