// "My applications", rendered from its flow (src/flows/myAppsMachine.ts): the list, the rating of a result
// (the second 好差评) and the status slip.
import { useSelector } from '@xstate/react';
import type { ActorRefFrom } from 'xstate';
import type { myAppsMachine } from '../../src/flows/myAppsMachine';
import type { Locale } from '../../src/i18n/locales';
import { MyApplicationsScreen } from '../screens/MyApplicationsScreen';
import type { ratingMachine } from '../../src/flows/ratingMachine';
import { RatingFlow } from './RatingFlow';

export function MyAppsFlow(props: { actor: ActorRefFrom<typeof myAppsMachine>; hubOnline: boolean; onBack: () => void; onHome: () => void; onLocale: (l: Locale) => void }) {
  const snapshot = useSelector(props.actor, (s) => s);
  const send = props.actor.send;
  const rating = snapshot.children.rating as ActorRefFrom<typeof ratingMachine> | undefined;
  if (snapshot.hasTag('myApps.rating') && rating) return <RatingFlow actor={rating} promptKey="rating.promptResult" onLocale={props.onLocale} />;
  const state = snapshot.hasTag('myApps.list') ? 'list' : snapshot.hasTag('myApps.loading') ? 'loading' : 'identify';
  const slip = snapshot.context.slip;
  return (
    <MyApplicationsScreen
      state={state}
      applications={snapshot.context.applications}
      hubOnline={props.hubOnline}
      onBack={props.onBack}
      onHome={props.onHome}
      onLocale={props.onLocale}
      onRateResult={(receiptNo) => send({ type: 'user.rateResult', receiptNo })}
      onPrintSlip={(receiptNo) => send({ type: 'user.printSlip', receiptNo })}
      slip={slip}
    />
  );
}
