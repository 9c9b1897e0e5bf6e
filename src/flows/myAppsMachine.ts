// "My applications" (issue 6 §7): the resident places their card and sees what they applied for on this
// kiosk, from the outbox and, when online, with the hub's status. The card is needed only for the lookup
// and is dropped as soon as the list is loaded.
import { assign, setup } from 'xstate';
import type { IdentityCard } from '../domain/card';
import type { Locale } from '../i18n/locales';
import { portActors } from './ports';
import type { CardReaderEvent, MyApplication, PrintOutcome } from './ports';
import { ratingMachine, type RatingOutput } from './ratingMachine';

export interface MyAppsContext {
  locale: Locale;
  card: IdentityCard | null;
  applications: MyApplication[];
  failed: boolean;
  /** The completed application being rated after its result (the second 好差评, a child flow 'rating'). */
  resultRating: { receiptNo: string } | null;
  /** The last status slip asked for and how its printing went (null while printing). */
  slip: { receiptNo: string; outcome: PrintOutcome | null } | null;
}

export type MyAppsEvent =
  | CardReaderEvent
  | { type: 'user.retry' }
  | { type: 'user.back' }
  | { type: 'user.rateResult'; receiptNo: string }
  | { type: 'user.printSlip'; receiptNo: string };

const findApp = (context: MyAppsContext, receiptNo: string | undefined) => context.applications.find((a) => a.receiptNo === receiptNo);

/** The second 好差评 (评价次数 2) is offered once per application, and only once the handling city completed it. */
export const canRateResult = (app: MyApplication | undefined): app is MyApplication => app?.case?.status === 'completed' && !app.resultRated;

export const myAppsMachine = setup({
  types: { context: {} as MyAppsContext, events: {} as MyAppsEvent, input: {} as { locale: Locale } },
  actors: { ...portActors, rating: ratingMachine },
  actions: {
    markResultRated: assign(({ context }) => ({
      applications: context.applications.map((a) => (a.receiptNo === context.resultRating?.receiptNo ? { ...a, resultRated: true } : a)),
    })),
  },
}).createMachine({
  id: 'myApps',
  context: ({ input }) => ({ locale: input.locale, card: null, applications: [], failed: false, resultRating: null, slip: null }),
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
    list: {
      tags: ['myApps.list'],
      on: {
        'user.retry': 'identify',
        'user.rateResult': {
          guard: ({ context, event }) => canRateResult(findApp(context, event.receiptNo)),
          target: 'rateResult',
          actions: assign(({ event }) => ({ resultRating: { receiptNo: event.receiptNo } })),
        },
        'user.printSlip': {
          guard: ({ context, event }) => Boolean(findApp(context, event.receiptNo)?.case),
          target: 'printingSlip',
          actions: assign(({ event }) => ({ slip: { receiptNo: event.receiptNo, outcome: null } })),
        },
      },
    },
    printingSlip: {
      tags: ['myApps.list', 'myApps.printing'],
      invoke: {
        src: 'printStatusSlip',
        input: ({ context }) => ({ application: findApp(context, context.slip?.receiptNo)!, locale: context.locale }),
        onDone: { target: 'list', actions: assign(({ context, event }) => ({ slip: { receiptNo: context.slip!.receiptNo, outcome: event.output } })) },
        onError: { target: 'list', actions: assign(({ context }) => ({ slip: { receiptNo: context.slip!.receiptNo, outcome: 'failed' as const } })) },
      },
    },
    rateResult: {
      tags: ['myApps.rating'],
      invoke: {
        id: 'rating',
        src: 'rating',
        input: ({ context }) => {
          const app = findApp(context, context.resultRating!.receiptNo)!;
          return { serviceId: app.serviceId, applicationId: app.applicationId, receiptNo: app.receiptNo, assessNumber: 2 as const };
        },
        // Marked as rated once a save was tried, stored or not: it is not asked for again in this visit.
        onDone: [
          { guard: ({ event }) => (event.output as RatingOutput).outcome === 'rated', target: 'list', actions: ['markResultRated', assign({ resultRating: null })] },
          { target: 'list', actions: assign({ resultRating: null }) },
        ],
      },
    },
    done: { type: 'final' },
  },
});
