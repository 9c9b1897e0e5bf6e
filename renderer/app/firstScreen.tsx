// The attract screen before the kiosk is ready (issue 14 §1, ADR 0019), as React draws it. The page comes with
// the same screen prerendered (prerenderedFirstScreen.ts); this one takes over when React has loaded, from
// where that one left (language, touched), while the rest of the kiosk loads behind it (startKiosk.tsx).
// What a resident does on it is kept and replayed to the session once the kiosk is ready.
import { useEffect, useState } from 'react';
import { LocaleProvider } from '../context/i18n';
import { AttractScreen } from '../screens/AttractScreen';
import { firstScreen, keepEarly } from './firstScreenState';

export function FirstScreen() {
  const [locale, setLocale] = useState(firstScreen.locale);
  const [touched, setTouched] = useState(firstScreen.touched);
  useEffect(() => void (document.documentElement.lang = locale), [locale]);
  return (
    <LocaleProvider locale={locale}>
      <AttractScreen
        starting={touched ? 'touched' : 'idle'}
        onTouch={() => {
          keepEarly({ type: 'user.touch' });
          setTouched(true);
        }}
        onElder={() => {
          keepEarly({ type: 'user.elder', on: true }, { type: 'user.touch' });
          setTouched(true);
        }}
        onLocale={(next) => {
          keepEarly({ type: 'user.locale', locale: next });
          setLocale(next);
        }}
      />
    </LocaleProvider>
  );
}
