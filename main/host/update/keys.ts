// Update signing keys. The release manager keeps the private key (`kioskctl bundle keygen`); a kiosk trusts the
// public keys in `<data>/update/trusted-keys/` (`kioskctl update trust`, run at provisioning; the deb runs it
// with the production key). Keys are PEM: PKCS#8 private, SPKI public, Ed25519 only.
import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { keyIdOf } from './bundleFormat';
import { writeAtomic } from './durableFile';
import { updateDir } from './slotLayout';

export class KeyFileError extends Error {
  readonly code = 'key_invalid';
}

function ensureEd25519(key: KeyObject, file: string): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519') throw new KeyFileError(`${file} is a ${key.asymmetricKeyType} key; update keys are Ed25519`);
  return key;
}

function readKey(file: string, parse: (pem: string) => KeyObject): KeyObject {
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (error) {
    throw new KeyFileError(`cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  try {
    return ensureEd25519(parse(pem), file);
  } catch (error) {
    if (error instanceof KeyFileError) throw error;
    throw new KeyFileError(`${file} is not a PEM key`);
  }
}

export const readPrivateKey = (file: string): KeyObject => readKey(file, (pem) => createPrivateKey(pem));
export const readPublicKey = (file: string): KeyObject => readKey(file, (pem) => createPublicKey(pem));

/** Writes DIR/update-signing.pem (0600) and DIR/update-signing.pub; refuses to overwrite a private key. */
export function generateSigningKey(dir: string): { privateFile: string; publicFile: string; keyId: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  mkdirSync(dir, { recursive: true });
  const privateFile = join(dir, 'update-signing.pem');
  const publicFile = join(dir, 'update-signing.pub');
  // 'wx': an existing key is the one every kiosk trusts; overwriting it would orphan the fleet.
  writeFileSync(privateFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  chmodSync(privateFile, 0o600);
  writeFileSync(publicFile, publicKey.export({ type: 'spki', format: 'pem' }), { flag: 'wx' });
  return { privateFile, publicFile, keyId: keyIdOf(publicKey) };
}

const trustDir = (dataDir: string): string => join(updateDir(dataDir), 'trusted-keys');

/** Adds a public key to the kiosk's trusted keys (idempotent); returns its key id. */
export function trustKey(dataDir: string, publicKey: KeyObject): string {
  const keyId = keyIdOf(publicKey);
  mkdirSync(trustDir(dataDir), { recursive: true });
  writeAtomic(join(trustDir(dataDir), `${keyId}.pub`), String(publicKey.export({ type: 'spki', format: 'pem' })));
  return keyId;
}

/** The kiosk's trusted public keys; a damaged file is skipped (it can only make verification fail, never pass). */
export function trustedKeys(dataDir: string): KeyObject[] {
  let names: string[];
  try {
    names = readdirSync(trustDir(dataDir)).filter((name) => name.endsWith('.pub'));
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    try {
      return [readPublicKey(join(trustDir(dataDir), name))];
    } catch {
      return [];
    }
  });
}

const factoryTrustRecord = (dataDir: string): string => join(updateDir(dataDir), 'factory-trust.json');

/**
 * Factory trust: the package ships the production public key(s) (`update-keys/*.pub` in the deb's resources,
 * docs/updates.md says how one gets there at release time) and the kiosk trusts each on the first start that
 * sees it. A key trusted this way once is remembered in `update/factory-trust.json` and never added again, so
 * an operator who removed it from `trusted-keys/` is not overruled at the next start; a new package carrying a
 * new key (a key change) adds that one. A file that is not an Ed25519 public key is skipped and reported.
 */
/** Key ids newly trusted, and shipped key files that could not be read. */
export interface FactoryTrust {
  added: string[];
  skipped: string[];
}

export function trustFactoryKeys(dataDir: string, factoryKeysDir: string): FactoryTrust {
  let names: string[];
  try {
    names = readdirSync(factoryKeysDir).filter((name) => name.endsWith('.pub')).sort();
  } catch {
    return { added: [], skipped: [] }; // no keys shipped (a development checkout)
  }
  let seen: string[] = [];
  try {
    const parsed = JSON.parse(readFileSync(factoryTrustRecord(dataDir), 'utf8')) as { keyIds?: unknown };
    if (Array.isArray(parsed.keyIds)) seen = parsed.keyIds.filter((id): id is string => typeof id === 'string');
  } catch {
    // none yet (first start), or torn: trusting a shipped key again is harmless
  }
  const added: string[] = [];
  const skipped: string[] = [];
  for (const name of names) {
    let key: KeyObject;
    try {
      key = readPublicKey(join(factoryKeysDir, name));
    } catch {
      skipped.push(name);
      continue;
    }
    const keyId = keyIdOf(key);
    if (seen.includes(keyId)) continue;
    trustKey(dataDir, key);
    seen.push(keyId);
    added.push(keyId);
  }
  if (added.length > 0) writeAtomic(factoryTrustRecord(dataDir), JSON.stringify({ keyIds: seen }));
  return { added, skipped };
}
