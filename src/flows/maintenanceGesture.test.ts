import { describe, expect, it } from 'vitest';
import { createTapGesture, gestureRules } from './maintenanceGesture';

describe('maintenance gesture', () => {
  it('opens on the fifth tap within 3 s, not on slower taps, and counts afresh after opening', () => {
    const gesture = createTapGesture();
    expect([0, 500, 1000, 1500].map((t) => gesture.tap(t))).toEqual([false, false, false, false]);
    expect(gesture.tap(gestureRules.windowMs - 1)).toBe(true);
    expect(gesture.tap(3000)).toBe(false);
    const slow = createTapGesture();
    // A tap every 800 ms never has five within 3 s.
    expect([0, 800, 1600, 2400, 3200, 4000, 4800].some((t) => slow.tap(t))).toBe(false);
  });
});
