// The attract screen as the page's very first paint (issue 14 §1, ADR 0019). It is drawn from the entry
// chunk alone (React, the messages, this screen) while the rest of the kiosk loads behind it: bridge, store,
// catalogue and session (startKiosk.tsx). A touch made meanwhile is not lost: it is kept here and replayed
// to the session once the kiosk is ready, and the screen says it is starting.
import { useEffect, useState } from 'react';
import { defaultLocale, isLocale } from '../../src/i18n/locales';
import type { Locale } from '../../src/i18n/locales';
import type { SessionEvent } from '../../src/flows/visit';
import { LocaleProvider } from '../context/i18n';
import { AttractScreen } from '../screens/AttractScreen';

const earlyEvents: SessionEvent[] = [];

/** What a resident did on the first screen before the kiosk was ready, once (the session replays it). */
export const takeEarlyEvents = (): SessionEvent[] => earlyEvents.splice(0);

// The configured language of a new session, kept from the last start: settings come over the bridge, which
// is not there yet. A configuration value, never a resident's choice.
const localeKey = 'kiosk.defaultLocale';

export function rememberDefaultLocale(locale: Locale): void {
  try {
    localStorage.setItem(localeKey, locale);
  } catch {
    // Storage refused (full disk): the first screen of the next start is in the default language.
  }
}

function rememberedLocale(): Locale {
  try {
    const stored = localStorage.getItem(localeKey);
    return isLocale(stored) ? stored : defaultLocale;
  } catch {
    return defaultLocale;
  }
}

export function FirstScreen() {
  const [locale, setLocale] = useState(rememberedLocale);
  const [touched, setTouched] = useState(false);
  useEffect(() => void (document.documentElement.lang = locale), [locale]);
  const keep = (...events: SessionEvent[]) => {
    earlyEvents.push(...events);
    setTouched(true);
  };
  return (
    <LocaleProvider locale={locale}>
      <AttractScreen
        starting={touched ? 'touched' : 'idle'}
        onTouch={() => keep({ type: 'user.touch' })}
        onElder={() => keep({ type: 'user.elder', on: true }, { type: 'user.touch' })}
        onLocale={(next) => {
          earlyEvents.push({ type: 'user.locale', locale: next });
          setLocale(next);
        }}
      />
    </LocaleProvider>
  );
}
