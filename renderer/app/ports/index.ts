// The resident flows' ports, implemented in the renderer, one module per concern: the card reader and the
// printer through the bridge (cardReader.ts, printing.ts), the outbox in IndexedDB, sealed to the hub's key
// before it is stored (applications.ts), ratings through the rating store (ratings.ts).
import type { BridgeClient } from '../../../src/bridge/client';
import type { Catalog } from '../../../src/domain/catalog';
import { systemClock, type Clock } from '../../../src/domain/clock';
import { createUuidV7 } from '../../../src/domain/uuidv7';
import { createCaseStatusStore } from '../../../src/db/caseStatusStore';
import type { KioskStore } from '../../../src/db/openKioskStore';
import { createRatingStore, type DexieRatingStore } from '../../../src/db/ratingStore';
import type { portActors } from '../../../src/flows/ports';
import type { CaseFeedLink } from '../../../src/sync/caseStatusSync';
import { createCaseStatusPuller, type CaseStatusPuller } from '../../../src/sync/caseStatusPulls';
import type { SyncEngine } from '../../../src/sync/engine';
import { systemClock as timers } from '../../../src/sync/ports';
import { applicationPorts } from './applications';
import { cardReaderPort } from './cardReader';
import { printPorts } from './printing';
import { saveRatingPort } from './ratings';

export { NotEnrolledError } from './applications';

export interface PortDeps {
  bridge: BridgeClient;
  catalog: Catalog;
  store: KioskStore;
  engine: SyncEngine;
  isHubOnline: () => boolean;
  /** Where ratings are kept until sent (boot.ts shares it with the rating sync); default: one made here. */
  ratings?: DexieRatingStore;
  /** Called after a rating is stored (wakes the rating sync); default none. */
  onRatingSaved?: () => void;
  /** "Now" for receipt, guide and rating times (default: the system clock). */
  clock?: Clock;
  /** The background case-status pulls (boot.ts starts them); default: one made here, pulling only for "我的办件". */
  casePuller?: CaseStatusPuller;
}

/** The hub's change feed over the bridge, for the case-status puller. */
export const bridgeCaseFeed = (bridge: Pick<BridgeClient, 'call'>): CaseFeedLink => ({ changes: (since) => bridge.call('hub.caseChanges', { since }) });

export function createPorts(deps: PortDeps): Partial<typeof portActors> {
  const { bridge, catalog, store, clock = systemClock, ratings = createRatingStore(store.db) } = deps;
  const newId = createUuidV7();
  const puller = deps.casePuller ?? createCaseStatusPuller({ link: bridgeCaseFeed(bridge), store: createCaseStatusStore(store.db), clock: { ...timers, now: clock.now } });
  return {
    cardReader: cardReaderPort(bridge),
    ...applicationPorts({ bridge, catalog, store, engine: deps.engine, isHubOnline: deps.isHubOnline, clock, puller, ratings, newId }),
    ...printPorts(bridge, catalog, clock),
    saveRating: saveRatingPort(bridge, ratings, clock, newId, deps.onRatingSaved),
  };
}
