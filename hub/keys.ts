// The hub's two key pairs, generated on first start and kept as files in the data directory:
//   keys/hpke-x25519.pem     the private key that opens sealed applications (HPKE, RFC 9180): read only by
//                            `kioskctl hub open`, never by the network-facing hub process
//   keys/hpke-x25519.pub     its raw public key, base64: what the hub hands kiosks to seal to
//   keys/signing-ed25519.pem what signs catalogs (and, later, releases): the hub process needs it
// Files rather than database rows so that a database dump or a PostgreSQL replica never carries a private key,
// and so that an operator can back them up (and must: without hpke-x25519.pem no stored application can ever be
// opened). Files are PKCS#8 PEM, mode 0600 in a 0700 directory, written to a temporary name and linked into
// place, so two hubs starting at once or a power cut mid-write can never leave a half-written key in use.
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { chmodSync, closeSync, existsSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** What the network-facing hub holds: the sealing public key and the signing pair, never the opening key. */
export interface HubKeys {
  /** Raw 32-byte X25519 public key, base64 (what enrolment hands to kiosks). */
  hpkePublicKey: string;
  signingPrivateKey: KeyObject;
  /** Raw 32-byte Ed25519 public key, base64. */
  signingPublicKey: string;
}

export class HubKeyError extends Error {
  readonly code = 'keys';
}

function writeOnce(path: string, text: string): void {
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

const hpkePrivateFile = 'hpke-x25519.pem';
const hpkePublicFile = 'hpke-x25519.pub';

/** Whether this data directory has a sealing key at all (either half). */
export const hasHpkeKey = (dataDir: string): boolean =>
  [hpkePrivateFile, hpkePublicFile].some((file) => existsSync(join(dataDir, 'keys', file)));

/**
 * The sealing public key from hpke-x25519.pub. A directory from before that file existed gets it derived from
 * the private key once (the only time the hub process reads it); a new one gets a new pair when `create`.
 */
function loadHpkePublicKey(dir: string, create: boolean): string {
  const path = join(dir, hpkePublicFile);
  if (!existsSync(path)) writeOnce(path, rawPublicKey(loadOrCreate(dir, hpkePrivateFile, 'x25519', create)) + '\n');
  const key = readFileSync(path, 'utf8').trim();
  if (Buffer.from(key, 'base64').length !== 32) throw new HubKeyError(`${path} is not a raw 32-byte X25519 public key in base64`);
  return key;
}

/** The keys the network-facing hub needs, creating missing ones unless `create` is false (default true: first start). */
export function loadHubKeys(dataDir: string, { create = true }: { create?: boolean } = {}): HubKeys {
  const dir = join(dataDir, 'keys');
  if (create) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    chmodSync(dir, 0o700);
  }
  const hpkePublicKey = loadHpkePublicKey(dir, create);
  const signingPrivateKey = loadOrCreate(dir, 'signing-ed25519.pem', 'ed25519', create);
  if (signingPrivateKey.asymmetricKeyType !== 'ed25519') throw new HubKeyError(`unexpected key type in ${dir}`);
  return { hpkePublicKey, signingPrivateKey, signingPublicKey: rawPublicKey(signingPrivateKey) };
}

/** The key that opens sealed applications, for `kioskctl hub open` only. */
export function loadHpkePrivateKey(dataDir: string): KeyObject {
  const key = loadOrCreate(join(dataDir, 'keys'), hpkePrivateFile, 'x25519', false);
  if (key.asymmetricKeyType !== 'x25519') throw new HubKeyError(`unexpected key type in ${join(dataDir, 'keys', hpkePrivateFile)}`);
  return key;
}

/**
 * The opening key from an explicit file, for the back office (`kioskctl hub start --office-key FILE`): it must be
 * the private half of the hub's sealing key `hpkePublicKey`, or the office would fail on every case.
 */
export function loadOfficeOpeningKey(file: string, hpkePublicKey: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new HubKeyError(`cannot read the office opening key ${file}: ${(error as Error).message}`);
  }
  if (key.asymmetricKeyType !== 'x25519') throw new HubKeyError(`${file} is not an X25519 private key`);
  if (rawPublicKey(key) !== hpkePublicKey) throw new HubKeyError(`${file} is not the private half of this hub's sealing key (keys/hpke-x25519.pub)`);
  return key;
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
