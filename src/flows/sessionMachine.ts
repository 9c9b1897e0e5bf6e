// The resident session (DESIGN.md §7): the attract screen, the screens of one visit, and the idle rule that
// ends a visit. A kiosk is shared by strangers, so leaving a session — by timeout or by "finish" — always goes
// through `attract`, whose entry wipes everything the visit put into the context.
import { assign, raise, setup } from 'xstate';

export type Locale = 'zh-CN' | 'zh-TW' | 'en';

export interface SessionInput {
  /** Seconds without a touch before the countdown appears (default 90). */
  idleTimeoutSeconds?: number;
  /** Seconds the countdown lasts before the session is wiped (default 20). */
  idleCountdownSeconds?: number;
  /** Language the attract screen starts in (default zh-CN). */
  locale?: Locale;
}

export interface SessionContext {
  idleTimeoutMs: number;
  countdownSeconds: number;
  defaultLocale: Locale;
  /** Session state below: reset on every return to attract. */
  locale: Locale;
  secondsLeft: number;
}

export type SessionEvent =
  | { type: 'user.touch' }
  | { type: 'user.activity' }
  | { type: 'user.continue' }
  | { type: 'user.home' }
  | { type: 'user.finish' }
  | { type: 'user.locale'; locale: Locale }
  | { type: 'idle.timeout' };

/** The part of the context a visit may change; `attract` resets exactly this. */
const visitDefaults = (context: Pick<SessionContext, 'defaultLocale' | 'countdownSeconds'>) => ({
  locale: context.defaultLocale,
  secondsLeft: context.countdownSeconds,
});

export const sessionMachine = setup({
  types: {
    context: {} as SessionContext,
    events: {} as SessionEvent,
    input: {} as SessionInput,
  },
  delays: {
    idleTimeout: ({ context }) => context.idleTimeoutMs,
    countdownTick: 1000,
  },
  actions: {
    wipeVisit: assign(({ context }) => visitDefaults(context)),
    startCountdown: assign(({ context }) => ({ secondsLeft: context.countdownSeconds })),
    tick: assign(({ context }) => ({ secondsLeft: Math.max(0, context.secondsLeft - 1) })),
    setLocale: assign((_, params: { locale: Locale }) => ({ locale: params.locale })),
  },
  guards: {
    countdownOver: ({ context }) => context.secondsLeft <= 1,
  },
}).createMachine({
  id: 'session',
  context: ({ input }) => {
    const defaultLocale = input.locale ?? 'zh-CN';
    const countdownSeconds = input.idleCountdownSeconds ?? 20;
    return { idleTimeoutMs: (input.idleTimeoutSeconds ?? 90) * 1000, countdownSeconds, defaultLocale, ...visitDefaults({ defaultLocale, countdownSeconds }) };
  },
  initial: 'attract',
  states: {
    attract: {
      tags: ['attract'],
      entry: 'wipeVisit',
      on: {
        'user.touch': 'visit',
        'user.locale': { actions: { type: 'setLocale', params: ({ event }) => ({ locale: event.locale }) } },
      },
    },
    visit: {
      type: 'parallel',
      on: {
        'idle.timeout': 'attract',
        'user.finish': 'attract',
        'user.locale': { actions: { type: 'setLocale', params: ({ event }) => ({ locale: event.locale }) } },
      },
      states: {
        screen: {
          initial: 'home',
          states: {
            home: { tags: ['home'] },
          },
          on: { 'user.home': '.home' },
        },
        idle: {
          initial: 'watching',
          states: {
            watching: {
              after: { idleTimeout: 'countdown' },
              on: { 'user.activity': { target: 'watching', reenter: true } },
            },
            countdown: {
              tags: ['countdown'],
              entry: 'startCountdown',
              initial: 'running',
              states: {
                running: {
                  after: {
                    countdownTick: [
                      { guard: 'countdownOver', actions: raise({ type: 'idle.timeout' }) },
                      { target: 'running', reenter: true, actions: 'tick' },
                    ],
                  },
                },
              },
              // Only "continue" ends the countdown. The overlay covers the screen and sends it for a touch anywhere
              // on it; a bare activity event must not, or the overlay would vanish under the finger mid-tap.
              on: { 'user.continue': 'watching' },
            },
          },
        },
      },
    },
  },
});
