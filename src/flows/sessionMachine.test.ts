import { describe, expect, it } from 'vitest';
import { createActor, SimulatedClock } from 'xstate';
import { bundledCatalog } from '../domain/catalogData';
import { sessionMachine } from './sessionMachine';

const catalog = bundledCatalog().items;

// SimulatedClock fires only the timers due at the moment it moves to; timers they schedule wait for the next
// move. Stepping in 500 ms moves lets the countdown's one-second ticks run as they would in real time.
function advance(clock: SimulatedClock, ms: number) {
  for (let left = ms; left > 0; left -= 500) clock.increment(Math.min(500, left));
}

function start(settings: { idleTimeoutSeconds?: number; idleCountdownSeconds?: number } = { idleTimeoutSeconds: 60, idleCountdownSeconds: 10 }) {
  const clock = new SimulatedClock();
  const actor = createActor(sessionMachine, { input: { catalog, ...settings }, clock }).start();
  return { clock: { increment: (ms: number) => advance(clock, ms) }, actor, tags: () => [...actor.getSnapshot().tags].sort() };
}

describe('session machine', () => {
  it('starts on the attract screen and opens home on a touch', () => {
    const { actor, tags } = start();
    expect(tags()).toEqual(['attract']);
    actor.send({ type: 'user.touch' });
    expect(tags()).toEqual(['home']);
  });

  it('stays on the attract screen however long nobody touches it', () => {
    const { actor, clock, tags } = start();
    clock.increment(3_600_000);
    expect(tags()).toEqual(['attract']);
    expect(actor.getSnapshot().status).toBe('active');
  });

  it('shows a countdown after the idle timeout, counting down each second, then returns to attract', () => {
    const { actor, clock, tags } = start();
    actor.send({ type: 'user.touch' });
    clock.increment(59_999);
    expect(tags()).toEqual(['home']);
    clock.increment(1);
    expect(tags()).toEqual(['countdown', 'home']);
    expect(actor.getSnapshot().context.secondsLeft).toBe(10);
    clock.increment(3_000);
    expect(actor.getSnapshot().context.secondsLeft).toBe(7);
    clock.increment(7_000);
    expect(tags()).toEqual(['attract']);
  });

  it('gives elder mode twice the idle time and twice the countdown', () => {
    const { actor, clock, tags } = start();
    actor.send({ type: 'user.touch' });
    actor.send({ type: 'user.elder', on: true });
    actor.send({ type: 'user.activity' });
    clock.increment(119_999);
    expect(tags()).toEqual(['home']);
    clock.increment(1);
    expect(tags()).toEqual(['countdown', 'home']);
    expect(actor.getSnapshot().context.secondsLeft).toBe(20);
    clock.increment(19_000);
    expect(tags()).toContain('countdown');
    clock.increment(1_000);
    expect(tags()).toEqual(['attract']);
  });

  it('starts in elder mode with voice from the attract screen, and opens a common item from home', () => {
    const { actor, tags } = start();
    actor.send({ type: 'user.elder', on: true });
    actor.send({ type: 'user.touch' });
    expect(tags()).toEqual(['home']);
    expect(actor.getSnapshot().context).toMatchObject({ elder: true, voice: true });
    actor.send({ type: 'browse.item', id: 'WHMA-YB-01' });
    expect(tags()).toEqual(['guide']);
    actor.send({ type: 'user.back' });
    expect(tags()).toEqual(['home']);
    actor.send({ type: 'browse.item', id: 'NOT-AN-ITEM' });
    expect(tags()).toEqual(['home']);
  });

  it('restarts the idle timer on every activity', () => {
    const { actor, clock, tags } = start();
    actor.send({ type: 'user.touch' });
    for (let i = 0; i < 5; i++) {
      clock.increment(50_000);
      actor.send({ type: 'user.activity' });
    }
    expect(tags()).toEqual(['home']);
    clock.increment(60_000);
    expect(tags()).toContain('countdown');
  });

  it('a stray activity does not hide the countdown; only "continue" does', () => {
    const { actor, clock, tags } = start();
    actor.send({ type: 'user.touch' });
    clock.increment(61_000);
    actor.send({ type: 'user.activity' });
    expect(tags()).toContain('countdown');
  });

  it('"continue" during the countdown gives the full idle time back', () => {
    const { actor, clock, tags } = start();
    actor.send({ type: 'user.touch' });
    clock.increment(65_000);
    expect(tags()).toContain('countdown');
    actor.send({ type: 'user.continue' });
    expect(tags()).toEqual(['home']);
    clock.increment(59_000);
    expect(tags()).toEqual(['home']);
    clock.increment(1_000);
    expect(tags()).toContain('countdown');
    expect(actor.getSnapshot().context.secondsLeft).toBe(10);
  });

  it('wipes what the visit changed when it returns to attract', () => {
    const { actor, clock } = start();
    actor.send({ type: 'user.touch' });
    actor.send({ type: 'user.locale', locale: 'en' });
    expect(actor.getSnapshot().context.locale).toBe('en');
    clock.increment(70_000);
    expect(actor.getSnapshot().hasTag('attract')).toBe(true);
    const { catalog: _catalog, ...context } = actor.getSnapshot().context;
    expect(context).toMatchObject({ idleTimeoutMs: 60_000, countdownSeconds: 10, defaultLocale: 'zh-CN', locale: 'zh-CN', secondsLeft: 10, elder: false, itemId: null });
  });

  it('"finish" ends the visit at once', () => {
    const { actor, tags } = start();
    actor.send({ type: 'user.touch' });
    actor.send({ type: 'user.finish' });
    expect(tags()).toEqual(['attract']);
  });

  it('uses 90 s and 20 s when the settings say nothing', () => {
    const { actor, clock, tags } = start({});
    actor.send({ type: 'user.touch' });
    clock.increment(89_999);
    expect(tags()).toEqual(['home']);
    clock.increment(1);
    expect(actor.getSnapshot().context.secondsLeft).toBe(20);
  });
});
