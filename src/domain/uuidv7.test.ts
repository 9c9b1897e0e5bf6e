import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createUuidV7, isUuidV7, uuidV7Time } from './uuidv7';

describe('UUIDv7', () => {
  it('carries the millisecond timestamp, version 7 and the RFC variant', () => {
    const next = createUuidV7({ now: () => 1_714_000_000_123 });
    const id = next();
    expect(isUuidV7(id)).toBe(true);
    expect(uuidV7Time(id)).toBe(1_714_000_000_123);
  });

  it('sorts in creation order even when the clock stands still or steps back', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 2, maxLength: 300 }), (steps) => {
        let now = 1_714_000_000_000;
        const next = createUuidV7({ now: () => (now += steps.shift() ?? 0) });
        const ids = Array.from({ length: 300 }, () => next());
        expect([...ids].sort()).toEqual(ids);
        expect(new Set(ids).size).toBe(ids.length);
        for (const id of ids) expect(isUuidV7(id)).toBe(true);
      }),
    );
  });

  it('keeps order across a counter overflow within one millisecond', () => {
    const next = createUuidV7({ now: () => 1_714_000_000_000 });
    const ids = Array.from({ length: 10_000 }, () => next());
    expect([...ids].sort()).toEqual(ids);
    expect(uuidV7Time(ids.at(-1) as string)).toBeGreaterThan(1_714_000_000_000);
  });

  it('refuses other UUID versions', () => {
    expect(isUuidV7(crypto.randomUUID())).toBe(false);
    expect(() => uuidV7Time('not-a-uuid')).toThrow(RangeError);
  });
});
