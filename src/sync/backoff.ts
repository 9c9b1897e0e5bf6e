// Exponential backoff with "full jitter" (a random wait between 0 and the exponential bound), capped. The
// jitter matters for a fleet: after a regional outage every kiosk comes back at once, and without it they
// would all retry in lock-step against a hub that has just restarted.

export interface BackoffPolicy {
  /** The bound after the first failure, ms (default 1,000). */
  baseMs: number;
  /** The bound never grows past this, ms (default 300,000: five minutes, Enketo's cap). */
  capMs: number;
}

export const defaultBackoff: BackoffPolicy = { baseMs: 1_000, capMs: 300_000 };

/** The wait before retry number `failures` (1 = after the first failure), given a random number in [0, 1). */
export function backoffDelay(failures: number, random: number, policy: BackoffPolicy = defaultBackoff): number {
  const exponent = Math.min(Math.max(failures - 1, 0), 30); // 2^30 × base is past any cap; avoids Infinity
  const bound = Math.min(policy.capMs, policy.baseMs * 2 ** exponent);
  return Math.floor(Math.min(Math.max(random, 0), 1) * bound);
}
