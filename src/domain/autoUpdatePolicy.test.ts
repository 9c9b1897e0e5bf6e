// The quiet-hour policy for installing hub releases by itself, on instants built from China wall-clock times
// (chinaInstant), so it holds in any machine time zone, on any day.
import { describe, expect, it } from 'vitest';
import { chinaInstant } from './clock';
import { decideAutoUpdate, isInQuietHours, minCheckIntervalMs, nextQuietStart } from './autoUpdatePolicy';
import type { AutoUpdateInputs } from './autoUpdatePolicy';

const at = (time: string, day = '2031-03-14') => chinaInstant(day, time).getTime();
const night = { start: '02:00', end: '05:00' };
const base = (now: number, extra: Partial<AutoUpdateInputs> = {}): AutoUpdateInputs => ({ now, enabled: true, quietHours: night, residentInSession: false, pending: false, lastCheckAt: null, ...extra });

describe('quiet hours', () => {
  it('is the window [start, end) in China time', () => {
    expect(isInQuietHours(at('01:59'), night)).toBe(false);
    expect(isInQuietHours(at('02:00'), night)).toBe(true);
    expect(isInQuietHours(at('04:59'), night)).toBe(true);
    expect(isInQuietHours(at('05:00'), night)).toBe(false);
    expect(isInQuietHours(at('14:00'), night)).toBe(false);
  });

  it('crosses midnight when the end is earlier than the start', () => {
    const late = { start: '23:30', end: '01:00' };
    expect(isInQuietHours(at('23:29'), late)).toBe(false);
    expect(isInQuietHours(at('23:30'), late)).toBe(true);
    expect(isInQuietHours(at('00:30'), late)).toBe(true);
    expect(isInQuietHours(at('01:00'), late)).toBe(false);
  });

  it('names the next opening: today before it, tomorrow once it has passed', () => {
    expect(nextQuietStart(at('00:10'), night)).toBe(at('02:00'));
    expect(nextQuietStart(at('02:00'), night)).toBe(at('02:00', '2031-03-15'));
    expect(nextQuietStart(at('21:00'), night)).toBe(at('02:00', '2031-03-15'));
  });
});

describe('decideAutoUpdate', () => {
  it('checks in the quiet hours with nobody at the kiosk', () => {
    expect(decideAutoUpdate(base(at('03:00')))).toEqual({ act: 'check' });
  });

  it('waits outside the quiet hours until the window opens', () => {
    expect(decideAutoUpdate(base(at('10:00')))).toEqual({ act: 'wait', reason: 'outsideQuietHours', until: at('02:00', '2031-03-15') });
  });

  it('never installs while a resident is in a session', () => {
    expect(decideAutoUpdate(base(at('03:00'), { residentInSession: true }))).toEqual({ act: 'wait', reason: 'residentInSession', until: null });
  });

  it('waits while an installed update is not yet marked good', () => {
    expect(decideAutoUpdate(base(at('03:00'), { pending: true }))).toMatchObject({ act: 'wait', reason: 'pending' });
  });

  it('asks the hub at most once per interval, then again', () => {
    const last = at('02:10');
    expect(decideAutoUpdate(base(last + minCheckIntervalMs - 1, { lastCheckAt: last }))).toEqual({ act: 'wait', reason: 'checkedRecently', until: last + minCheckIntervalMs });
    expect(decideAutoUpdate(base(last + minCheckIntervalMs, { lastCheckAt: last }))).toEqual({ act: 'check' });
  });

  it('does nothing when switched off', () => {
    expect(decideAutoUpdate(base(at('03:00'), { enabled: false }))).toMatchObject({ act: 'wait', reason: 'disabled' });
  });
});
