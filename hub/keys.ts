// The hub's keys, generated on first start and kept as files in the data directory's keys/:
//   sealing keys (HPKE X25519, rotatable): see sealingKeys.ts; the network-facing hub reads only their public
//                            halves, the private ones are read by `kioskctl hub open`
//   signing-ed25519.pem      what signs catalogs and announces a rotated sealing key: the hub process needs it
// Files rather than database rows so that a database dump or a PostgreSQL replica never carries a private key,
// and so that an operator can back them up (and must: without the sealing private keys no stored application
// can ever be opened).
import { createPrivateKey, sign, type KeyObject } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sealingKeyStatement } from '../src/domain/hubApi';
import { HubKeyError, loadOrCreate, rawPublicKey } from './keyFiles';
import { loadSealingKeys, openingKeys, sealingKeyIdOf } from './sealingKeys';

export { HubKeyError, rawPrivateKey, rawPublicKey } from './keyFiles';
export { hasHpkeKey } from './sealingKeys';

/** What the network-facing hub holds: the sealing public keys and the signing pair, never an opening key. */
export interface HubKeys {
  /** Raw 32-byte X25519 public key kiosks seal to now, base64 (what enrolment and heartbeats hand out). */
  hpkePublicKey: string;
  /** Its id, and its announcement signed with the signing key (heartbeat answers). */
  sealingKeyId: string;
  sealingKeySignature: string;
  /** Every sealing key id this hub's operators can open; an application sealed to another is refused. */
  knownSealingKeyIds: string[];
  signingPrivateKey: KeyObject;
  /** Raw 32-byte Ed25519 public key, base64. */
  signingPublicKey: string;
}

/** The keys the network-facing hub needs, creating missing ones unless `create` is false (default true: first start). */
export function loadHubKeys(dataDir: string, { create = true }: { create?: boolean } = {}): HubKeys {
  const dir = join(dataDir, 'keys');
  if (create) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    chmodSync(dir, 0o700);
  }
  const sealing = loadSealingKeys(dir, create);
  const signingPrivateKey = loadOrCreate(dir, 'signing-ed25519.pem', 'ed25519', create);
  if (signingPrivateKey.asymmetricKeyType !== 'ed25519') throw new Error(`unexpected key type in ${dir}`);
  return {
    hpkePublicKey: sealing.current.hpkePublicKey,
    sealingKeyId: sealing.current.kid,
    sealingKeySignature: sign(null, sealingKeyStatement(sealing.current.hpkePublicKey), signingPrivateKey).toString('base64'),
    knownSealingKeyIds: sealing.known,
    signingPrivateKey,
    signingPublicKey: rawPublicKey(signingPrivateKey),
  };
}

/** The current sealing key's private half (what kiosks seal to now); `kioskctl hub open` picks by key id (openingKeys). */
export function loadHpkePrivateKey(dataDir: string): KeyObject {
  const [key] = openingKeys(dataDir, loadSealingKeys(join(dataDir, 'keys'), false).current.kid);
  if (!key) throw new Error('no sealing key');
  return key;
}

/**
 * The opening key from an explicit file, for the back office (`kioskctl hub start --office-key FILE`): it must be
 * the private half of one of the hub's sealing keys (`knownSealingKeyIds`), or the office could open nothing;
 * after a rotation it opens the cases sealed to that key and says so for the others (office/opener.ts).
 */
export function loadOfficeOpeningKey(file: string, knownSealingKeyIds: readonly string[]): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new HubKeyError(`cannot read the office opening key ${file}: ${(error as Error).message}`);
  }
  if (key.asymmetricKeyType !== 'x25519') throw new HubKeyError(`${file} is not an X25519 private key`);
  if (!knownSealingKeyIds.includes(sealingKeyIdOf(rawPublicKey(key)))) throw new HubKeyError(`${file} is not the private half of any of this hub's sealing keys (keys/hpke-x25519.pub, keys/hpke/*.pub)`);
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
