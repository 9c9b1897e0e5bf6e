// How a failed hub call (`hub.sendBatch`, `hub.sendRatings`) counts for the items it carried; shared by the
// application delivery (deliver.ts) and the rating sync (ratingSync.ts), so both draw the line in one place.
import { decodeHubFailure } from '../bridge/contract/hub';
import type { BridgeError } from '../bridge/result';

/**
 * `batchFault`: the hub (or the bridge) refused what was sent — isolate the bad item, count it against the item.
 * Otherwise nothing is the items' fault: keep them and try later. `reason` is the text to record either way
 * (codes and the hub's reasons, nothing personal).
 */
export interface HubCallFailure {
  batchFault: boolean;
  reason: string;
}

export function classifyHubFailure(error: BridgeError): HubCallFailure {
  const failure = decodeHubFailure(error.detail);
  // `invalid_argument` is the batch's fault (the hub said 400/413, or the bridge refused the input) unless its
  // detail says retrying can help; every other failure — no answer, 5xx, 429, a refused credential, not
  // enrolled, a hub without the route — is nobody's fault in the items.
  const saysRetryable = error.detail !== undefined && failure.reason !== 'unknown' && failure.retryable;
  if (error.code === 'invalid_argument' && !saysRetryable) {
    return { batchFault: true, reason: `hub_refused${failure.httpStatus ? `_${failure.httpStatus}` : ''}: ${failure.reason}` };
  }
  return { batchFault: false, reason: `${error.code}${failure.httpStatus ? ` ${failure.httpStatus}` : ''}: ${failure.reason === 'unknown' ? error.message : failure.reason}` };
}
