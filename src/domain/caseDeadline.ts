// 承诺办结 dates: the catalogue promises a time limit (e.g. 5 working days); the clock starts when the handling
// city accepts the case. Pure: the acceptance instant, the limit and the work calendar go in, a China
// calendar date (YYYY-MM-DD, UTC+8, no daylight saving) comes out, so the answer never depends on the machine's
// time zone or today's date.
//
// Counting rule (as on 办事指南: "自受理之日起 N 个工作日"): the day of acceptance is not counted; the deadline
// is the N-th working day after it. 0 days (即办件) = the acceptance day itself. Working days are Monday to
// Friday, minus the State Council's holidays, plus its make-up working weekends (调休), both of which change
// every year and so come from data (WorkCalendar), never from code.
import { z } from 'zod';
import { addDays, chinaDate } from './clock';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

export const workCalendarSchema = z.object({
  /** Weekdays that are public holidays (放假). */
  holidays: z.array(isoDate).default([]),
  /** Weekend days that are working days (调休上班). */
  workdays: z.array(isoDate).default([]),
});
export type WorkCalendarInput = z.input<typeof workCalendarSchema>;

export interface WorkCalendar {
  holidays: ReadonlySet<string>;
  workdays: ReadonlySet<string>;
}

export const toWorkCalendar = (input: WorkCalendarInput): WorkCalendar => {
  const parsed = workCalendarSchema.parse(input);
  return { holidays: new Set(parsed.holidays), workdays: new Set(parsed.workdays) };
};

/** Monday to Friday only: what the hub uses until an operator installs the year's holiday calendar. */
export const weekdaysOnly: WorkCalendar = { holidays: new Set(), workdays: new Set() };

export interface CaseTimeLimit {
  /** null: not known (the guide says the handling place decides): no deadline is promised. */
  days: number | null;
  unit: 'workingDays' | 'calendarDays';
}


export function isWorkingDay(date: string, calendar: WorkCalendar): boolean {
  if (calendar.workdays.has(date)) return true;
  if (calendar.holidays.has(date)) return false;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** The promised completion date of a case accepted at `acceptedAt`, or null when no limit is promised. */
export function caseDeadline(acceptedAt: Date, limit: CaseTimeLimit, calendar: WorkCalendar = weekdaysOnly): string | null {
  if (limit.days === null) return null;
  const start = chinaDate(acceptedAt);
  if (limit.unit === 'calendarDays') return addDays(start, limit.days);
  let date = start;
  // Bounded: a year of limits is far beyond any catalogue's; a calendar that marks every day a holiday must
  // not hang the hub.
  for (let counted = 0, guard = 0; counted < limit.days; guard++) {
    if (guard > 3660) return null;
    date = addDays(date, 1);
    if (isWorkingDay(date, calendar)) counted++;
  }
  return date;
}
