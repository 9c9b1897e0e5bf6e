// `kioskctl bundle` and `kioskctl update` as field staff run them: real files, real keys, the exit codes of
// issue 12, and for every refusal a data directory that is byte for byte what it was.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runKioskctl } from '../support/kioskctl';
import { bundleBytes, kioskDataDir, makeKey, snapshot, tempDir, writeBundle } from './rig';
import type { ManifestFields } from './rig';

const key = makeKey();
const work = tempDir();

/** Offsets of the manifest and the signature inside a bundle (format in main/host/update/bundleFormat.ts). */
function layout(bundle: Buffer) {
  const manifestStart = 12;
  const manifestEnd = manifestStart + bundle.readUInt32BE(8);
  const signatureStart = manifestEnd + 2;
  return { manifestStart, manifestEnd, signatureStart };
}

const flipByte = (bundle: Buffer, at: number) => void bundle.writeUInt8(bundle.readUInt8(at) ^ 0x01, at);

function tampered(name: string, change: (bundle: Buffer) => void): string {
  const bundle = bundleBytes(key.privateKey, { version: '0.2.0' });
  change(bundle);
  const file = join(work, `${name}.bundle`);
  writeFileSync(file, bundle);
  return file;
}

describe('kioskctl bundle', () => {
  it('makes a key, builds a bundle from a folder and verifies it', async () => {
    const dir = tempDir();
    expect((await runKioskctl(['bundle', 'keygen', '--out', dir])).code).toBe(0);
    expect(statSync(join(dir, 'update-signing.pem')).mode & 0o777).toBe(0o600);
    expect((await runKioskctl(['bundle', 'keygen', '--out', dir])).code).toBe(1); // never overwrites the fleet's key

    const from = tempDir();
    for (const file of [{ path: 'renderer/index.html', bytes: 'hi' }, { path: 'renderer/a/b.js', bytes: 'x' }]) {
      const target = join(from, file.path);
      await import('node:fs').then((fs) => fs.mkdirSync(join(target, '..'), { recursive: true }));
      writeFileSync(target, file.bytes);
    }
    const out = join(dir, 'kiosk.bundle');
    const build = await runKioskctl(['bundle', 'build', '--from', from, '--version', '1.2.0', '--channel', 'pilot', '--min-version', '1.0.0', '--key', join(dir, 'update-signing.pem'), '--out', out]);
    expect(build.code, build.stderr).toBe(0);
    const verify = await runKioskctl(['bundle', 'verify', out, '--pub', join(dir, 'update-signing.pub'), '--json']);
    expect(verify.code, verify.stderr).toBe(0);
    const manifest = JSON.parse(verify.stdout) as { version: string; channel: string; minVersion: string; files: { path: string; size: number }[] };
    expect(manifest).toMatchObject({ version: '1.2.0', channel: 'pilot', minVersion: '1.0.0' });
    expect(manifest.files.map((f) => [f.path, f.size])).toEqual([['renderer/a/b.js', 1], ['renderer/index.html', 2]]);
  }, 120_000);

  it('answers usage errors with 64', async () => {
    expect((await runKioskctl(['bundle', 'build', '--version', 'one', '--channel', 'stable'])).code).toBe(64);
  });
});

const refusals: [string, () => string, number][] = [
  ['one byte of one file', () => tampered('file-byte', (b) => flipByte(b, b.length - 1)), 3],
  ['one byte of the manifest', () => tampered('manifest-byte', (b) => b.write('stabla', b.indexOf('"stable"') + 1, 'latin1')), 3],
  ['one byte of the signature', () => tampered('signature-byte', (b) => flipByte(b, layout(b).signatureStart + 10)), 3],
  ['a truncated file', () => truncate(), 3],
  ['a bundle signed by another key', () => writeBundle(tempDir(), makeKey().privateKey, { version: '0.2.0' }), 3],
  ['another channel', () => writeBundle(tempDir(), key.privateKey, { version: '0.2.0', channel: 'pilot' }), 4],
  ['a version not newer than the installed one', () => writeBundle(tempDir(), key.privateKey, { version: '0.1.0' }), 4],
  ['a minVersion above the installed one', () => writeBundle(tempDir(), key.privateKey, { version: '0.9.0', minVersion: '0.5.0' }), 4],
  ['a runtime the kiosk does not have', () => writeBundle(tempDir(), key.privateKey, { version: '0.2.0', minRuntime: { node: '99.0.0', electron: null } }), 4],
];

function truncate(): string {
  const bundle = bundleBytes(key.privateKey, { version: '0.2.0' });
  const file = join(work, 'truncated.bundle');
  writeFileSync(file, bundle.subarray(0, bundle.length - 7));
  return file;
}

describe.concurrent('kioskctl update install refuses, and nothing changes', () => {
  for (const [name, make, code] of refusals) {
    it(`${name} → exit ${code}`, async () => {
      const kiosk = kioskDataDir(key);
      const file = make();
      const before = snapshot(kiosk.dataDir);
      if (code === 3) expect((await runKioskctl(['bundle', 'verify', file, '--pub', key.publicFile])).code).toBe(3);
      const run = await runKioskctl(['update', 'install', file, '--data', kiosk.dataDir, '--json']);
      expect(run.code, run.stderr).toBe(code);
      expect(JSON.parse(run.stdout)).toMatchObject({ installed: false });
      expect(snapshot(kiosk.dataDir)).toEqual(before);
    }, 120_000);
  }
});

describe('kioskctl update: install, boot, mark-good, anti-downgrade and a signed rollback', () => {
  const install = (file: string, data: string) => runKioskctl(['update', 'install', file, '--data', data]);
  const status = async (data: string) => JSON.parse((await runKioskctl(['update', 'status', '--data', data, '--json'])).stdout) as Record<string, unknown>;
  const bundle = (fields: ManifestFields) => writeBundle(tempDir(), key.privateKey, fields);

  it('walks the whole life of two releases', async () => {
    const { dataDir } = kioskDataDir(key);
    expect(await status(dataDir)).toEqual({
      current: { slot: 'factory', version: '0.1.0' },
      previous: null,
      pending: false,
      bootAttempts: 0,
      lastResult: null,
      slots: { A: { version: null, intact: false }, B: { version: null, intact: false } },
    });
    expect((await runKioskctl(['update', 'check', '--data', dataDir])).code).toBe(0); // factory is always intact

    expect((await install(bundle({ version: '0.3.0' }), dataDir)).code).toBe(0);
    expect(await status(dataDir)).toMatchObject({ current: { slot: 'A', version: '0.3.0' }, previous: { slot: 'factory', version: '0.1.0' }, pending: true, lastResult: 'installed' });
    expect((await install(bundle({ version: '0.4.0' }), dataDir)).code).toBe(4); // one pending slot at a time
    expect((await runKioskctl(['update', 'boot', '--data', dataDir])).stdout.trim()).toBe('A');
    expect((await runKioskctl(['update', 'mark-good', '--data', dataDir])).code).toBe(0);
    expect(await status(dataDir)).toMatchObject({ current: { slot: 'A' }, pending: false, bootAttempts: 0, lastResult: 'good' });

    // Older and equal versions are refused; a signed rollback bundle of an older version is accepted.
    expect((await install(bundle({ version: '0.2.0' }), dataDir)).code).toBe(4);
    expect((await install(bundle({ version: '0.3.0' }), dataDir)).code).toBe(4);
    const rollback = await install(bundle({ version: '0.2.0', allowDowngrade: true }), dataDir);
    expect(rollback.code, rollback.stderr).toBe(0);
    expect(await status(dataDir)).toMatchObject({ current: { slot: 'B', version: '0.2.0' }, previous: { slot: 'A', version: '0.3.0' }, pending: true });

    // A slot that rots on disk fails check and is not started.
    const index = join(dataDir, 'update', 'slots', 'B', 'payload', 'renderer', 'index.html');
    writeFileSync(index, readFileSync(index, 'utf8').replace('kiosk', 'KIOSK'));
    expect((await runKioskctl(['update', 'check', '--data', dataDir])).code).toBe(3);
    const boot = await runKioskctl(['update', 'boot', '--data', dataDir]);
    expect(boot.stdout.trim()).toBe('A');
    expect(await status(dataDir)).toMatchObject({ current: { slot: 'A', version: '0.3.0' }, previous: null, pending: false, lastResult: 'rolledBack', slots: { B: { intact: false } } });
  }, 300_000);
});
