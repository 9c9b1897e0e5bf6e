import { describe, expect, it } from 'vitest';
import { caseDeadline, isWorkingDay, toWorkCalendar, weekdaysOnly } from './caseDeadline';
import { chinaDate } from './clock';

// 2026-09-30 is a Wednesday. Instants are given in UTC; the rule counts China dates (UTC+8).
const wednesdayNoonChina = new Date('2026-09-30T04:00:00Z');

describe('caseDeadline', () => {
  it('counts working days from the day after acceptance, skipping weekends', () => {
    // Thu 1, Fri 2, (weekend), Mon 5, Tue 6, Wed 7 → 5 working days
    expect(caseDeadline(wednesdayNoonChina, { days: 5, unit: 'workingDays' })).toBe('2026-10-07');
    expect(caseDeadline(wednesdayNoonChina, { days: 1, unit: 'workingDays' })).toBe('2026-10-01');
    expect(caseDeadline(wednesdayNoonChina, { days: 3, unit: 'workingDays' })).toBe('2026-10-05');
  });

  it('uses the China date of acceptance, not the UTC one', () => {
    // 2026-10-02T17:00Z is Saturday 01:00 in China: the count starts Sunday, first working day Monday.
    expect(chinaDate(new Date('2026-10-02T17:00:00Z'))).toBe('2026-10-03');
    expect(caseDeadline(new Date('2026-10-02T17:00:00Z'), { days: 1, unit: 'workingDays' })).toBe('2026-10-05');
    // One hour earlier it is still Friday in China: the first working day after it is the same Monday.
    expect(caseDeadline(new Date('2026-10-02T15:00:00Z'), { days: 1, unit: 'workingDays' })).toBe('2026-10-05');
  });

  it('skips holidays and counts make-up working weekends from the calendar', () => {
    const calendar = toWorkCalendar({ holidays: ['2026-10-01', '2026-10-02', '2026-10-05'], workdays: ['2026-10-10'] });
    expect(isWorkingDay('2026-10-01', calendar)).toBe(false);
    expect(isWorkingDay('2026-10-10', calendar)).toBe(true);
    // Tue 6 (1), Wed 7 (2), Thu 8 (3), Fri 9 (4), Sat 10 调休 (5)
    expect(caseDeadline(wednesdayNoonChina, { days: 5, unit: 'workingDays' }, calendar)).toBe('2026-10-10');
  });

  it('treats 0 as the acceptance day, calendar days as plain days, and null as no promise', () => {
    expect(caseDeadline(wednesdayNoonChina, { days: 0, unit: 'workingDays' })).toBe('2026-09-30');
    expect(caseDeadline(wednesdayNoonChina, { days: 10, unit: 'calendarDays' })).toBe('2026-10-10');
    expect(caseDeadline(wednesdayNoonChina, { days: null, unit: 'workingDays' })).toBeNull();
  });

  it('gives up instead of looping on a calendar with no working day', () => {
    const allDays = Array.from({ length: 4000 }, (_, i) => new Date(Date.UTC(2026, 9, 1) + i * 86_400_000).toISOString().slice(0, 10));
    const never = toWorkCalendar({ holidays: allDays });
    expect(caseDeadline(wednesdayNoonChina, { days: 1, unit: 'workingDays' }, never)).toBeNull();
    expect(caseDeadline(wednesdayNoonChina, { days: 1, unit: 'workingDays' }, weekdaysOnly)).toBe('2026-10-01');
  });

  it('refuses a calendar with a malformed date', () => {
    expect(() => toWorkCalendar({ holidays: ['1 Oct'] })).toThrow();
  });
});
