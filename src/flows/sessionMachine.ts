// The resident session (DESIGN.md §7): the attract screen, the screens of one visit, and the idle rule that
// ends a visit. A kiosk is shared by strangers, so leaving a visit — by timeout or by "finish" — always goes
// through `attract`, whose entry wipes everything the visit put into the context, and stops the child flows
// (apply, my applications, the rating) so that their card data and form answers go with them. What a visit
// holds is in visit.ts.
import { assign, raise, setup } from 'xstate';
import type { ServiceItem } from '../domain/catalog';
import { systemClock } from '../domain/clock';
import { applyMachine } from './applyMachine';
import type { ApplyOutput } from './applyMachine';
import { myAppsMachine } from './myAppsMachine';
import { portActors } from './ports';
import { ratingMachine } from './ratingMachine';
import { visitDefaults, type BrowseBy, type HomeChoice, type SessionContext, type SessionEvent, type SessionInput } from './visit';

/** The item on screen; the `knownItem` guard makes sure it exists before any state that calls this. */
export const currentItem = (context: Pick<SessionContext, 'catalog' | 'itemId'>): ServiceItem => context.catalog.find((i) => i.id === context.itemId)!;

const browseByChoice: Partial<Record<HomeChoice, BrowseBy>> = { byCity: 'city', byDepartment: 'department', byLifeEvent: 'lifeEvent' };

export const sessionMachine = setup({
  types: { context: {} as SessionContext, events: {} as SessionEvent, input: {} as SessionInput },
  actors: { ...portActors, apply: applyMachine, myApps: myAppsMachine, rating: ratingMachine },
  delays: {
    // Elder mode doubles both the quiet time and the countdown: reading and finding the card take longer.
    idleTimeout: ({ context }) => context.idleTimeoutMs * (context.elder ? 2 : 1),
    countdownTick: 1000,
  },
  actions: {
    wipeVisit: assign(({ context }) => visitDefaults(context)),
    startCountdown: assign(({ context }) => ({ secondsLeft: context.countdownSeconds * (context.elder ? 2 : 1) })),
    tick: assign(({ context }) => ({ secondsLeft: Math.max(0, context.secondsLeft - 1) })),
    preferences: assign(({ context, event }) => {
      if (event.type === 'user.locale') return { locale: event.locale };
      // Elder mode turns voice guidance on with it (it can still be switched off); leaving it keeps the choice.
      if (event.type === 'user.elder') return { elder: event.on, voice: event.on || context.voice };
      if (event.type === 'user.voice') return { voice: event.on };
      return {};
    }),
  },
  guards: {
    countdownOver: ({ context }) => context.secondsLeft <= 1,
    isSearch: ({ event }) => event.type === 'home.choose' && event.choice === 'search',
    isMyApplications: ({ event }) => event.type === 'home.choose' && event.choice === 'myApplications',
    inGroup: ({ context }) => context.groupKey !== null,
    hasCity: ({ context }) => context.city !== null,
    cameFromSearch: ({ context }) => context.guideFrom === 'search',
    cameFromHome: ({ context }) => context.guideFrom === 'home',
    knownItem: ({ context, event }) => event.type === 'browse.item' && context.catalog.some((i) => i.id === event.id),
    submitted: ({ event }) => (event as unknown as { output: ApplyOutput }).output.status === 'submitted',
  },
}).createMachine({
  id: 'session',
  context: ({ input }) => {
    const defaultLocale = input.locale ?? 'zh-CN';
    const countdownSeconds = input.idleCountdownSeconds ?? 20;
    return { catalog: input.catalog, clock: input.clock ?? systemClock, idleTimeoutMs: (input.idleTimeoutSeconds ?? 90) * 1000, countdownSeconds, defaultLocale, ...visitDefaults({ defaultLocale, countdownSeconds }) };
  },
  initial: 'attract',
  on: { 'user.locale': { actions: 'preferences' }, 'user.elder': { actions: 'preferences' }, 'user.voice': { actions: 'preferences' } },
  states: {
    attract: {
      tags: ['attract'],
      entry: 'wipeVisit',
      on: { 'user.touch': 'visit' },
    },
    visit: {
      type: 'parallel',
      on: { 'idle.timeout': 'attract', 'user.finish': 'attract' },
      states: {
        screen: {
          initial: 'home',
          on: { 'user.home': '.home' },
          states: {
            home: {
              tags: ['home'],
              entry: assign({ city: null, groupKey: null, itemId: null, query: '', guidePrint: 'idle' }),
              on: {
                'home.choose': [
                  { guard: 'isSearch', target: 'search' },
                  { guard: 'isMyApplications', target: 'myApps' },
                  { target: 'browse', actions: assign(({ event }) => ({ browseBy: browseByChoice[event.choice] ?? 'city' })) },
                ],
                // 常办事项: straight to the guide; the handling city is asked when the resident applies.
                'browse.item': { guard: 'knownItem', target: 'guide', actions: assign(({ event }) => ({ itemId: event.id, guideFrom: 'home' as const, guidePrint: 'idle' as const })) },
              },
            },
            browse: {
              tags: ['browse'],
              on: {
                'browse.city': { actions: assign(({ event }) => ({ city: event.city, groupKey: null })) },
                'browse.group': { actions: assign(({ event }) => ({ groupKey: event.key })) },
                'browse.item': { guard: 'knownItem', target: 'guide', actions: assign(({ event }) => ({ itemId: event.id, guideFrom: 'browse' as const, guidePrint: 'idle' as const })) },
                'user.back': [
                  { guard: 'inGroup', actions: assign({ groupKey: null }) },
                  { guard: 'hasCity', actions: assign({ city: null }) },
                  { target: 'home' },
                ],
              },
            },
            search: {
              tags: ['search'],
              on: {
                'search.query': { actions: assign(({ event }) => ({ query: event.query.slice(0, 64) })) },
                'browse.item': { guard: 'knownItem', target: 'guide', actions: assign(({ event }) => ({ itemId: event.id, guideFrom: 'search' as const, guidePrint: 'idle' as const })) },
                'user.back': 'home',
              },
            },
            guide: {
              tags: ['guide'],
              on: {
                'guide.apply': [{ guard: 'hasCity', target: 'apply' }, { target: 'pickCity' }],
                'guide.print': '.printing',
                'guide.done': { target: 'rating', actions: assign({ rated: { applicationId: null, receiptNo: null } }) },
                'user.back': [{ guard: 'cameFromSearch', target: 'search' }, { guard: 'cameFromHome', target: 'home' }, { target: 'browse' }],
              },
              initial: 'reading',
              states: {
                reading: {},
                printing: {
                  entry: assign({ guidePrint: 'printing' }),
                  invoke: {
                    src: 'printGuide',
                    input: ({ context }) => ({ item: currentItem(context), city: context.city, locale: context.locale }),
                    onDone: { target: 'reading', actions: assign(({ event }) => ({ guidePrint: event.output })) },
                    onError: { target: 'reading', actions: assign({ guidePrint: 'failed' as const }) },
                  },
                },
              },
            },
            pickCity: {
              // The handling city of an item found by search (where the matter belongs, not where the kiosk is).
              tags: ['pickCity'],
              on: { 'browse.city': { target: 'apply', actions: assign(({ event }) => ({ city: event.city })) }, 'user.back': 'guide' },
            },
            apply: {
              tags: ['apply'],
              invoke: {
                id: 'apply',
                src: 'apply',
                input: ({ context }) => ({ item: currentItem(context), city: context.city!, locale: context.locale, clock: context.clock }),
                onDone: [
                  {
                    guard: 'submitted',
                    target: 'rating',
                    actions: assign(({ event }) => {
                      const { applicationId, receiptNo } = event.output as { applicationId: string; receiptNo: string };
                      return { rated: { applicationId, receiptNo } };
                    }),
                  },
                  { target: 'guide' },
                ],
              },
            },
            rating: {
              // The visit ends with the rating, rated or skipped: the next resident starts at the attract screen.
              tags: ['rating'],
              invoke: {
                id: 'rating',
                src: 'rating',
                input: ({ context }) => ({ serviceId: context.itemId!, ...context.rated, autoLeave: true }),
                onDone: { actions: raise({ type: 'user.finish' }) },
              },
            },
            myApps: {
              tags: ['myApps'],
              invoke: { id: 'myApps', src: 'myApps', input: ({ context }) => ({ locale: context.locale }), onDone: 'home' },
              on: { 'user.back': 'home' },
            },
          },
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

/** The session with real ports: given to the session itself and to the child flows it starts. */
export function withPorts(ports: Partial<typeof portActors>) {
  const rating = ratingMachine.provide({ actors: ports });
  return sessionMachine.provide({
    actors: { ...ports, apply: applyMachine.provide({ actors: ports }), myApps: myAppsMachine.provide({ actors: { ...ports, rating } }), rating },
  });
}
