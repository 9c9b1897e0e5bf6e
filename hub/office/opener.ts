// The back office's one way to read a sealed personal part (issue 13, ADR 0017). Built only when the hub is
// started with an explicit opening key (`startHub({ officeKeyFile })`, `kioskctl hub start --office-key`), and
// handed only to the /office case routes: the intake, kiosk, city-token and public routes get a context without
// it, so no code path there can decrypt. Callers write the audit entry before they call it.
import type { KeyObject } from 'node:crypto';
import { openSealed } from '../openSealed';
import type { StoredSealed } from '../store/applications';

export type SealedOpener = (sealed: StoredSealed) => Promise<unknown>;

export const createSealedOpener =
  (key: KeyObject): SealedOpener =>
  (sealed) =>
    openSealed(key, { id: sealed.id, kioskId: sealed.kioskId, serviceId: sealed.serviceId, sealed });
