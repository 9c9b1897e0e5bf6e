// The rules for wrong PINs (issue 11): after 3 wrong PINs each further try waits, growing (5 s, 10 s); after 5
// the mode is locked for 15 minutes, then counting starts again. A right PIN clears the count. The count lives
// in the host and in `<data>/maintenance-guard.json`, so neither a page reload nor a host restart resets it.
// The clock is injected: tests step it instead of waiting.
import { readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';

export const guardRules = {
  /** Wrong PINs that are free; each one after waits. */
  freeFailures: 3,
  /** First wait, doubled for each further failure (5 s, 10 s). */
  firstDelayMs: 5_000,
  /** Wrong PINs that lock the mode. */
  lockAfter: 5,
  lockoutMs: 15 * 60_000,
} as const;

const stateSchema = z.object({ failures: z.number().int().nonnegative(), lastFailureAt: z.number().nullable(), lockedUntil: z.number().nullable() });
type GuardState = z.infer<typeof stateSchema>;

export interface PinGuard {
  /** Milliseconds before a PIN may be tried; 0 = now. */
  retryAfterMs(): number;
  isLocked(): boolean;
  readonly failures: number;
  recordFailure(): void;
  recordSuccess(): void;
}

export function createPinGuard(options: { file?: string; now?: () => number } = {}): PinGuard {
  const now = options.now ?? Date.now;
  let state: GuardState = { failures: 0, lastFailureAt: null, lockedUntil: null };
  if (options.file) {
    try {
      state = stateSchema.parse(JSON.parse(readFileSync(options.file, 'utf8')));
    } catch {
      // Absent or damaged: start counting afresh (a damaged file must not lock a technician out for ever).
    }
  }
  const save = () => {
    if (options.file) writeFileSync(options.file, JSON.stringify(state), { mode: 0o600 });
  };
  const expireLockout = () => {
    if (state.lockedUntil !== null && now() >= state.lockedUntil) {
      state = { failures: 0, lastFailureAt: null, lockedUntil: null };
      save();
    }
  };
  return {
    get failures() {
      expireLockout();
      return state.failures;
    },
    isLocked() {
      expireLockout();
      return state.lockedUntil !== null;
    },
    retryAfterMs() {
      expireLockout();
      if (state.lockedUntil !== null) return state.lockedUntil - now();
      if (state.failures < guardRules.freeFailures || state.lastFailureAt === null) return 0;
      const delay = guardRules.firstDelayMs * 2 ** (state.failures - guardRules.freeFailures);
      return Math.max(0, state.lastFailureAt + delay - now());
    },
    recordFailure() {
      expireLockout();
      const failures = state.failures + 1;
      state = { failures, lastFailureAt: now(), lockedUntil: failures >= guardRules.lockAfter ? now() + guardRules.lockoutMs : null };
      save();
    },
    recordSuccess() {
      state = { failures: 0, lastFailureAt: null, lockedUntil: null };
      save();
    },
  };
}
