// Issue 15 §2: the idle timer and its countdown run on the platform's timers (XState's default clock, setTimeout:
// monotonic in Chromium and Node), not on wall-clock deadlines, so a wall clock stepped back a year or forward a
// day mid-visit neither freezes the kiosk on a resident's screen nor cuts the visit short.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createActor } from 'xstate';
import { bundledCatalog } from '../domain/catalogData';
import { sessionMachine } from './sessionMachine';

afterEach(() => vi.useRealTimers());

describe('idle timer under wall-clock steps', () => {
  it('shows the countdown after exactly the idle time and returns to attract after the countdown, whatever the wall clock does', () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 4, 1, 9, 0, 0) });
    // The default clock (no SimulatedClock): what the kiosk really runs with.
    const actor = createActor(sessionMachine, { input: { catalog: bundledCatalog().items, idleTimeoutSeconds: 60, idleCountdownSeconds: 10 } }).start();
    const tags = () => [...actor.getSnapshot().tags].sort();
    actor.send({ type: 'user.touch' });
    vi.setSystemTime(Date.now() - 365 * 24 * 3_600_000); // back one year: no timer fires, none is pushed back
    vi.advanceTimersByTime(30_000);
    vi.setSystemTime(Date.now() + 366 * 24 * 3_600_000); // forward a year and a day: nothing fires early
    expect(tags()).toEqual(['home']);
    vi.advanceTimersByTime(29_999);
    expect(tags()).toEqual(['home']);
    vi.advanceTimersByTime(1);
    expect(tags()).toEqual(['countdown', 'home']);
    vi.setSystemTime(Date.now() - 365 * 24 * 3_600_000);
    for (let i = 0; i < 9; i++) vi.advanceTimersByTime(1_000);
    expect(actor.getSnapshot().context.secondsLeft).toBe(1);
    vi.advanceTimersByTime(1_000);
    expect(tags()).toEqual(['attract']);
    actor.stop();
  });
});
