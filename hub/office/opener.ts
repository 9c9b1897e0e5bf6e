// The back office's one way to read a sealed personal part (issue 13, ADR 0017). Built only when the hub is
// started with an explicit opening key (`startHub({ officeKeyFile })`, `kioskctl hub start --office-key`), and
// handed only to the /office case routes: the intake, kiosk, city-token and public routes get a context without
// it, so no code path there can decrypt. Callers write the audit entry before they call it.
import type { KeyObject } from 'node:crypto';
import { rawPublicKey } from '../keyFiles';
import { openSealed, OpenError } from '../openSealed';
import { sealingKeyIdOf } from '../sealingKeys';
import type { StoredSealed } from '../store/applications';

export type SealedOpener = (sealed: StoredSealed) => Promise<unknown>;

/** After a key rotation an application may be sealed to another key than the office's: that is said, not guessed. */
export function createSealedOpener(key: KeyObject): SealedOpener {
  const kid = sealingKeyIdOf(rawPublicKey(key));
  return async (sealed) => {
    if (sealed.kid && sealed.kid !== kid) throw new OpenError(`sealed to hub key ${sealed.kid}; this office holds key ${kid}: open it with kioskctl hub open, or start the office with that key`);
    return openSealed(key, { id: sealed.id, kioskId: sealed.kioskId, serviceId: sealed.serviceId, sealed });
  };
}
