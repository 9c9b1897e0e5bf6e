// The hub's two key pairs, generated on first start and kept as files in the data directory:
//   keys/hpke-x25519.pem     what kiosks seal applications to (HPKE, RFC 9180)
//   keys/signing-ed25519.pem what signs catalogs (and, later, releases)
// Files rather than database rows so that a database dump or a PostgreSQL replica never carries a private key,
// and so that an operator can back them up (and must: without hpke-x25519.pem no stored application can ever be
// opened). Files are PKCS#8 PEM, mode 0600 in a 0700 directory, written to a temporary name and linked into
// place, so two hubs starting at once or a power cut mid-write can never leave a half-written key in use.
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { chmodSync, closeSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export interface HubKeys {
  hpkePrivateKey: KeyObject;
  /** Raw 32-byte X25519 public key, base64 (what enrolment hands to kiosks). */
  hpkePublicKey: string;
  signingPrivateKey: KeyObject;
  /** Raw 32-byte Ed25519 public key, base64. */
  signingPublicKey: string;
}

export class HubKeyError extends Error {
  readonly code = 'keys';
}

function loadOrCreate(dir: string, file: string, type: 'x25519' | 'ed25519', create: boolean): KeyObject {
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
  const temp = `${path}.${process.pid}.tmp`;
  const fd = openSync(temp, 'wx', 0o600);
  try {
    writeSync(fd, pem);
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

/** Loads the hub's keys, creating missing ones unless `create` is false (default true: first start). */
export function loadHubKeys(dataDir: string, { create = true }: { create?: boolean } = {}): HubKeys {
  const dir = join(dataDir, 'keys');
  if (create) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    chmodSync(dir, 0o700);
  }
  const hpkePrivateKey = loadOrCreate(dir, 'hpke-x25519.pem', 'x25519', create);
  const signingPrivateKey = loadOrCreate(dir, 'signing-ed25519.pem', 'ed25519', create);
  if (hpkePrivateKey.asymmetricKeyType !== 'x25519' || signingPrivateKey.asymmetricKeyType !== 'ed25519') {
    throw new HubKeyError(`unexpected key types in ${dir}`);
  }
  return { hpkePrivateKey, hpkePublicKey: rawPublicKey(hpkePrivateKey), signingPrivateKey, signingPublicKey: rawPublicKey(signingPrivateKey) };
}

/** The public halves only (what enrolment hands out and the fingerprint covers); throws when the keys are missing. */
export function loadHubPublicKeys(dataDir: string): Pick<HubKeys, 'hpkePublicKey' | 'signingPublicKey'> {
  const { hpkePublicKey, signingPublicKey } = loadHubKeys(dataDir, { create: false });
  return { hpkePublicKey, signingPublicKey };
}

/** Ed25519 signature over `data`, base64. */
export function signBytes(keys: Pick<HubKeys, 'signingPrivateKey'>, data: Uint8Array): string {
  return sign(null, data, keys.signingPrivateKey).toString('base64');
}
