// A rotated hub sealing key reaches the kiosk in the heartbeat answer (`kioskctl hub rotate-key`). The kiosk takes
// it only with a valid signature by the hub's signing key, the one pinned at enrolment: a proxy or a hub in
// between cannot make the kiosk seal residents' data to a key of its own.
import { createPublicKey, verify } from 'node:crypto';
import { sealingKeyStatement, type AnnouncedSealingKey } from '../../../src/domain/hubApi';
import type { StoredCredential } from './credentialStore';

export type Adoption = { outcome: 'unchanged' } | { outcome: 'refused' } | { outcome: 'adopted'; credential: StoredCredential };

function signedBy(signingPublicKey: string, announced: AnnouncedSealingKey): boolean {
  try {
    const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(signingPublicKey, 'base64').toString('base64url') }, format: 'jwk' });
    return verify(null, sealingKeyStatement(announced.hpkePublicKey), key, Buffer.from(announced.signature, 'base64'));
  } catch {
    return false;
  }
}

/** What to do with the sealing key a heartbeat answer announces. */
export function adoptSealingKey(credential: StoredCredential, announced: AnnouncedSealingKey): Adoption {
  if (announced.hpkePublicKey === credential.hpkePublicKey) return { outcome: 'unchanged' };
  if (Buffer.from(announced.hpkePublicKey, 'base64').length !== 32 || !signedBy(credential.signingPublicKey, announced)) return { outcome: 'refused' };
  return { outcome: 'adopted', credential: { ...credential, hpkePublicKey: announced.hpkePublicKey } };
}
