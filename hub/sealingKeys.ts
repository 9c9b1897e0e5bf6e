// The hub's sealing keys (HPKE X25519), rotatable. Files under the data directory's keys/:
//   hpke-x25519.pem / .pub    the first key (every hub has it; kiosks before rotation seal to it, without a kid)
//   hpke/<kid>.pem / .pub     keys made by `kioskctl hub rotate-key`
//   hpke-current              the kid kiosks are told to seal to; absent = the first key
// A retired key is never deleted: applications sealed to it must still open. The network-facing hub reads only
// .pub files; the .pem files are read by `kioskctl hub open` (and rotate-key, which makes them).
import { createHash, createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HubKeyError, loadOrCreate, rawPublicKey, writeOnce } from './keyFiles';

const firstPrivateFile = 'hpke-x25519.pem';
const firstPublicFile = 'hpke-x25519.pub';
const currentFile = 'hpke-current';
const rotatedDir = 'hpke';

/** `sealingKeyId` of src/domain/hubApi, synchronously (the hub loads its keys before it serves). */
export const sealingKeyIdOf = (hpkePublicKey: string): string =>
  createHash('sha256').update('zwxw-sealing-key/v1').update(Buffer.from(hpkePublicKey, 'base64')).digest('hex').slice(0, 16);

export interface SealingKey {
  kid: string;
  /** Raw 32-byte X25519 public key, base64. */
  hpkePublicKey: string;
}

/** Whether this data directory has a sealing key at all (either half of the first one). */
export const hasHpkeKey = (dataDir: string): boolean => [firstPrivateFile, firstPublicFile].some((file) => existsSync(join(dataDir, 'keys', file)));

function readPublic(path: string): SealingKey {
  const hpkePublicKey = readFileSync(path, 'utf8').trim();
  if (Buffer.from(hpkePublicKey, 'base64').length !== 32) throw new HubKeyError(`${path} is not a raw 32-byte X25519 public key in base64`);
  return { kid: sealingKeyIdOf(hpkePublicKey), hpkePublicKey };
}

/**
 * The first key's public half from hpke-x25519.pub. A directory from before that file existed gets it derived
 * from the private key once (the only time the hub process reads it); a new one gets a new pair when `create`.
 */
function firstKey(keysDir: string, create: boolean): SealingKey {
  const path = join(keysDir, firstPublicFile);
  if (!existsSync(path)) writeOnce(path, rawPublicKey(loadOrCreate(keysDir, firstPrivateFile, 'x25519', create)) + '\n');
  return readPublic(path);
}

/** The key kiosks seal new applications to, and the ids of every key this hub can open (current first). */
export function loadSealingKeys(keysDir: string, create: boolean): { current: SealingKey; known: string[] } {
  const first = firstKey(keysDir, create);
  const rotated = existsSync(join(keysDir, rotatedDir))
    ? readdirSync(join(keysDir, rotatedDir)).filter((name) => name.endsWith('.pub')).map((name) => readPublic(join(keysDir, rotatedDir, name)))
    : [];
  const currentKid = existsSync(join(keysDir, currentFile)) ? readFileSync(join(keysDir, currentFile), 'utf8').trim() : first.kid;
  const current = [first, ...rotated].find((key) => key.kid === currentKid);
  if (!current) throw new HubKeyError(`${join(keysDir, currentFile)} names key ${currentKid}, but keys/${rotatedDir}/${currentKid}.pub is missing`);
  return { current, known: [current.kid, ...[first, ...rotated].map((key) => key.kid).filter((kid) => kid !== current.kid)] };
}

/**
 * Makes a new sealing key and makes it current. The pair is written first, the pointer last (renamed into
 * place), so a power cut leaves either the old key current or the new one complete and current.
 */
export function rotateSealingKey(dataDir: string): { previous: SealingKey; current: SealingKey } {
  const keysDir = join(dataDir, 'keys');
  const previous = loadSealingKeys(keysDir, false).current;
  const privateKey = generateKeyPairSync('x25519').privateKey;
  const hpkePublicKey = rawPublicKey(privateKey);
  const kid = sealingKeyIdOf(hpkePublicKey);
  mkdirSync(join(keysDir, rotatedDir), { recursive: true, mode: 0o700 });
  writeOnce(join(keysDir, rotatedDir, `${kid}.pem`), privateKey.export({ format: 'pem', type: 'pkcs8' }).toString());
  writeOnce(join(keysDir, rotatedDir, `${kid}.pub`), hpkePublicKey + '\n');
  const temp = join(keysDir, `${currentFile}.${process.pid}.tmp`);
  writeFileSync(temp, kid + '\n', { mode: 0o600 });
  renameSync(temp, join(keysDir, currentFile));
  return { previous, current: { kid, hpkePublicKey } };
}

/**
 * The private keys to try on an application sealed to `kid`: that key alone, or, for a payload without a kid
 * (kiosks from before rotation), every key, the first one first.
 */
export function openingKeys(dataDir: string, kid: string | null): KeyObject[] {
  const keysDir = join(dataDir, 'keys');
  const first = firstKey(keysDir, false).kid;
  const kids = kid ? [kid] : [first, ...loadSealingKeys(keysDir, false).known.filter((one) => one !== first)];
  return kids.map((one) => {
    const file = one === first ? join(keysDir, firstPrivateFile) : join(keysDir, rotatedDir, `${one}.pem`);
    if (!existsSync(file)) throw new HubKeyError(`no private key for sealing key ${one} (${file}): restore it from the key backup`);
    const key = createPrivateKey(readFileSync(file, 'utf8'));
    if (key.asymmetricKeyType !== 'x25519') throw new HubKeyError(`unexpected key type in ${file}`);
    return key;
  });
}
