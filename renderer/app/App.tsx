// The renderer's root: one session actor with the real ports; screens render from its tags. Any touch or key
// press counts as activity for the idle rule.
import { useActorRef, useSelector } from '@xstate/react';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import type { ActorRefFrom } from 'xstate';
import type { BridgeClient } from '../../src/bridge/client';
import type { ConfigProblem, KioskSettings } from '../../src/bridge/contract/app';
import type { Catalog } from '../../src/domain/catalog';
import type { MetroCityCode } from '../../src/domain/divisions';
import type { applyMachine } from '../../src/flows/applyMachine';
import type { myAppsMachine } from '../../src/flows/myAppsMachine';
import type { ratingMachine } from '../../src/flows/ratingMachine';
import type { portActors } from '../../src/flows/ports';
import { currentItem, withPorts } from '../../src/flows/sessionMachine';
import type { SessionEvent } from '../../src/flows/visit';
import { createTapGesture } from '../../src/flows/maintenanceGesture';
import type { Locale } from '../../src/i18n/locales';
import { CountdownOverlay } from '../components/CountdownOverlay';
import { AttractScreen } from '../screens/AttractScreen';
import { ConfigOutOfService } from '../screens/ConfigOutOfService';
import type { TechnicianQueue } from '../screens/maintenance/SyncQueue';
import { BrowseScreen } from '../screens/BrowseScreen';
import { GuideScreen } from '../screens/GuideScreen';
import { HomeScreen } from '../screens/HomeScreen';
import { LocaleProvider } from '../context/i18n';
import { MyAppsFlow } from './MyAppsFlow';
import { RatingFlow } from './RatingFlow';
import { SessionControlsContext } from '../context/sessionControls';
import { useResidentSessionReport } from './residentSession';
import { VisitHelpContext } from '../context/visitHelp';
import { CardOnReaderContext } from '../context/cardOnReader';
import { useCardOnReaderState } from './useCardOnReader';
import { useCallStaff, useCardLeftBehind } from './visitEvents';
import { setVoiceEnabled } from '../context/voice';

// Search (pinyin tables) and the application flow (on-screen keyboard, IME lexicon) are not needed for the
// attract screen: they load while the kiosk waits for a resident (below), or at first use if that comes first.
const loadSearch = () => import('./SearchRoute');
const loadApplyFlow = () => import('./ApplyFlow');
const SearchRoute = lazy(loadSearch);
const ApplyFlow = lazy(loadApplyFlow);
const MaintenanceScreen = lazy(() => import('../screens/MaintenanceScreen').then((m) => ({ default: m.MaintenanceScreen })));

export interface AppProps {
  bridge: BridgeClient;
  settings: KioskSettings;
  catalog: Catalog;
  ports: Partial<typeof portActors>;
  /** config.json was damaged at start: 暂停服务 with the reason, until a technician fixes it (issue 11). */
  configProblem?: ConfigProblem;
  /** Applications kept in the outbox at start (shown on that screen). */
  queued?: number;
  /** The outbox and ratings as the maintenance screen's sync and requeue actions see them. */
  technicianQueue?: TechnicianQueue;
  /** Touches made on the first screen while the kiosk was starting, replayed once (renderer/app/firstScreenState.ts). */
  earlyEvents?: () => SessionEvent[];
}

function useHubOnline(bridge: BridgeClient): boolean {
  const [online, setOnline] = useState(false);
  useEffect(() => {
    void bridge.call('hub.status', {}).then((r) => r.ok && setOnline(r.value.state === 'online'));
    return bridge.on('hub.status', (status) => setOnline(status.state === 'online'));
  }, [bridge]);
  return online;
}

export function App({ bridge, settings, catalog, ports, configProblem, queued = 0, technicianQueue, earlyEvents }: AppProps) {
  const machine = useMemo(() => withPorts(ports), [ports]);
  const session = useActorRef(machine, { input: { ...settings, catalog: catalog.items } });
  const snapshot = useSelector(session, (s) => s);
  const hubOnline = useHubOnline(bridge);
  const cardOnReader = useCardOnReaderState(bridge);
  const [maintenance, setMaintenance] = useState(false);
  const gesture = useMemo(() => createTapGesture(), []);
  const leaveMaintenance = useMemo(() => () => setMaintenance(false), []);
  const c = snapshot.context;
  const send = session.send;

  useEffect(() => {
    for (const event of earlyEvents?.() ?? []) send(event);
  }, [earlyEvents, send]);

  // Idle once ready: fetch and compile the chunks a visit needs next, so the first tap into search or a form
  // does not wait for them (issue 14 §1).
  useEffect(() => {
    const idle = requestIdleCallback(() => void Promise.all([loadSearch(), loadApplyFlow()]).catch(() => undefined)); // else at first use
    return () => cancelIdleCallback(idle);
  }, []);

  useEffect(() => {
    const onActivity = () => send({ type: 'user.activity' });
    window.addEventListener('pointerdown', onActivity, { capture: true });
    window.addEventListener('keydown', onActivity, { capture: true });
    // For end-to-end tests only: what the session holds now (after a wipe: nothing of the visit). It holds card
    // data, so only the e2e build (`vite build --mode e2e`) has it; production folds this branch away.
    if (import.meta.env.MODE === 'e2e') (window as { __kioskSession?: () => unknown }).__kioskSession = () => session.getPersistedSnapshot();
    return () => {
      window.removeEventListener('pointerdown', onActivity, { capture: true });
      window.removeEventListener('keydown', onActivity, { capture: true });
    };
  }, [send, session]);

  useEffect(() => {
    document.documentElement.lang = c.locale;
    document.body.classList.toggle('elder', c.elder);
    setVoiceEnabled(c.voice);
  }, [c.locale, c.elder, c.voice]);

  const onLocale = (locale: Locale) => {
    send({ type: 'user.locale', locale });
    (snapshot.children.apply as ActorRefFrom<typeof applyMachine> | undefined)?.send({ type: 'user.locale', locale });
  };
  const nav = { onLocale, onHome: () => send({ type: 'user.home' }), onBack: () => send({ type: 'user.back' }) };
  const controls = { elder: c.elder, voice: c.voice, onElder: (on: boolean) => send({ type: 'user.elder', on }), onVoice: (on: boolean) => send({ type: 'user.voice', on }) };
  const has = (tag: string) => snapshot.hasTag(tag);
  const onCity = (city: MetroCityCode) => send({ type: 'browse.city', city });
  const callStaff = useCallStaff(bridge, hubOnline);
  const visitHelp = useMemo(() => ({ hotline: '12345', staffedHours: settings.staffedHours ?? '', callStaff }), [settings.staffedHours, callStaff]);

  useResidentSessionReport(bridge, maintenance || !has('attract'));
  // The attract screen's 请取回您的证件 stays up for as long as a countdown lasts; a card still there after it was left.
  useCardLeftBehind(bridge, !maintenance && !has('attract'), cardOnReader, settings.idleCountdownSeconds * 1000);

  let screen: React.ReactNode = null;
  if (maintenance) screen = <MaintenanceScreen bridge={bridge} onLeave={leaveMaintenance} queue={technicianQueue} />;
  else if (configProblem) screen = <ConfigOutOfService problem={configProblem} queued={queued} />;
  else if (has('attract')) screen = (
      <AttractScreen
        onTouch={() => send({ type: 'user.touch' })}
        onElder={() => {
          send({ type: 'user.elder', on: true });
          send({ type: 'user.touch' });
        }}
        onLocale={onLocale}
      />
    );
  else if (has('home')) screen = <HomeScreen catalog={catalog} onItem={(id) => send({ type: 'browse.item', id })} onChoose={(choice) => send({ type: 'home.choose', choice })} onLocale={onLocale} onFinish={() => send({ type: 'user.finish' })} />;
  else if (has('browse'))
    screen = <BrowseScreen by={c.browseBy} city={c.city} groupKey={c.groupKey} catalog={catalog} onCity={onCity} onGroup={(key) => send({ type: 'browse.group', key })} onItem={(id) => send({ type: 'browse.item', id })} {...nav} />;
  else if (has('pickCity'))
    screen = <BrowseScreen by="city" city={null} groupKey={null} catalog={{ ...catalog, items: [currentItem(c)] }} onCity={onCity} onGroup={() => undefined} onItem={() => undefined} {...nav} />;
  else if (has('search'))
    screen = <SearchRoute catalog={catalog} query={c.query} onQuery={(query) => send({ type: 'search.query', query })} locale={c.locale} onItem={(id) => send({ type: 'browse.item', id })} {...nav} />;
  else if (has('guide'))
    screen = (
      <GuideScreen
        item={currentItem(c)}
        city={c.city}
        locale={c.locale}
        onApply={() => send({ type: 'guide.apply' })}
        onPrintGuide={() => send({ type: 'guide.print' })}
        onDone={() => send({ type: 'guide.done' })}
        printState={c.guidePrint === 'paperOut' || c.guidePrint === 'unavailable' ? 'failed' : c.guidePrint}
        {...nav}
      />
    );
  else if (has('apply') && snapshot.children.apply)
    screen = <ApplyFlow actor={snapshot.children.apply as ActorRefFrom<typeof applyMachine>} onHome={nav.onHome} onLocale={onLocale} />;
  else if (has('rating') && snapshot.children.rating) screen = <RatingFlow actor={snapshot.children.rating as ActorRefFrom<typeof ratingMachine>} onLocale={onLocale} />;
  else if (has('myApps') && snapshot.children.myApps)
    screen = <MyAppsFlow actor={snapshot.children.myApps as ActorRefFrom<typeof myAppsMachine>} hubOnline={hubOnline} {...nav} />;

  return (
    <LocaleProvider locale={c.locale}>
      <VisitHelpContext.Provider value={visitHelp}>
        <CardOnReaderContext.Provider value={cardOnReader}>
          <SessionControlsContext.Provider value={has('attract') ? null : controls}>
            <Suspense fallback={null}>{screen}</Suspense>
            {/* The hidden maintenance gesture: five taps here within 3 s, on the attract screen only (docs/technician.md). */}
            {has('attract') && !maintenance && (
              <div className="maintenance-corner" data-testid="maintenance-corner" aria-hidden="true" onClick={(e) => gesture.tap(e.timeStamp) && setMaintenance(true)} />
            )}
            {has('countdown') && <CountdownOverlay secondsLeft={c.secondsLeft} onContinue={() => send({ type: 'user.continue' })} />}
          </SessionControlsContext.Provider>
        </CardOnReaderContext.Provider>
      </VisitHelpContext.Provider>
    </LocaleProvider>
  );
}
