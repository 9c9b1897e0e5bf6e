// "Now", injected. Every rule that depends on the date (card expiry, "future date" fields, case-number days,
// receipt numbers) takes a Clock instead of calling `new Date()`, so tests choose the day and the hour and
// hold on any day, at any hour, in any time zone. Calendar days are China's (Asia/Shanghai), whatever zone
// the machine is set to: a card's validTo and a resident's appointment are days in China.

/**
 * Where code that needs "now" gets it: the system clock in production, a fixed or moving one in tests. Epoch
 * milliseconds, so the sync engine's clock (src/sync/ports.ts, which adds timers) is one too.
 */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** China Standard Time is UTC+8 all year (no daylight saving since 1991), so a fixed offset is exact. */
const chinaOffsetMs = 8 * 3_600_000;
const dayMs = 86_400_000;

/** The calendar date in China (UTC+8) of an instant, as YYYY-MM-DD. */
export const chinaDate = (instant: Date): string => new Date(instant.getTime() + chinaOffsetMs).toISOString().slice(0, 10);

/** An instant's wall-clock time in China (UTC+8), as YYYY-MM-DD hh:mm:ss: what a technician compares with a watch. */
export const chinaDateTime = (instant: Date): string => new Date(instant.getTime() + chinaOffsetMs).toISOString().slice(0, 19).replace('T', ' ');

/** Today in China by the given clock, as YYYY-MM-DD. */
export const chinaToday = (clock: Clock): string => chinaDate(new Date(clock.now()));

/** The calendar day `days` after (or before, when negative) a YYYY-MM-DD day. */
export const addDays = (day: string, days: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);

/** The instant of a wall-clock time on a day in China, e.g. chinaInstant('2031-12-31', '23:59'). */
export const chinaInstant = (day: string, time = '00:00'): Date => new Date(`${day}T${time}+08:00`);

/** The clock's "now" as an ISO 8601 timestamp (UTC), as stored and sent. */
export const isoNow = (clock: Clock): string => new Date(clock.now()).toISOString();

/** A clock that always answers the same instant (for tests that need a given hour). */
export const fixedClock = (instant: Date): Clock => ({ now: () => instant.getTime() });
