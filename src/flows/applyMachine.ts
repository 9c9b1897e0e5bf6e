// One application, from the ID card to the receipt (issue 6 §3–5). Consent comes first, before the card is
// read (issue 16 §3): the reader is not listened to until the resident agrees. The outbox write comes before
// the receipt, which is printed only after it has committed, and a printer in trouble never loses the
// application: the receipt is then shown on screen with its QR code.
import { assign, setup } from 'xstate';
import type { IdentityCard } from '../domain/card';
import type { FormField, ServiceItem } from '../domain/catalog';
import type { MetroCityCode } from '../domain/divisions';
import { chinaToday, systemClock } from '../domain/clock';
import type { Clock } from '../domain/clock';
import { checkForm } from '../domain/validation';
import type { FieldError, FieldValue, FormValues } from '../domain/validation';
import type { Locale } from '../i18n/locales';
import { portActors } from './ports';
import type { CardReaderEvent, PrintOutcome, SubmitResult } from './ports';

export type CardProblem = 'unreadable' | 'expired' | 'invalidNumber' | 'unsupported';

export interface ApplyInput {
  item: ServiceItem;
  city: MetroCityCode;
  locale: Locale;
  /** "Now" for card expiry and date fields, in China time (default: the system clock); tests choose the day. */
  clock?: Clock;
}

export interface ApplyContext {
  item: ServiceItem;
  city: MetroCityCode;
  locale: Locale;
  clock: Clock;
  card: IdentityCard | null;
  cardProblem: CardProblem | null;
  readerReady: boolean;
  values: FormValues;
  errors: Record<string, FieldError>;
  consent: boolean;
  submission: SubmitResult | null;
  printState: 'printing' | PrintOutcome;
  reprint: boolean;
}

export type ApplyEvent =
  | CardReaderEvent
  | { type: 'user.retry' }
  | { type: 'user.noCard' }
  | { type: 'user.back' }
  | { type: 'form.change'; field: string; value: FieldValue }
  | { type: 'form.submit' }
  | { type: 'consent.agree' }
  | { type: 'review.edit' }
  | { type: 'review.confirm' }
  | { type: 'user.reprint' }
  | { type: 'user.next' }
  | { type: 'user.locale'; locale: Locale };

export type ApplyOutput = { status: 'submitted'; applicationId: string; receiptNo: string } | { status: 'cancelled' };

const isLocked = (field: FormField) => field.prefillFrom !== undefined && (field.prefillMode ?? 'locked') === 'locked';

/** Values the card gives the form: only into text-like fields (an address picker needs the resident's choice). */
export function prefillFromCard(fields: readonly FormField[], card: IdentityCard): FormValues {
  const values: FormValues = {};
  for (const field of fields) {
    if (!field.prefillFrom || field.kind === 'address' || field.kind === 'choice') continue;
    values[field.id] = card[field.prefillFrom];
  }
  return values;
}

const cardOutcomes = {
  'card.read': [
    { guard: 'cardExpired', target: 'problem', actions: { type: 'cardProblem', params: 'expired' } },
    { guard: 'cardNumberInvalid', target: 'problem', actions: { type: 'cardProblem', params: 'invalidNumber' } },
    { target: '#apply.form', actions: 'keepCard' },
  ],
  'card.error': { target: 'problem', actions: { type: 'cardProblem', params: 'unreadable' } },
} as const;

export const applyMachine = setup({
  types: { context: {} as ApplyContext, events: {} as ApplyEvent, input: {} as ApplyInput, output: {} as ApplyOutput },
  actors: portActors,
  guards: {
    cardExpired: ({ context, event }) => event.type === 'card.read' && event.card.validTo !== null && event.card.validTo < chinaToday(context.clock),
    cardNumberInvalid: ({ event }) => event.type === 'card.read' && !event.card.idNumberValid,
    formValid: ({ context }) => checkForm(context.item.form, context.values, { today: chinaToday(context.clock) }).ok,
    hasConsent: ({ context }) => context.consent,
  },
  actions: {
    keepCard: assign(({ context, event }) => {
      if (event.type !== 'card.read') return {};
      return { card: event.card, cardProblem: null, values: { ...prefillFromCard(context.item.form, event.card), ...context.values } };
    }),
    // A card that cannot be used is not kept: nothing of it stays in memory.
    cardProblem: assign((_, problem: CardProblem) => ({ cardProblem: problem, card: null })),
    setValue: assign(({ context, event }) => {
      if (event.type !== 'form.change') return {};
      const field = context.item.form.find((f) => f.id === event.field);
      if (!field || isLocked(field)) return {};
      const { [event.field]: _cleared, ...errors } = context.errors;
      return { values: { ...context.values, [event.field]: event.value }, errors };
    }),
    showErrors: assign(({ context }) => ({ errors: checkForm(context.item.form, context.values, { today: chinaToday(context.clock) }).errors })),
  },
}).createMachine({
  id: 'apply',
  context: ({ input }) => ({
    item: input.item,
    city: input.city,
    locale: input.locale,
    clock: input.clock ?? systemClock,
    card: null,
    cardProblem: null,
    readerReady: true,
    values: {},
    errors: {},
    consent: false,
    submission: null,
    printState: 'printing',
    reprint: false,
  }),
  on: { 'user.locale': { actions: assign(({ event }) => ({ locale: event.locale })) } },
  initial: 'consent',
  states: {
    consent: {
      tags: ['identify', 'consent'],
      on: { 'consent.agree': { target: 'identify', actions: assign({ consent: true }) }, 'user.back': 'cancelled', 'user.noCard': 'cancelled' },
    },
    identify: {
      invoke: { src: 'cardReader' },
      on: {
        'reader.status': { actions: assign(({ event }) => ({ readerReady: event.ready })) },
        'user.noCard': 'cancelled',
        'user.back': 'cancelled',
      },
      initial: 'waiting',
      // A read card is used only if it is valid today and its number passes the GB 11643 checks.
      states: {
        waiting: {
          tags: ['identify'],
          on: {
            'card.inserted': 'reading',
            ...cardOutcomes,
          },
        },
        reading: {
          tags: ['identify', 'reading'],
          on: {
            ...cardOutcomes,
            'card.removed': 'waiting',
          },
        },
        problem: {
          tags: ['identify', 'cardProblem'],
          on: { 'user.retry': { target: 'waiting', actions: assign({ cardProblem: null }) } },
        },
      },
    },
    form: {
      tags: ['form'],
      on: {
        'form.change': { actions: 'setValue' },
        'form.submit': [{ guard: 'formValid', target: 'review', actions: assign({ errors: {} }) }, { actions: 'showErrors' }],
        'user.back': 'cancelled',
      },
    },
    review: {
      tags: ['review'],
      on: {
        'review.edit': 'form',
        'user.back': 'form',
        'review.confirm': { guard: 'hasConsent', target: 'submitting' },
      },
    },
    submitting: {
      tags: ['submitting', 'busy'],
      invoke: {
        src: 'submitApplication',
        input: ({ context }) => {
          const checked = checkForm(context.item.form, context.values, { today: chinaToday(context.clock) });
          return { item: context.item, city: context.city, card: context.card!, values: checked.values, locale: context.locale };
        },
        onDone: { target: 'printing', actions: assign(({ event }) => ({ submission: event.output })) },
        onError: 'submitFailed',
      },
    },
    submitFailed: {
      // Nothing was stored (the outbox write did not commit): say so, and let the resident try again.
      tags: ['submitFailed'],
      on: { 'user.retry': 'submitting', 'user.back': 'review' },
    },
    printing: {
      tags: ['receipt', 'printing', 'busy'],
      entry: assign({ printState: 'printing' }),
      invoke: {
        src: 'printReceipt',
        input: ({ context }) => ({ submission: context.submission!, item: context.item, city: context.city, card: context.card!, locale: context.locale, reprint: context.reprint }),
        onDone: { target: 'receipt', actions: assign(({ event }) => ({ printState: event.output })) },
        onError: { target: 'receipt', actions: assign({ printState: 'failed' as const }) },
      },
    },
    receipt: {
      tags: ['receipt'],
      on: {
        // A reprint only when the first print did not come out: a job of unknown completion is never repeated
        // by itself, and the resident's own request prints "重打" on it.
        'user.reprint': { target: 'printing', actions: assign({ reprint: true }) },
        'user.next': 'submitted',
      },
    },
    submitted: { type: 'final' },
    cancelled: { type: 'final' },
  },
  output: ({ context }) =>
    context.submission ? { status: 'submitted', applicationId: context.submission.applicationId, receiptNo: context.submission.receiptNo } : { status: 'cancelled' },
});
