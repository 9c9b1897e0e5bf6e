// A 好差评, rendered from its flow (src/flows/ratingMachine.ts): after a visit, and after a completed case in
// "我的办件" (with the result's question).
import { useSelector } from '@xstate/react';
import type { ActorRefFrom } from 'xstate';
import type { ratingMachine } from '../../src/flows/ratingMachine';
import type { MessageKey } from '../../src/i18n';
import type { Locale } from '../../src/i18n/locales';
import { RatingScreen } from '../screens/RatingScreen';

export function RatingFlow(props: { actor: ActorRefFrom<typeof ratingMachine>; promptKey?: MessageKey; onLocale: (l: Locale) => void }) {
  const snapshot = useSelector(props.actor, (s) => s);
  const send = props.actor.send;
  const thanks = snapshot.hasTag('rating.thanks');
  // 首页 and 完成 both leave the rating: not rating is always as easy as rating.
  const leave = () => send({ type: thanks ? 'rating.done' : 'rating.skip' });
  return (
    <RatingScreen
      level={snapshot.context.level}
      reasons={snapshot.context.reasons}
      comment={snapshot.context.comment}
      promptKey={props.promptKey}
      onLevel={(level) => send({ type: 'rating.level', level })}
      onToggleReason={(reason) => send({ type: 'rating.reason', reason })}
      onComment={(text) => send({ type: 'rating.comment', text })}
      onSubmit={() => send({ type: 'rating.submit' })}
      onSkip={() => send({ type: 'rating.skip' })}
      thanks={thanks}
      onHome={leave}
      onLocale={props.onLocale}
    />
  );
}
