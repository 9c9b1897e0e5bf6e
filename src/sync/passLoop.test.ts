import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../tests/sync/helpers/manualClock';
import { bestEffort, createPassLoop, createStatusStream } from './passLoop';

describe('status stream', () => {
  it('tells every listener each new value, and a throwing listener stops no one', () => {
    const stream = createStatusStream({ state: 'idle', count: 0 });
    const seen: number[] = [];
    stream.subscribe((s) => {
      if (s.count > 0) throw new Error('broken listener'); // the first call, inside subscribe, is the caller's to catch
    });
    const unsubscribe = stream.subscribe((s) => seen.push(s.count));
    stream.publish({ count: 1 });
    unsubscribe();
    stream.publish({ count: 2 });
    expect(seen).toEqual([0, 1]);
    expect(stream.current()).toEqual({ state: 'idle', count: 2 });
  });

  it('swallows a throwing event handler', () => {
    const emit = bestEffort<string>(() => {
      throw new Error('broken handler');
    });
    expect(() => emit('x')).not.toThrow();
    expect(() => bestEffort<string>(undefined)('x')).not.toThrow();
  });
});

function setup(passResults: Array<number | Error>) {
  const clock = createManualClock(0);
  const log: string[] = [];
  const loop = createPassLoop<number>({
    clock,
    random: () => 0.5,
    backoff: { baseMs: 1_000, capMs: 8_000 },
    async pass() {
      const next = passResults.shift() ?? 0;
      log.push(`pass@${clock.now()}`);
      await Promise.resolve(); // a wake while this pass runs must wait for it
      if (next instanceof Error) throw next;
      return next;
    },
    onPassError: (error) => log.push(`error:${(error as Error).message}`),
    afterPasses: (last) => {
      log.push(`after:${last}`);
      loop.schedule(clock.now() + 10_000);
    },
  });
  return { clock, log, loop };
}

describe('pass loop', () => {
  it('runs one pass at a time: a wake during a pass asks for exactly one more', async () => {
    const { log, loop } = setup([1, 2, 3]);
    expect(loop.start()).toBe(true);
    expect(loop.start()).toBe(false);
    loop.wake();
    loop.wake();
    loop.wake();
    await loop.idle();
    expect(log).toEqual(['pass@0', 'pass@0', 'after:2']);
    await loop.stop();
  });

  it('wakes itself on the scheduled timer, and a failed pass does not stop it', async () => {
    const { clock, log, loop } = setup([new Error('store'), 5]);
    loop.start();
    loop.wake();
    await loop.idle();
    expect(log).toEqual(['pass@0', 'error:store', 'after:undefined']);
    clock.advance(10_000);
    await loop.idle();
    expect(log.slice(3)).toEqual(['pass@10000', 'after:5']);
    await loop.stop();
  });

  it('backs off with jitter, doubling per failure in a row, until told to forget', async () => {
    const { loop } = setup([]);
    loop.start();
    expect(loop.backOff(100)).toBe(500);
    expect(loop.pausedUntil()).toBe(600);
    expect(loop.backOff(100)).toBe(1_000);
    loop.forgetFailures();
    expect(loop.pausedUntil()).toBe(1_100); // the pause in force stays
    expect(loop.backOff(100)).toBe(500);
    loop.wake(true);
    expect(loop.pausedUntil()).toBe(0);
    await loop.idle();
    await loop.stop();
  });

  it('does nothing once stopped: no pass on wake, no timer left', async () => {
    const { clock, log, loop } = setup([1]);
    loop.start();
    loop.wake();
    await loop.idle();
    await loop.stop();
    expect(loop.stopped).toBe(true);
    loop.wake();
    clock.advance(60_000);
    await loop.idle();
    expect(log).toEqual(['pass@0', 'after:1']);
    expect(clock.pendingTimers()).toBe(0);
  });
});
