import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';

describe('backoff with full jitter', () => {
  it('stays within [0, min(cap, base × 2^(n−1))) for every failure count and random draw', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (n, r) => {
        const delay = backoffDelay(n, r, { baseMs: 1_000, capMs: 300_000 });
        const bound = Math.min(300_000, 1_000 * 2 ** Math.max(n - 1, 0));
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThan(bound);
      }),
    );
  });

  it('doubles the bound per failure until the cap', () => {
    const policy = { baseMs: 1_000, capMs: 10_000 };
    expect([1, 2, 3, 4, 5, 50].map((n) => backoffDelay(n, 0.999_999, policy))).toEqual([999, 1_999, 3_999, 7_999, 9_999, 9_999]);
  });
});
