// Opening a sealed application: the only place the hub turns ciphertext back into personal data. Used by
// `kioskctl hub open` for an authorised operator; nothing here logs, and the plaintext is returned, not kept.
import { Aes128Gcm, CipherSuite, DhkemX25519HkdfSha256, HkdfSha256 } from '@hpke/core';
import type { KeyObject } from 'node:crypto';
import { sealAssociatedData, type SealedPayload } from '../src/domain/hubApi';
import { rawPrivateKey } from './keys';

/** The suite named by `sealSuite`: DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-128-GCM, base mode, empty info. */
export const hpkeSuite = new CipherSuite({ kem: new DhkemX25519HkdfSha256(), kdf: new HkdfSha256(), aead: new Aes128Gcm() });

export class OpenError extends Error {
  readonly code = 'open';
}

export interface SealedApplicationRef {
  id: string;
  kioskId: string;
  serviceId: string;
  sealed: Pick<SealedPayload, 'enc' | 'ct'>;
}

/** Decrypts and parses the JSON inside; throws OpenError when the key, the binding or the bytes are wrong. */
export async function openSealed(privateKey: KeyObject, ref: SealedApplicationRef): Promise<unknown> {
  const recipientKey = await hpkeSuite.kem.deserializePrivateKey(rawPrivateKey(privateKey));
  let plaintext: ArrayBuffer;
  try {
    plaintext = await hpkeSuite.open(
      { recipientKey, enc: Buffer.from(ref.sealed.enc, 'base64') },
      Buffer.from(ref.sealed.ct, 'base64'),
      sealAssociatedData(ref.id, ref.kioskId, ref.serviceId),
    );
  } catch {
    throw new OpenError('cannot open: wrong hub key, or the payload does not belong to this application, kiosk and service');
  }
  const text = new TextDecoder('utf-8', { fatal: true }).decode(plaintext);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new OpenError('opened, but the content is not JSON');
  }
}

/** Opens with the first of `keys` that fits (a payload without a key id, from a kiosk before rotation, may fit any). */
export async function openSealedWithAny(keys: readonly KeyObject[], ref: SealedApplicationRef): Promise<unknown> {
  for (const [index, key] of keys.entries()) {
    try {
      return await openSealed(key, ref);
    } catch (error) {
      if (index === keys.length - 1 || !(error instanceof OpenError)) throw error;
    }
  }
  throw new OpenError('cannot open: no hub key given');
}
