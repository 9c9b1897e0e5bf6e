// Every native or WebAssembly module the built Electron bundle loads at run time stays external (never copied
// into main.cjs) and is unpacked from the asar by electron-builder.yml. The list of such modules is computed
// once from the installed dependencies (main/electron/nativeModules.ts); this reads the real bundle, its source
// map and the real builder config against it.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleExternals, findNativeDependencies } from '../../main/electron/nativeModules';
import { buildShell, globMatcher, readBuilderConfig, root } from './builtShell';
import type { BuiltShell } from './builtShell';
import { checkNativePacking, isBuiltin, packageOf, runtimeRequires } from './nativePacking';
import type { PackingInput } from './nativePacking';

let shell: BuiltShell;
let real: PackingInput;

beforeAll(async () => {
  shell = await buildShell();
  const pkg = JSON.parse(readFileSync(`${root}/package.json`, 'utf8')) as { dependencies: Record<string, string> };
  real = {
    root,
    code: readFileSync(shell.main, 'utf8'),
    codeDir: dirname(shell.main),
    sourceMap: JSON.parse(readFileSync(`${shell.main}.map`, 'utf8')) as { sources: string[] },
    dependencies: Object.keys(pkg.dependencies),
    natives: findNativeDependencies(root),
    asarUnpack: readBuilderConfig().asarUnpack,
    globMatcher,
  };
});
afterAll(() => shell?.remove());

describe('native modules in the built Electron bundle', () => {
  it('finds the native dependencies from the installed files: serialport, resvg, PGlite', () => {
    expect(real.natives.map((dep) => dep.name)).toEqual(['@electric-sql/pglite', '@resvg/resvg-js', 'serialport']);
    expect(real.natives.find((dep) => dep.name === 'serialport')?.holders).toEqual(['@serialport/bindings-cpp']);
    expect(bundleExternals(root)).toEqual(expect.arrayContaining(['serialport', '@serialport/bindings-cpp', '@resvg/resvg-js', '@electric-sql/pglite']));
  });

  it('leaves the native modules the host loads to require() at run time, resolvable from the bundle', () => {
    const external = runtimeRequires(real.code).names.filter((name) => !isBuiltin(name) && name !== 'electron').map(packageOf);
    // The host prints (resvg) and talks to serial devices (serialport); if these vanished the check below would be empty.
    expect(external).toEqual(expect.arrayContaining(['@resvg/resvg-js', 'serialport']));
    for (const name of external) expect(createRequire(import.meta.url).resolve(name, { paths: [real.codeDir] })).toContain(`${root}node_modules`);
  });

  it('inlines no native module, requires only shipped packages, and unpacks every .node/.wasm with no stale asarUnpack entry', () => {
    expect(checkNativePacking(real)).toEqual([]);
  });

  it('the loader (the package entry, runs before any slot) requires only electron, a main.cjs and Node built-ins', () => {
    const { names, computed } = runtimeRequires(readFileSync(shell.loader, 'utf8'));
    // The one computed require is the chosen slot's electron/main.cjs.
    expect({ names: [...new Set(names.filter((name) => !isBuiltin(name)))].sort(), computed }).toEqual({ names: ['./main.cjs', 'electron'], computed: 1 });
  });

  it('the preload (sandboxed: only electron may be required) requires nothing else', () => {
    expect(runtimeRequires(readFileSync(shell.preload, 'utf8'))).toEqual({ names: ['electron'], computed: 0 });
  });
});

describe('the packing check fails when', () => {
  it('an unpack entry is missing', () => {
    const problems = checkNativePacking({ ...real, asarUnpack: real.asarUnpack.filter((p) => !p.includes('@resvg')) });
    expect(problems).toEqual([expect.stringMatching(/resvgjs\.linux-x64-gnu\.node \(loaded by @resvg\/resvg-js\) is not unpacked/)]);
  });

  it('an unpack entry is stale', () => {
    expect(checkNativePacking({ ...real, asarUnpack: [...real.asarUnpack, '**/node_modules/left-pad/**'] })).toEqual([expect.stringContaining('left-pad/** matches no file')]);
  });

  it('a native module was copied into the bundle', () => {
    const sources = [...real.sourceMap.sources, '../../node_modules/@electric-sql/pglite/dist/index.cjs'];
    expect(checkNativePacking({ ...real, sourceMap: { sources } })).toEqual(['@electric-sql/pglite is inlined into the bundle; it must stay external']);
  });

  it('a package with a .node file was copied in although the native list missed it', () => {
    const sources = [...real.sourceMap.sources, '../../node_modules/@serialport/bindings-cpp/dist/index.js'];
    expect(checkNativePacking({ ...real, natives: real.natives.filter((dep) => dep.name !== 'serialport'), sourceMap: { sources } })).toEqual(
      expect.arrayContaining(['@serialport/bindings-cpp is inlined into the bundle but holds .node/.wasm files']),
    );
  });

  it('the bundle requires a package that is not shipped, or one by a computed name', () => {
    const code = `${real.code};require("left-pad");require(name)`;
    expect(checkNativePacking({ ...real, code })).toEqual([
      '1 require(…) call(s) with a computed name: the check cannot see what they load',
      'the bundle requires left-pad at run time, but it is not a runtime dependency',
    ]);
  });
});
