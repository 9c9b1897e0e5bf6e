// The year's holidays and make-up working days (调休) for case deadlines, from `<dataDir>/calendar.json`:
// `{ "holidays": ["2026-10-01", …], "workdays": ["2026-10-10", …] }`. The State Council publishes them each
// winter, so they are data an operator installs, not code. No file: Monday to Friday (weekdaysOnly).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { toWorkCalendar, weekdaysOnly, type WorkCalendar } from '../src/domain/caseDeadline';

export class WorkCalendarError extends Error {
  readonly code = 'calendar';
}

export function readWorkCalendar(dataDir: string): WorkCalendar {
  const file = join(dataDir, 'calendar.json');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return weekdaysOnly;
    throw new WorkCalendarError(`cannot read ${file}: ${(error as Error).message}`);
  }
  try {
    return toWorkCalendar(JSON.parse(text));
  } catch (error) {
    // A wrong calendar would promise wrong dates to residents: refuse to start rather than guess.
    throw new WorkCalendarError(`${file} is not { holidays: [YYYY-MM-DD], workdays: [YYYY-MM-DD] }: ${(error as Error).message}`);
  }
}
