// "My applications", rendered from its flow (src/flows/myAppsMachine.ts).
import { useSelector } from '@xstate/react';
import type { ActorRefFrom } from 'xstate';
import type { myAppsMachine } from '../../src/flows/myAppsMachine';
import type { Locale } from '../../src/i18n/locales';
import { MyApplicationsScreen } from '../screens/MyApplicationsScreen';

export function MyAppsFlow(props: { actor: ActorRefFrom<typeof myAppsMachine>; hubOnline: boolean; onBack: () => void; onHome: () => void; onLocale: (l: Locale) => void }) {
  const snapshot = useSelector(props.actor, (s) => s);
  const state = snapshot.hasTag('myApps.list') ? 'list' : snapshot.hasTag('myApps.loading') ? 'loading' : 'identify';
  return <MyApplicationsScreen state={state} applications={snapshot.context.applications} hubOnline={props.hubOnline} onBack={props.onBack} onHome={props.onHome} onLocale={props.onLocale} />;
}
