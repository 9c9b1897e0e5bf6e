// One 好差评 (issue 6 §6, issue 16 §3): a level (nothing pre-selected), reasons only for a low one, a short
// comment when 其他 is among them, then a thank-you. The session runs it after a visit (评价次数 1) and
// "我的办件" after a completed case (评价次数 2). Skipping is always one tap; a rating that cannot be stored
// is not worth keeping a resident waiting for, so saving ends in the thank-you either way.
import { assign, setup } from 'xstate';
import { isLowRating, maxRatingCommentLength, type RatingLevel, type RatingReason } from '../domain/rating';
import { portActors } from './ports';

export interface RatingTarget {
  serviceId: string;
  applicationId: string | null;
  receiptNo: string | null;
  assessNumber?: 1 | 2;
}

export interface RatingFlowInput extends RatingTarget {
  /** The thank-you goes on by itself after a few seconds (the end of a visit); otherwise on 完成 only. */
  autoLeave?: boolean;
}

export interface RatingContext extends RatingFlowInput {
  level: RatingLevel | null;
  reasons: RatingReason[];
  /** Typed only while 其他 is ticked; dropped with it. */
  comment: string;
  /** Becomes 'rated' once a save is tried. */
  outcome: RatingOutput['outcome'];
}

export type RatingEvent =
  | { type: 'rating.level'; level: RatingLevel }
  | { type: 'rating.reason'; reason: RatingReason }
  | { type: 'rating.comment'; text: string }
  | { type: 'rating.submit' }
  | { type: 'rating.skip' }
  | { type: 'rating.done' };

/** What happened: `rated` once a save was tried (stored or not), `skipped` when the resident declined. */
export type RatingOutput = { outcome: 'rated' | 'skipped' };

const toggled = (reasons: RatingReason[], reason: RatingReason) => (reasons.includes(reason) ? reasons.filter((r) => r !== reason) : [...reasons, reason]);

export const ratingMachine = setup({
  types: { context: {} as RatingContext, events: {} as RatingEvent, input: {} as RatingFlowInput, output: {} as RatingOutput },
  actors: portActors,
  delays: {
    /** How long the thank-you stays before the flow goes on by itself. */
    thanksDelay: 5000,
  },
}).createMachine({
  id: 'rating',
  context: ({ input }) => ({ ...input, level: null, reasons: [], comment: '', outcome: 'skipped' }),
  initial: 'asking',
  states: {
    asking: {
      tags: ['rating.asking'],
      on: {
        // A new level starts its reasons afresh: reasons belong to a low level only.
        'rating.level': { actions: assign(({ event }) => ({ level: event.level, reasons: [], comment: '' })) },
        'rating.reason': {
          guard: ({ context }) => context.level !== null && isLowRating(context.level),
          actions: assign(({ context, event }) => {
            const reasons = toggled(context.reasons, event.reason);
            return { reasons, comment: reasons.includes('other') ? context.comment : '' };
          }),
        },
        'rating.comment': { guard: ({ context }) => context.reasons.includes('other'), actions: assign(({ event }) => ({ comment: event.text.slice(0, maxRatingCommentLength) })) },
        'rating.submit': { target: 'saving', guard: ({ context }) => context.level !== null },
        'rating.skip': 'done',
      },
    },
    saving: {
      entry: assign({ outcome: 'rated' as const }),
      invoke: {
        src: 'saveRating',
        input: ({ context }) => ({
          level: context.level!,
          reasons: context.reasons,
          ...(context.comment.trim() ? { comment: context.comment } : {}),
          serviceId: context.serviceId,
          applicationId: context.applicationId,
          receiptNo: context.receiptNo,
          ...(context.assessNumber ? { assessNumber: context.assessNumber } : {}),
        }),
        onDone: 'thanks',
        onError: 'thanks',
      },
    },
    thanks: {
      tags: ['rating.thanks'],
      after: { thanksDelay: { guard: ({ context }) => context.autoLeave === true, target: 'done' } },
      on: { 'rating.done': 'done' },
    },
    done: { type: 'final' },
  },
  output: ({ context }) => ({ outcome: context.outcome }),
});
