// Key files of the hub: PKCS#8 PEM, mode 0600 in a 0700 directory, written to a temporary name and linked into
// place, so two hubs starting at once or a power cut mid-write can never leave a half-written key in use.
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export class HubKeyError extends Error {
  readonly code = 'keys';
}

/** Writes `text` to `path` unless it exists (then the other writer's file is kept). */
export function writeOnce(path: string, text: string): void {
  const temp = `${path}.${process.pid}.tmp`;
  const fd = openSync(temp, 'wx', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(temp, path); // fails with EEXIST if another process won the race: then use theirs
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(temp);
  }
}

/** The private key in `dir/file`, created (once, race-free) when missing and `create`. */
export function loadOrCreate(dir: string, file: string, type: 'x25519' | 'ed25519', create: boolean): KeyObject {
  const path = join(dir, file);
  try {
    return createPrivateKey(readFileSync(path, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new HubKeyError(`cannot read ${path}: ${(error as Error).message}`);
    if (!create) throw new HubKeyError(`no hub key ${path}: wrong --data directory?`);
  }
  const pem = (type === 'x25519' ? generateKeyPairSync('x25519') : generateKeyPairSync('ed25519')).privateKey
    .export({ format: 'pem', type: 'pkcs8' })
    .toString();
  writeOnce(path, pem);
  return createPrivateKey(readFileSync(path, 'utf8'));
}

export function rawPublicKey(privateKey: KeyObject): string {
  const jwk = createPublicKey(privateKey).export({ format: 'jwk' });
  if (!jwk.x) throw new HubKeyError('not an OKP key');
  return Buffer.from(jwk.x, 'base64url').toString('base64');
}

/** Raw 32-byte private scalar of the X25519 key, as @hpke/core's deserializePrivateKey wants it. */
export function rawPrivateKey(privateKey: KeyObject): Uint8Array {
  const jwk = privateKey.export({ format: 'jwk' });
  if (!jwk.d) throw new HubKeyError('not an OKP private key');
  return new Uint8Array(Buffer.from(jwk.d, 'base64url'));
}
