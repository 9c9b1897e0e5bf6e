// The renderer's root: one session actor; screens render from its tags. Any touch or key press counts as
// activity for the idle rule.
import { useActorRef, useSelector } from '@xstate/react';
import { useEffect } from 'react';
import type { BridgeClient } from '../../src/bridge/client';
import type { KioskSettings } from '../../src/bridge/contract/app';
import { sessionMachine } from '../../src/flows/sessionMachine';
import { CountdownOverlay } from '../components/CountdownOverlay';
import { AttractScreen } from '../screens/AttractScreen';
import { HomeScreen } from '../screens/HomeScreen';
import { LocaleProvider } from './i18n';

export function App({ settings }: { bridge: BridgeClient; settings: KioskSettings }) {
  const session = useActorRef(sessionMachine, { input: settings });
  const snapshot = useSelector(session, (s) => s);
  const { locale, secondsLeft } = snapshot.context;

  useEffect(() => {
    const onActivity = () => session.send({ type: 'user.activity' });
    window.addEventListener('pointerdown', onActivity, { capture: true });
    window.addEventListener('keydown', onActivity, { capture: true });
    return () => {
      window.removeEventListener('pointerdown', onActivity, { capture: true });
      window.removeEventListener('keydown', onActivity, { capture: true });
    };
  }, [session]);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const setLocale = (next: typeof locale) => session.send({ type: 'user.locale', locale: next });
  return (
    <LocaleProvider locale={locale}>
      {snapshot.hasTag('attract') && <AttractScreen onTouch={() => session.send({ type: 'user.touch' })} onLocale={setLocale} />}
      {snapshot.hasTag('home') && <HomeScreen onChoose={() => undefined} onLocale={setLocale} onFinish={() => session.send({ type: 'user.finish' })} />}
      {snapshot.hasTag('countdown') && <CountdownOverlay secondsLeft={secondsLeft} onContinue={() => session.send({ type: 'user.continue' })} />}
    </LocaleProvider>
  );
}
