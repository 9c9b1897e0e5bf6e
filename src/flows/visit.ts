// What one visit holds (DESIGN.md §7): the session's input, context and events, and the blank visit that the
// attract screen puts back. Kept apart from the session's states (sessionMachine.ts) so each reads on its own.
import type { ServiceItem } from '../domain/catalog';
import type { Clock } from '../domain/clock';
import type { MetroCityCode } from '../domain/divisions';
import type { Locale } from '../i18n/locales';
import type { PrintOutcome } from './ports';

export type { Locale };
export type BrowseBy = 'city' | 'department' | 'lifeEvent';
export type HomeChoice = 'byCity' | 'byDepartment' | 'byLifeEvent' | 'search' | 'myApplications';

export interface SessionInput {
  /** The service items the kiosk offers (the bundled or last good signed catalogue). */
  catalog: readonly ServiceItem[];
  /** Seconds without a touch before the countdown appears (default 90). */
  idleTimeoutSeconds?: number;
  /** Seconds the countdown lasts before the session is wiped (default 20). */
  idleCountdownSeconds?: number;
  /** Language the attract screen starts in (default zh-CN). */
  locale?: Locale;
  /** "Now" for card expiry and date fields (default: the system clock). */
  clock?: Clock;
}

/** Everything one visit may set; `attract` puts back exactly these values. */
export interface Visit {
  locale: Locale;
  elder: boolean;
  voice: boolean;
  secondsLeft: number;
  browseBy: BrowseBy;
  city: MetroCityCode | null;
  groupKey: string | null;
  query: string;
  itemId: string | null;
  /** Where "back" from the guide goes. */
  guideFrom: 'browse' | 'search' | 'home';
  guidePrint: 'idle' | 'printing' | PrintOutcome;
  /** What the rating after the visit is about: the application just submitted, or none (a guide was read). */
  rated: { applicationId: string | null; receiptNo: string | null };
}

export interface SessionContext extends Visit {
  catalog: readonly ServiceItem[];
  idleTimeoutMs: number;
  countdownSeconds: number;
  defaultLocale: Locale;
  clock: Clock;
}

export type SessionEvent =
  | { type: 'user.touch' }
  | { type: 'user.activity' }
  | { type: 'user.continue' }
  | { type: 'user.home' }
  | { type: 'user.back' }
  | { type: 'user.finish' }
  | { type: 'user.locale'; locale: Locale }
  | { type: 'user.elder'; on: boolean }
  | { type: 'user.voice'; on: boolean }
  | { type: 'home.choose'; choice: HomeChoice }
  | { type: 'browse.city'; city: MetroCityCode }
  | { type: 'browse.group'; key: string }
  | { type: 'browse.item'; id: string }
  | { type: 'search.query'; query: string }
  | { type: 'guide.apply' }
  | { type: 'guide.print' }
  | { type: 'guide.done' }
  | { type: 'idle.timeout' };

export const visitDefaults = (context: Pick<SessionContext, 'defaultLocale' | 'countdownSeconds'>): Visit => ({
  locale: context.defaultLocale,
  elder: false,
  voice: false,
  secondsLeft: context.countdownSeconds,
  browseBy: 'city',
  city: null,
  groupKey: null,
  query: '',
  itemId: null,
  guideFrom: 'browse',
  guidePrint: 'idle',
  rated: { applicationId: null, receiptNo: null },
});
