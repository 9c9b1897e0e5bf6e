// When a kiosk may fetch and install a hub release by itself (issue 12): only in its quiet hours (China time,
// default 02:00–05:00, config update.quietHours; a window may cross midnight), never while a resident is in a
// session (or field staff in maintenance mode), never while an installed update still waits for its first good
// start, and not more often than once per `minIntervalMs`. Pure: the caller passes "now" from its Clock.
import { chinaDate, chinaInstant } from './clock';

export interface QuietHours {
  /** "HH:MM", China time: the window opens. */
  start: string;
  /** "HH:MM", China time: the window closes (earlier than start: it ends the next day). */
  end: string;
}

export interface AutoUpdateInputs {
  /** Epoch ms, from the caller's Clock. */
  now: number;
  enabled: boolean;
  quietHours: QuietHours;
  /** A resident is using the kiosk (anything but the attract screen), or maintenance mode is open. */
  residentInSession: boolean;
  /** An installed update has not been marked good yet: installing now would overwrite the fallback. */
  pending: boolean;
  /** When the kiosk last asked its hub (epoch ms), or null. */
  lastCheckAt: number | null;
}

export type AutoUpdateDecision =
  | { act: 'check' }
  | { act: 'wait'; reason: 'disabled' | 'outsideQuietHours' | 'residentInSession' | 'pending' | 'checkedRecently'; until: number | null };

/** A hub is asked at most this often inside a window (a failed download retries after it): 30 minutes. */
export const minCheckIntervalMs = 30 * 60_000;

const minutesOf = (time: string): number => {
  const [h, m] = time.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

/** Minutes since midnight in China (UTC+8) of an instant. */
const chinaMinutes = (now: number): number => Math.floor(((now + 8 * 3_600_000) % 86_400_000) / 60_000);

/** True when `now` falls in the window [start, end) China time; a window from 23:00 to 01:00 crosses midnight. */
export function isInQuietHours(now: number, hours: QuietHours): boolean {
  const [start, end, at] = [minutesOf(hours.start), minutesOf(hours.end), chinaMinutes(now)];
  if (start === end) return false; // an empty window: never by itself
  return start < end ? at >= start && at < end : at >= start || at < end;
}

/** The next instant (epoch ms, after `now`) at which the window opens. */
export function nextQuietStart(now: number, hours: QuietHours): number {
  const today = chinaDate(new Date(now));
  const opens = chinaInstant(today, hours.start).getTime();
  return opens > now ? opens : opens + 86_400_000;
}

export function decideAutoUpdate(inputs: AutoUpdateInputs): AutoUpdateDecision {
  if (!inputs.enabled) return { act: 'wait', reason: 'disabled', until: null };
  if (!isInQuietHours(inputs.now, inputs.quietHours)) return { act: 'wait', reason: 'outsideQuietHours', until: nextQuietStart(inputs.now, inputs.quietHours) };
  if (inputs.pending) return { act: 'wait', reason: 'pending', until: null };
  if (inputs.lastCheckAt !== null && inputs.now - inputs.lastCheckAt < minCheckIntervalMs) return { act: 'wait', reason: 'checkedRecently', until: inputs.lastCheckAt + minCheckIntervalMs };
  // Last, so a resident at 03:00 delays only this check; the next tick asks again.
  if (inputs.residentInSession) return { act: 'wait', reason: 'residentInSession', until: null };
  return { act: 'check' };
}
