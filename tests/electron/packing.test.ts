// electron-builder packs the kiosk here (`--dir`, Linux, this machine's arch) with a stand-in Electron
// distribution: an `electron` file that only carries the fuse wire as Electron ships it, since the real binary
// cannot be downloaded. It checks what the builder makes of electron-builder.yml: the asar's contents, the
// native files unpacked beside it, the fuses flipped in the executable, and the deb's dependencies. It is a
// packing check; it proves nothing about running Electron. Two differences from `npm run dist`, both because
// there is no network here: npmRebuild is off (rebuilding natives downloads Electron's headers), and the deb
// itself is not built (electron-builder downloads fpm); its dependency list is checked in the config instead.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Asar from '@electron/asar';
import type * as Fuses from '@electron/fuses';
import * as builder from 'electron-builder';
import { findNativeDependencies } from '../../main/electron/nativeModules';
import { buildShell, readBuilderConfig, root } from './builtShell';
import type { BuiltShell } from './builtShell';

// electron-builder's own copies of asar and fuses: the ones it packs and flips with.
const builderRequire = createRequire(createRequire(import.meta.url).resolve('app-builder-lib/package.json'));
const asar = builderRequire('@electron/asar') as typeof Asar;
const { FuseV1Options, getCurrentFuseWire } = builderRequire('@electron/fuses') as typeof Fuses;
const { default: FpmTarget } = builderRequire('./out/targets/FpmTarget') as { default: { prototype: { getDefaultDepends(target: string): string[] } } };

const fuseSentinel = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron's own defaults, in wire order: RunAsNode, cookie encryption, NODE_OPTIONS, --inspect, asar integrity,
 * only-asar, browser V8 snapshot, file: privileges ('1' on, '0' off). */
const electronDefaultWire = '10110001';

let shell: BuiltShell;
let temp: string;
let rendererDir: string;
let appOutDir: string;
const config = readBuilderConfig();

beforeAll(async () => {
  shell = await buildShell();
  rendererDir = mkdtempSync(join(root, 'dist', 'renderer-test-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>kiosk</title>');
  temp = mkdtempSync(join(tmpdir(), 'kiosk-pack-'));
  const electronDist = join(temp, 'electron-dist');
  mkdirSync(join(electronDist, 'resources'), { recursive: true });
  const wire = Buffer.concat([Buffer.from(`#!/bin/sh\necho 'stand-in for Electron, not runnable' >&2\nexit 1\n# ${fuseSentinel}`), Buffer.from([1, electronDefaultWire.length]), Buffer.from(`${electronDefaultWire}\n`)]);
  writeFileSync(join(electronDist, 'electron'), wire);
  chmodSync(join(electronDist, 'electron'), 0o755);

  // The built shell and a renderer page come from this test's folders, placed where the yml's own entries put them.
  const excludes = config.files.filter((entry) => entry.startsWith('!'));
  const staged: Record<string, string> = { 'dist/electron/**': shell.dir, 'renderer/dist/**': rendererDir };
  const files = config.files.map((entry) => (staged[entry] ? { from: relative(root, staged[entry]), to: entry.slice(0, -'/**'.length), filter: ['**/*', ...excludes] } : entry));
  const output = join(temp, 'out');
  await builder.build({
    projectDir: root,
    targets: builder.Platform.LINUX.createTarget('dir'),
    publish: 'never',
    config: { ...(config as object), files, electronDist, npmRebuild: false, directories: { ...(config.directories as object), output } },
  });
  appOutDir = join(output, process.arch === 'x64' ? 'linux-unpacked' : `linux-${process.arch}-unpacked`);
}, 300_000);

afterAll(() => {
  shell?.remove();
  if (rendererDir) rmSync(rendererDir, { recursive: true, force: true });
  if (temp) rmSync(temp, { recursive: true, force: true });
});

const archive = () => join(appOutDir, 'resources', 'app.asar');

describe('electron-builder --dir with a stand-in Electron (packing, not running)', () => {
  it('puts the built shell, the renderer and package.json (main = the loader) in the asar, without sources or maps', () => {
    const entries = asar.listPackage(archive(), { isPack: false });
    expect(entries).toEqual(expect.arrayContaining(['/package.json', '/dist/electron/loader.cjs', '/dist/electron/main.cjs', '/dist/electron/preload.cjs', '/renderer/dist/index.html']));
    expect(entries.filter((entry) => /\.(map|ts|tsx)$/.test(entry))).toEqual([]);
    expect(JSON.parse(asar.extractFile(archive(), 'package.json').toString()).main).toBe('dist/electron/loader.cjs');
  });

  it('ships the runtime dependencies and leaves the build tools out', () => {
    const has = (name: string) => asar.listPackage(archive(), { isPack: false }).includes(`/node_modules/${name}/package.json`);
    for (const name of ['serialport', '@serialport/bindings-cpp', '@resvg/resvg-js', '@electric-sql/pglite', 'zod']) expect([name, has(name)]).toEqual([name, true]);
    for (const name of ['electron', 'electron-builder', 'vite', 'vitest', 'typescript', 'eslint', '@playwright/test', 'esbuild']) expect([name, has(name)]).toEqual([name, false]);
  });

  it('unpacks every .node and .wasm of the native dependencies next to the asar', () => {
    const files = findNativeDependencies(root).flatMap((dep) => dep.files);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      expect([file, (asar.statFile(archive(), file) as { unpacked?: boolean }).unpacked]).toEqual([file, true]);
      expect([file, existsSync(join(appOutDir, 'resources', 'app.asar.unpacked', file))]).toEqual([file, true]);
    }
  });

  it('flips the fuses of electron-builder.yml in the executable it names', async () => {
    const executable = join(appOutDir, (config.linux as { executableName: string }).executableName);
    const wire = (await getCurrentFuseWire(executable)) as unknown as Record<number, number>;
    const names: Record<string, number> = {
      runAsNode: FuseV1Options.RunAsNode,
      enableNodeOptionsEnvironmentVariable: FuseV1Options.EnableNodeOptionsEnvironmentVariable,
      enableNodeCliInspectArguments: FuseV1Options.EnableNodeCliInspectArguments,
      onlyLoadAppFromAsar: FuseV1Options.OnlyLoadAppFromAsar,
      enableEmbeddedAsarIntegrityValidation: FuseV1Options.EnableEmbeddedAsarIntegrityValidation,
    };
    expect(Object.keys(config.electronFuses).sort()).toEqual(Object.keys(names).sort());
    for (const [name, on] of Object.entries(config.electronFuses)) expect([name, String.fromCharCode(wire[names[name]!]!)]).toEqual([name, on ? '1' : '0']);
  });

  it("keeps electron-builder's default deb dependencies (a `depends` list replaces them) and adds socat and fonts-noto-cjk", () => {
    const defaults = FpmTarget.prototype.getDefaultDepends.call(null, 'deb');
    expect(defaults.length).toBeGreaterThan(0);
    expect(config.deb.depends).toEqual(expect.arrayContaining([...defaults, 'socat', 'fonts-noto-cjk']));
  });

  it("runs electron-builder's own deb after-install (chrome-sandbox mode, /usr/bin link, AppArmor), which a custom one replaces, then ours", () => {
    const ours = readFileSync(join(root, config.deb.afterInstall), 'utf8');
    const theirs = readFileSync(builderRequire.resolve('./templates/linux/after-install.tpl'), 'utf8');
    expect(ours.startsWith(theirs)).toBe(true);
    expect(ours.slice(theirs.length)).toMatch(/usermod -a -G dialout/);
    // electron-builder fills ${name} macros and fails the build on one it does not know.
    const macros = (text: string) => new Set([...text.matchAll(/\$\{([a-zA-Z]+)\}/g)].map((m) => m[1]));
    expect([...macros(ours)].every((name) => macros(theirs).has(name))).toBe(true);
  });
});
