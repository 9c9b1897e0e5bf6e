import { describe, expect, it } from 'vitest';
import { createMonotonicClock } from './monotonicClock';

describe('monotonic clock', () => {
  it('starts at the wall time, then moves only with the monotonic source; wallNow follows the wall', () => {
    let wall = Date.UTC(2026, 4, 1, 9, 0, 0);
    let mono = 5_000.25;
    const clock = createMonotonicClock({ wallNow: () => wall, monoNow: () => mono, timers: { setTimeout: () => 0, clearTimeout: () => undefined } });
    const start = wall;
    expect(clock.now()).toBe(start);
    wall -= 365 * 24 * 3_600_000; // stepped back a year
    mono += 1_500.5;
    expect(clock.now()).toBe(start + 1_500);
    wall += 366 * 24 * 3_600_000; // and forward a year and a day
    expect(clock.now()).toBe(start + 1_500);
    expect(clock.wallNow()).toBe(wall);
  });

  it('uses performance.now() and the platform timers by default', async () => {
    const clock = createMonotonicClock();
    const before = clock.now();
    await new Promise<void>((resolve) => clock.setTimeout(resolve, 5));
    expect(clock.now()).toBeGreaterThan(before); // it moved, on its own source
  });
});
