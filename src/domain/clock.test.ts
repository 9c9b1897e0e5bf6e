import { expect, it } from 'vitest';
import { addDays, chinaDate, chinaDateTime, chinaInstant, chinaToday, fixedClock } from './clock';

it('chinaDate gives the calendar day in UTC+8', () => {
  expect(chinaDate(new Date('2025-02-28T16:00:00Z'))).toBe('2025-03-01');
  expect(chinaDate(new Date('2025-02-28T15:59:59Z'))).toBe('2025-02-28');
});

it('chinaDateTime is the wall-clock time in China, across midnight', () => {
  expect(chinaDateTime(new Date('2025-02-28T16:04:05.678Z'))).toBe('2025-03-01 00:04:05');
  expect(chinaDateTime(chinaInstant('2031-12-31', '23:59'))).toBe('2031-12-31 23:59:00');
});

it('chinaInstant is a wall-clock time in China, whatever the machine zone', () => {
  expect(chinaInstant('2031-12-31', '23:59').toISOString()).toBe('2031-12-31T15:59:00.000Z');
  expect(chinaDate(chinaInstant('2031-12-31', '23:59'))).toBe('2031-12-31');
  expect(chinaToday(fixedClock(chinaInstant('2032-01-01', '00:01')))).toBe('2032-01-01');
});

it('addDays crosses months, leap days and years', () => {
  expect(addDays('2032-02-28', 1)).toBe('2032-02-29');
  expect(addDays('2032-02-29', 1)).toBe('2032-03-01');
  expect(addDays('2031-12-31', 1)).toBe('2032-01-01');
  expect(addDays('2032-01-01', -1)).toBe('2031-12-31');
  expect(addDays('2031-03-01', -1)).toBe('2031-02-28');
});
