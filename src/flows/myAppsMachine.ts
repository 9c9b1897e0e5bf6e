// "My applications" (issue 6 §7): the resident places their card and sees what they applied for on this
// kiosk, from the outbox and, when online, with the hub's status. The card is needed only for the lookup
// and is dropped as soon as the list is loaded.
import { assign, setup } from 'xstate';
import type { IdentityCard } from '../domain/card';
import type { Locale } from '../i18n/locales';
import { portActors } from './ports';
import type { CardReaderEvent, MyApplication } from './ports';

export interface MyAppsContext {
  locale: Locale;
  card: IdentityCard | null;
  applications: MyApplication[];
  failed: boolean;
}

export type MyAppsEvent = CardReaderEvent | { type: 'user.retry' } | { type: 'user.back' };

export const myAppsMachine = setup({
  types: { context: {} as MyAppsContext, events: {} as MyAppsEvent, input: {} as { locale: Locale } },
  actors: portActors,
}).createMachine({
  id: 'myApps',
  context: ({ input }) => ({ locale: input.locale, card: null, applications: [], failed: false }),
  initial: 'identify',
  on: { 'user.back': '.done' },
  states: {
    identify: {
      tags: ['myApps.identify'],
      invoke: { src: 'cardReader' },
      on: {
        'card.read': { target: 'loading', actions: assign(({ event }) => ({ card: event.card })) },
        'card.error': { actions: assign({ failed: true }) },
        'card.inserted': { actions: assign({ failed: false }) },
      },
    },
    loading: {
      tags: ['myApps.loading'],
      invoke: {
        src: 'listMyApplications',
        input: ({ context }) => ({ card: context.card!, locale: context.locale }),
        onDone: { target: 'list', actions: assign(({ event }) => ({ applications: event.output, card: null, failed: false })) },
        onError: { target: 'list', actions: assign({ applications: [], card: null, failed: true }) },
      },
    },
    list: { tags: ['myApps.list'], on: { 'user.retry': 'identify' } },
    done: { type: 'final' },
  },
});
