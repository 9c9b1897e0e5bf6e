// Factory trust: the production public key shipped with the package is trusted on the first start that sees
// it, once; removing it by hand is not overruled later; a new key shipped by a newer package is added; a file
// that is not an Ed25519 public key is skipped.
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeKey, tempDir } from '../../../tests/update/rig';
import { keyIdOf } from './bundleFormat';
import { trustedKeys, trustFactoryKeys } from './keys';
import { updateDir } from './slotLayout';

const ids = (dataDir: string) => trustedKeys(dataDir).map(keyIdOf).sort();

describe('factory trust', () => {
  it('trusts the shipped key on first start, once, and adds a newly shipped one', () => {
    const production = makeKey();
    const shipped = tempDir('kiosk-factory-keys-');
    copyFileSync(production.publicFile, join(shipped, 'production.pub'));
    writeFileSync(join(shipped, 'README.txt'), 'not a key');
    writeFileSync(join(shipped, 'broken.pub'), '-----BEGIN PUBLIC KEY-----\nnope\n-----END PUBLIC KEY-----\n');
    const dataDir = tempDir('kiosk-data-');

    expect(ids(dataDir)).toEqual([]);
    expect(trustFactoryKeys(dataDir, shipped)).toEqual({ added: [keyIdOf(production.publicKey)], skipped: ['broken.pub'] });
    expect(ids(dataDir)).toEqual([keyIdOf(production.publicKey)]);
    expect(trustFactoryKeys(dataDir, shipped).added).toEqual([]);

    // An operator removes it: the next start does not put it back.
    rmSync(join(updateDir(dataDir), 'trusted-keys'), { recursive: true });
    expect(trustFactoryKeys(dataDir, shipped).added).toEqual([]);
    expect(ids(dataDir)).toEqual([]);

    // A newer package ships a second key (a key change): that one is added.
    const next = makeKey();
    copyFileSync(next.publicFile, join(shipped, 'production-2027.pub'));
    expect(trustFactoryKeys(dataDir, shipped).added).toEqual([keyIdOf(next.publicKey)]);
    expect(ids(dataDir)).toEqual([keyIdOf(next.publicKey)]);
  });

  it('does nothing without a shipped folder (a development checkout)', () => {
    const dataDir = tempDir('kiosk-data-');
    mkdirSync(join(dataDir, 'update'), { recursive: true });
    expect(trustFactoryKeys(dataDir, join(dataDir, 'no-such-folder'))).toEqual({ added: [], skipped: [] });
    expect(ids(dataDir)).toEqual([]);
  });
});
