// Sealing the personal part of an application to the hub (DESIGN.md §4, issue 5 §2): HPKE (RFC 9180) base
// mode, DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-128-GCM, via @hpke/core on WebCrypto.
//
// Why this beats ODK's envelope (anchors §A.1.1): the AEAD authenticates the ciphertext (no malleable CFB),
// every application gets a fresh ephemeral key from the KEM (no MD5-derived IVs), and the associated data
// binds the ciphertext to its application id, kiosk id and service id, so the hub refuses a sealed part
// moved onto another application. The kiosk keeps only the hub's public key: once sealed, nothing on the
// kiosk can open it again; the plaintext lives in memory only until the session is wiped (DESIGN.md §7).
import { Aes128Gcm, CipherSuite, DhkemX25519HkdfSha256, HkdfSha256 } from '@hpke/core';
import { sealAssociatedData, sealSuite, sealedPayloadSchema, sealingKeyId } from '../domain/hubApi';
import type { SealedPayload } from '../domain/hubApi';
import { base64ToBytes, bytesToBase64 } from './base64';

export class SealError extends Error {
  constructor(
    readonly code: 'bad_public_key' | 'not_serialisable' | 'seal_failed',
    message: string,
  ) {
    super(message);
    this.name = 'SealError';
  }
}

/** The suite named by `sealSuite`; the hub builds the same one to open. */
export const createSealSuite = (): CipherSuite =>
  new CipherSuite({ kem: new DhkemX25519HkdfSha256(), kdf: new HkdfSha256(), aead: new Aes128Gcm() });

export interface SealContext {
  /** The application's UUIDv7. */
  id: string;
  kioskId: string;
  serviceId: string;
  /** The hub's raw X25519 public key, base64 (from enrolment, via `kiosk.identity`). */
  hubPublicKey: string;
}

/**
 * Seals a JSON-serialisable personal part (name, ID number, phone, address, form answers) to the hub.
 * Error messages never include the payload.
 */
export async function sealApplication(personal: unknown, context: SealContext): Promise<SealedPayload> {
  let text: string | undefined;
  try {
    text = JSON.stringify(personal);
  } catch {
    text = undefined;
  }
  if (typeof text !== 'string') throw new SealError('not_serialisable', 'the personal part is not JSON-serialisable');

  const suite = createSealSuite();
  const rawKey = base64ToBytes(context.hubPublicKey);
  if (rawKey.length !== 32) throw new SealError('bad_public_key', `the hub public key must be 32 raw X25519 bytes, got ${rawKey.length}`);
  let recipientPublicKey: CryptoKey;
  try {
    recipientPublicKey = await suite.kem.deserializePublicKey(rawKey);
  } catch {
    throw new SealError('bad_public_key', 'the hub public key is not a valid X25519 key');
  }
  try {
    const aad = sealAssociatedData(context.id, context.kioskId, context.serviceId);
    const { ct, enc } = await suite.seal({ recipientPublicKey }, new TextEncoder().encode(text), aad);
    // The key id tells the hub which of its keys opens it once keys have been rotated.
    const kid = await sealingKeyId(context.hubPublicKey);
    return sealedPayloadSchema.parse({ suite: sealSuite, enc: bytesToBase64(new Uint8Array(enc)), ct: bytesToBase64(new Uint8Array(ct)), kid });
  } catch (error) {
    throw new SealError('seal_failed', `sealing failed: ${error instanceof Error ? error.name : 'unknown error'}`);
  }
}
