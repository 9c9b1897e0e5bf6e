// Bundles found on a (folder standing in for a) USB stick: each verified whole and checked against policy.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundleBytes, kioskDataDir, makeKey, tempDir } from '../../../tests/update/rig';
import { runKioskctl } from '../../../tests/support/kioskctl';
import { listUsbBundles } from './usbSource';

const key = makeKey();

describe('bundles on a USB stick', () => {
  it('lists every bundle a few folders deep with its version and why it would not install', { timeout: 60_000 }, async () => {
    const root = tempDir('kiosk-media-');
    mkdirSync(join(root, 'KINGSTON', 'releases'), { recursive: true });
    writeFileSync(join(root, 'KINGSTON', 'releases', 'kiosk-0.6.0.bundle'), bundleBytes(key.privateKey, { version: '0.6.0' }));
    writeFileSync(join(root, 'KINGSTON', 'kiosk-0.7.0-pilot.bundle'), bundleBytes(key.privateKey, { version: '0.7.0', channel: 'pilot' }));
    const damaged = bundleBytes(key.privateKey, { version: '0.8.0' });
    damaged.writeUInt8(damaged.readUInt8(damaged.length - 1) ^ 1, damaged.length - 1);
    writeFileSync(join(root, 'KINGSTON', 'kiosk-0.8.0.bundle'), damaged);
    writeFileSync(join(root, 'KINGSTON', 'notes.txt'), 'not a bundle');
    const kiosk = kioskDataDir(key);

    const found = listUsbBundles({ ...kiosk, channel: 'stable', runtime: { node: process.versions.node, electron: null } }, [root, join(root, 'not-mounted')]);
    expect(found.map((b) => [b.file.slice(root.length), b.manifest?.version ?? null, b.problem?.split(':')[0] ?? null])).toEqual([
      ['/KINGSTON/kiosk-0.7.0-pilot.bundle', '0.7.0', 'the bundle is for channel pilot; this kiosk follows stable'],
      ['/KINGSTON/kiosk-0.8.0.bundle', null, 'not valid (hash)'],
      ['/KINGSTON/releases/kiosk-0.6.0.bundle', '0.6.0', null],
    ]);

    const cli = await runKioskctl(['update', 'usb', '--root', root, '--data', kiosk.dataDir], {}, 50_000);
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stdout).toContain('kiosk-0.6.0.bundle: 0.6.0 (stable) — ready to install');
  });
});
