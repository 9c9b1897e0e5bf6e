// Submitting one application: seal the personal part, hash the ID number, write the outbox row (strict
// durability), then wake the sync engine. The receipt number comes back only after the row is on disk, so a
// printed receipt always stands for a stored application (DESIGN.md §4).
import type { KioskIdentity } from '../bridge/contract/hub';
import { isoNow, systemClock } from '../domain/clock';
import type { Clock } from '../domain/clock';
import type { OutboxStore } from './ports';
import { sealApplication } from './seal';

export interface ApplicationInput {
  serviceId: string;
  /** Division code of the city that handles it (收受分离: may differ from where the kiosk stands). */
  handlingCity: string;
  /** Used for the lookup key only; it also belongs inside `personal` if the hub needs it. */
  idNumber: string;
  /** Name, ID number, phone, address, form answers: sealed, never stored in clear. */
  personal: unknown;
}

export interface SubmitDeps {
  store: Pick<OutboxStore, 'enqueue'>;
  identity: KioskIdentity;
  /** The lookup key of an ID number for a new row: the host's (`createBridgeLookupKeys`, first key). */
  lookupKeyOf: (idNumber: string) => Promise<string>;
  /** A UUIDv7 generator (src/domain/uuidv7). */
  newId: () => string;
  /** When the application was received (`createdAt`, the receipt's time; default the system clock). */
  clock?: Clock;
  /** Called once the row is committed; wire it to `engine.wake('enqueue')`. */
  onEnqueued?: () => void;
}

export async function submitApplication(input: ApplicationInput, deps: SubmitDeps): Promise<{ id: string; receiptNo: string; createdAt: string }> {
  const id = deps.newId();
  const { kioskId, siteCode, hpkePublicKey } = deps.identity;
  const sealed = await sealApplication(input.personal, { id, kioskId, serviceId: input.serviceId, hubPublicKey: hpkePublicKey });
  const lookupKey = await deps.lookupKeyOf(input.idNumber);
  const createdAt = isoNow(deps.clock ?? systemClock);
  const receiptNo = await deps.store.enqueue({ id, serviceId: input.serviceId, handlingCity: input.handlingCity, createdAt, sealed, lookupKey }, siteCode);
  deps.onEnqueued?.();
  return { id, receiptNo, createdAt };
}
