// Shared set-up for the update tests: a signing key on disk, small payloads, bundles built in process with the
// real encoder, a kiosk data directory with the key trusted and files outside the slots to watch.
import { generateKeyPairSync } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { encodeBundle, sha256Hex } from '../../main/host/update/bundleFormat';
import type { PayloadFile } from '../../main/host/update/bundleFormat';
import type { UpdateContext } from '../../main/host/update/bootSlot';
import { trustKey } from '../../main/host/update/keys';
import type { BundleManifest } from '../../src/domain/updateManifest';

export const tempDir = (prefix = 'kiosk-update-'): string => mkdtempSync(join(tmpdir(), prefix));

export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  privateFile: string;
  publicFile: string;
}

export function makeKey(dir = tempDir('kiosk-key-')): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const privateFile = join(dir, 'update-signing.pem');
  const publicFile = join(dir, 'update-signing.pub');
  writeFileSync(privateFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  writeFileSync(publicFile, publicKey.export({ type: 'spki', format: 'pem' }));
  return { privateKey, publicKey, privateFile, publicFile };
}

/** A payload whose renderer says which version it is; `extraFiles` adds files to kill the installer between. */
export function payloadFor(version: string, extraFiles = 1): PayloadFile[] {
  const files: PayloadFile[] = [{ path: 'renderer/index.html', bytes: Buffer.from(`<!doctype html><title>kiosk ${version}</title>`) }];
  for (let i = 0; i < extraFiles; i++) files.push({ path: `renderer/assets/part-${i}.js`, bytes: Buffer.from(`export const part${i} = '${version}';\n`.repeat(50 + i)) });
  return files;
}

export type ManifestFields = Partial<Omit<BundleManifest, 'keyId' | 'files'>>;

export function bundleBytes(key: KeyObject, fields: ManifestFields, files = payloadFor(fields.version ?? '0.2.0')): Buffer {
  return encodeBundle(
    { format: 1, version: '0.2.0', channel: 'stable', minVersion: null, created: '2026-05-01T08:00:00.000Z', minRuntime: { node: '20.19.0', electron: null }, allowDowngrade: false, notes: '', ...fields },
    files,
    key,
  );
}

export function writeBundle(dir: string, key: KeyObject, fields: ManifestFields, files?: PayloadFile[]): string {
  const file = join(dir, `kiosk-${fields.version ?? '0.2.0'}-${fields.channel ?? 'stable'}${fields.allowDowngrade ? '-rollback' : ''}.bundle`);
  writeFileSync(file, bundleBytes(key, fields, files));
  return file;
}

/** A kiosk data directory trusting `key`, with the things that must survive every update outside the slots. */
export function kioskDataDir(key: SigningKey): UpdateContext {
  const dataDir = tempDir('kiosk-data-');
  trustKey(dataDir, key.publicKey);
  writeFileSync(join(dataDir, 'config.json'), JSON.stringify({ update: { channel: 'stable' } }));
  writeFileSync(join(dataDir, 'hub-credential.json'), '{"stand-in":"credential"}');
  mkdirSync(join(dataDir, 'chromium', 'Default', 'IndexedDB'), { recursive: true });
  writeFileSync(join(dataDir, 'chromium', 'Default', 'IndexedDB', 'outbox.ldb'), 'queued rows');
  mkdirSync(join(dataDir, 'logs'));
  writeFileSync(join(dataDir, 'logs', 'kiosk.log'), '');
  return { dataDir, factoryVersion: '0.1.0', trusted: [key.publicKey] };
}

/** path → sha256 of every file under dir (optionally skipping one top-level folder). */
export function snapshot(dir: string, skipTop?: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isDirectory()) continue;
    const path = relative(dir, join(entry.parentPath, entry.name));
    if (skipTop && path.split('/')[0] === skipTop) continue;
    out[path] = sha256Hex(readFileSync(join(dir, path)));
  }
  return out;
}
