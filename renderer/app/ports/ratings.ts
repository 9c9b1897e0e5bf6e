// The rating port: a 好差评 validated and stored by the rating store (strict durability), then sent by the
// rating sync, which `onSaved` wakes.
import { fromPromise } from 'xstate';
import type { BridgeClient } from '../../../src/bridge/client';
import { isoNow, type Clock } from '../../../src/domain/clock';
import { createRating } from '../../../src/domain/rating';
import type { DexieRatingStore } from '../../../src/db/ratingStore';
import type { RatingInput } from '../../../src/flows/ports';

export const saveRatingPort = (bridge: BridgeClient, ratings: DexieRatingStore, clock: Clock, newId: () => string, onSaved?: () => void) =>
  fromPromise<void, RatingInput>(async ({ input }) => {
    const identity = await bridge.call('kiosk.identity', {});
    const ratedAt = isoNow(clock);
    // The place of evaluation is the kiosk's own district (its site code), Hubei when not enrolled yet.
    const division = identity.ok ? identity.value.siteCode.slice(0, 6) : '420000';
    await ratings.save(createRating({ ...input, id: newId(), ratedAt, division }), ratedAt);
    onSaved?.();
  });
