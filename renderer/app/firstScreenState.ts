// What a resident did on the first screen before the kiosk was ready (ADR 0019), shared by its two drawings:
// the prerendered one that comes with the page (prerenderedFirstScreen.ts) and React's (firstScreen.tsx),
// which takes over from it. The session replays the events once the kiosk is ready (startKiosk.tsx).
import { defaultLocale, isLocale } from '../../src/i18n/locales';
import type { Locale } from '../../src/i18n/locales';
import type { SessionEvent } from '../../src/flows/visit';

// The configured language of a new session, kept from the last start: settings come over the bridge, which
// is not there yet. A configuration value, never a resident's choice.
const localeKey = 'kiosk.defaultLocale';

function rememberedLocale(): Locale {
  try {
    const stored = localStorage.getItem(localeKey);
    return isLocale(stored) ? stored : defaultLocale;
  } catch {
    return defaultLocale;
  }
}

export function rememberDefaultLocale(locale: Locale): void {
  try {
    localStorage.setItem(localeKey, locale);
  } catch {
    // Storage refused (full disk): the first screen of the next start is in the default language.
  }
}

const events: SessionEvent[] = [];

/** The first screen's language and whether a touch is waiting, as whichever drawing is up left them. */
export const firstScreen = { locale: rememberedLocale(), touched: false };

/** Keeps what a resident did; a touch (also 长辈模式's) makes the screen say it is starting. */
export function keepEarly(...kept: SessionEvent[]): void {
  events.push(...kept);
  for (const event of kept) {
    if (event.type === 'user.touch') firstScreen.touched = true;
    if (event.type === 'user.locale') firstScreen.locale = event.locale;
  }
}

/** What was kept, once (the session replays it). */
export const takeEarlyEvents = (): SessionEvent[] => events.splice(0);
