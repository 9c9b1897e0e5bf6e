// The update bundle on disk: one file a field worker can carry on a USB stick. Layout (all lengths big-endian):
//
//   "ZWKBND01"                 8 bytes magic (format 1)
//   u32 M, M bytes             the manifest, UTF-8 JSON (src/domain/updateManifest.ts)
//   u16 S, S bytes             Ed25519 signature over SIGNING_CONTEXT ‖ manifest bytes (S = 64)
//   payload                    the manifest's files in its order, back to back, nothing after them
//
// The signature covers the manifest, the manifest covers every file by size and SHA-256, so one signature check
// plus one hash per file proves every byte. Errors are BundleError with a code; the CLI maps them all to exit 3.
import { createHash, createPublicKey, sign, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { bundleManifestSchema } from '../../../src/domain/updateManifest';
import type { BundleManifest } from '../../../src/domain/updateManifest';

export const BUNDLE_MAGIC = Buffer.from('ZWKBND01', 'latin1');
/** Domain separation: a signature made for a catalogue or anything else can never pass as a bundle's. */
const SIGNING_CONTEXT = Buffer.from('zhengwu-kiosk update bundle v1\n', 'utf8');
/** A manifest of 100,000 files is about 15 MB; more than this is not a manifest. */
const MAX_MANIFEST_BYTES = 32 * 1024 * 1024;
const SIGNATURE_BYTES = 64;

export type BundleErrorCode = 'format' | 'manifest' | 'unknownKey' | 'signature' | 'size' | 'hash';

export class BundleError extends Error {
  constructor(
    readonly code: BundleErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface PayloadFile {
  path: string;
  bytes: Uint8Array;
}

/** The first 16 hex digits of SHA-256 over the public key's SPKI DER: names the key in the manifest. */
export function keyIdOf(publicKey: KeyObject): string {
  return sha256Hex(publicKey.export({ type: 'spki', format: 'der' })).slice(0, 16);
}

export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

const signedBytes = (manifestBytes: Uint8Array): Buffer => Buffer.concat([SIGNING_CONTEXT, manifestBytes]);

export function signManifest(manifestBytes: Uint8Array, privateKey: KeyObject): Buffer {
  return sign(null, signedBytes(manifestBytes), privateKey);
}

/** The public key of `keyId` among `trusted`, or a BundleError('unknownKey'). */
function keyFor(keyId: string, trusted: KeyObject[]): KeyObject {
  const key = trusted.find((candidate) => keyIdOf(candidate) === keyId);
  if (!key) throw new BundleError('unknownKey', `the bundle is signed by key ${keyId}, which this kiosk does not trust`);
  return key;
}

function parseManifest(json: unknown): BundleManifest {
  const parsed = bundleManifestSchema.safeParse(json);
  if (!parsed.success) throw new BundleError('manifest', `the manifest is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

/** Parses manifest bytes and checks their signature against the trusted keys. */
export function verifySignedManifest(manifestBytes: Uint8Array, signature: Uint8Array, trusted: KeyObject[]): BundleManifest {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(manifestBytes).toString('utf8'));
  } catch {
    throw new BundleError('manifest', 'the manifest is not JSON');
  }
  const keyId = typeof json === 'object' && json !== null && 'keyId' in json ? String(json.keyId) : '';
  // The signature is checked before the schema, so nothing an attacker wrote is interpreted beyond the key id.
  if (signature.length !== SIGNATURE_BYTES || !verify(null, signedBytes(manifestBytes), keyFor(keyId, trusted), signature)) {
    throw new BundleError('signature', 'the signature does not match the manifest');
  }
  return parseManifest(json);
}

/** Builds the single bundle file from a manifest (without keyId/files, which are filled in) and the payload. */
export function encodeBundle(manifest: Omit<BundleManifest, 'keyId' | 'files'>, files: PayloadFile[], privateKey: KeyObject): Buffer {
  const full = bundleManifestSchema.parse({
    ...manifest,
    keyId: keyIdOf(createPublicKey(privateKey)),
    files: files.map((file) => ({ path: file.path, size: file.bytes.length, sha256: sha256Hex(file.bytes) })),
  });
  const manifestBytes = Buffer.from(JSON.stringify(full, null, 1), 'utf8');
  const signature = signManifest(manifestBytes, privateKey);
  const header = Buffer.alloc(4);
  header.writeUInt32BE(manifestBytes.length);
  const sigLength = Buffer.alloc(2);
  sigLength.writeUInt16BE(signature.length);
  return Buffer.concat([BUNDLE_MAGIC, header, manifestBytes, sigLength, signature, ...files.map((file) => file.bytes)]);
}

export interface VerifiedBundle {
  manifest: BundleManifest;
  manifestBytes: Buffer;
  signature: Buffer;
  /** The payload files, as views into the verified buffer: what is written is exactly what was checked. */
  files: PayloadFile[];
}

export interface VerifyProgress {
  (event: { kind: 'hashed'; index: number; path: string }): void;
}

/** The parts of a bundle file, by the header alone (nothing checked but the lengths). */
function splitBundle(bundle: Buffer): { manifestBytes: Buffer; signature: Buffer; payloadOffset: number } {
  const fail = (message: string): never => {
    throw new BundleError('format', message);
  };
  if (bundle.length < BUNDLE_MAGIC.length + 6 || !bundle.subarray(0, BUNDLE_MAGIC.length).equals(BUNDLE_MAGIC)) fail('not an update bundle (bad magic)');
  let offset = BUNDLE_MAGIC.length;
  const manifestLength = bundle.readUInt32BE(offset);
  offset += 4;
  if (manifestLength > MAX_MANIFEST_BYTES || offset + manifestLength + 2 > bundle.length) fail('the manifest length runs past the end of the file');
  const manifestBytes = bundle.subarray(offset, offset + manifestLength);
  offset += manifestLength;
  const signatureLength = bundle.readUInt16BE(offset);
  offset += 2;
  if (offset + signatureLength > bundle.length) fail('the signature runs past the end of the file');
  return { manifestBytes, signature: bundle.subarray(offset, offset + signatureLength), payloadOffset: offset + signatureLength };
}

/**
 * The manifest of a bundle WITHOUT checking its signature or payload: for the hub's release channel, which holds
 * no update key (every kiosk verifies the whole bundle itself before installing).
 */
export function readManifestUnverified(bundle: Buffer): BundleManifest {
  const { manifestBytes } = splitBundle(bundle);
  let json: unknown;
  try {
    json = JSON.parse(manifestBytes.toString('utf8'));
  } catch {
    throw new BundleError('manifest', 'the manifest is not JSON');
  }
  return parseManifest(json);
}

/**
 * Verifies a whole bundle held in memory: format, signature, sizes, hashes. Holding it in memory (not re-reading
 * the USB stick) means the bytes later written into a slot are the bytes that were verified.
 */
export function decodeAndVerifyBundle(bundle: Buffer, trusted: KeyObject[], progress?: VerifyProgress): VerifiedBundle {
  const { manifestBytes, signature, payloadOffset } = splitBundle(bundle);
  let offset = payloadOffset;

  const manifest = verifySignedManifest(manifestBytes, signature, trusted);
  const payloadBytes = manifest.files.reduce((sum, file) => sum + file.size, 0);
  if (bundle.length - offset !== payloadBytes) {
    throw new BundleError('size', `the payload is ${bundle.length - offset} bytes; the manifest lists ${payloadBytes}`);
  }
  const files: PayloadFile[] = [];
  manifest.files.forEach((file, index) => {
    const bytes = bundle.subarray(offset, offset + file.size);
    offset += file.size;
    if (sha256Hex(bytes) !== file.sha256) throw new BundleError('hash', `${file.path} does not match its SHA-256 in the manifest`);
    files.push({ path: file.path, bytes });
    progress?.({ kind: 'hashed', index, path: file.path });
  });
  return { manifest, manifestBytes: Buffer.from(manifestBytes), signature: Buffer.from(signature), files };
}
