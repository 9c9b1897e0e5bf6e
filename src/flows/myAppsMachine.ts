// "My applications" (issue 6 §7): the resident places their card and sees what they applied for on this
// kiosk, from the outbox and, when online, with the hub's status. The card is needed only for the lookup
// and is dropped as soon as the list is loaded.
import { assign, setup } from 'xstate';
import type { IdentityCard } from '../domain/card';
import type { RatingLevel, RatingReason } from '../domain/rating';
import type { Locale } from '../i18n/locales';
import { portActors } from './ports';
import type { CardReaderEvent, MyApplication, PrintOutcome } from './ports';

export interface MyAppsContext {
  locale: Locale;
  card: IdentityCard | null;
  applications: MyApplication[];
  failed: boolean;
  /** The completed application being rated after its result (the second 好差评), with the level and reasons chosen so far. */
  resultRating: { receiptNo: string; level: RatingLevel | null; reasons: RatingReason[] } | null;
  /** The last status slip asked for and how its printing went (null while printing). */
  slip: { receiptNo: string; outcome: PrintOutcome | null } | null;
}

export type MyAppsEvent =
  | CardReaderEvent
  | { type: 'user.retry' }
  | { type: 'user.back' }
  | { type: 'user.rateResult'; receiptNo: string }
  | { type: 'rating.level'; level: RatingLevel }
  | { type: 'rating.reason'; reason: RatingReason }
  | { type: 'rating.submit' }
  | { type: 'rating.skip' }
  | { type: 'rating.done' }
  | { type: 'user.printSlip'; receiptNo: string };

const findApp = (context: MyAppsContext, receiptNo: string | undefined) => context.applications.find((a) => a.receiptNo === receiptNo);

/** The second 好差评 (评价次数 2) is offered once per application, and only once the handling city completed it. */
export const canRateResult = (app: MyApplication | undefined): app is MyApplication => app?.case?.status === 'completed' && !app.resultRated;

export const myAppsMachine = setup({
  types: { context: {} as MyAppsContext, events: {} as MyAppsEvent, input: {} as { locale: Locale } },
  actors: portActors,
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
          actions: assign(({ event }) => ({ resultRating: { receiptNo: event.receiptNo, level: null, reasons: [] } })),
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
      initial: 'asking',
      on: { 'rating.skip': { target: 'list', actions: assign({ resultRating: null }) } },
      states: {
        asking: {
          on: {
            'rating.level': { actions: assign(({ context, event }) => ({ resultRating: { ...context.resultRating!, level: event.level, reasons: [] } })) },
            'rating.reason': {
              actions: assign(({ context, event }) => {
                const reasons = context.resultRating!.reasons;
                return { resultRating: { ...context.resultRating!, reasons: reasons.includes(event.reason) ? reasons.filter((r) => r !== event.reason) : [...reasons, event.reason] } };
              }),
            },
            'rating.submit': { target: 'saving', guard: ({ context }) => context.resultRating?.level != null },
          },
        },
        saving: {
          invoke: {
            src: 'saveRating',
            input: ({ context }) => {
              const app = findApp(context, context.resultRating!.receiptNo)!;
              return { level: context.resultRating!.level!, reasons: context.resultRating!.reasons, serviceId: app.serviceId, applicationId: app.applicationId, receiptNo: app.receiptNo, assessNumber: 2 as const };
            },
            // Marked as rated either way: a rating that could not be stored is not asked for again in this visit.
            onDone: { target: 'thanks', actions: 'markResultRated' },
            onError: { target: 'thanks', actions: 'markResultRated' },
          },
        },
        thanks: { tags: ['myApps.thanks'], on: { 'rating.done': { target: '#myApps.list', actions: assign({ resultRating: null }) } } },
      },
    },
    done: { type: 'final' },
  },
});
