// The attract screen before the kiosk is ready (issue 14 §1, ADR 0019), as React draws it. The page comes with
// the same screen prerendered (prerenderedFirstScreen.ts); this one takes over when React has loaded, from
// where that one left (language, touched), while the rest of the kiosk loads behind it (startKiosk.tsx).
// What a resident does on it is kept and replayed to the session once the kiosk is ready.
import { useEffect, useReducer } from 'react';
import type { SessionEvent } from '../../src/flows/visit';
import { LocaleProvider } from '../context/i18n';
import { AttractScreen } from '../screens/AttractScreen';
import { firstScreen, keepEarly } from './firstScreenState';

export function FirstScreen() {
  // firstScreenState is the one record of language and touch; this only draws it again when it changes.
  const [, redraw] = useReducer((n: number) => n + 1, 0);
  const keep = (...events: SessionEvent[]) => {
    keepEarly(...events);
    redraw();
  };
  const { locale, touched } = firstScreen;
  useEffect(() => void (document.documentElement.lang = locale), [locale]);
  return (
    <LocaleProvider locale={locale}>
      <AttractScreen
        starting={touched ? 'touched' : 'idle'}
        onTouch={() => keep({ type: 'user.touch' })}
        onElder={() => keep({ type: 'user.elder', on: true }, { type: 'user.touch' })}
        onLocale={(next) => keep({ type: 'user.locale', locale: next })}
      />
    </LocaleProvider>
  );
}
