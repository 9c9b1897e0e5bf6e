// The relaunch policy with a stand-in child process and hand-driven timers; tests/bridge/chromiumRelaunch.test.ts
// kills a real Chromium.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createHealthBoard } from '../host/healthBoard';
import { createLogger } from '../host/log';
import { relaunchDelay, superviseChromium } from './chromiumSupervisor';
import type { SupervisedChromium, Timers } from './chromiumSupervisor';

function harness() {
  let now = 0;
  const due: { at: number; run: () => void; id: number }[] = [];
  let nextId = 0;
  const timers: Timers = {
    set: (run, ms) => {
      const id = ++nextId;
      due.push({ at: now + ms, run, id });
      return id;
    },
    clear: (id) => {
      const index = due.findIndex((t) => t.id === id);
      if (index >= 0) due.splice(index, 1);
    },
  };
  /** Moves the clock forward, running every timer that falls due on the way. */
  const advance = (ms: number) => {
    const until = now + ms;
    for (;;) {
      due.sort((a, b) => a.at - b.at);
      const next = due[0];
      if (!next || next.at > until) break;
      due.shift();
      now = next.at;
      next.run();
    }
    now = until;
  };
  interface FakeLaunch {
    process: EventEmitter & { killed: string[] };
    forgotten: number;
  }
  const launched: FakeLaunch[] = [];
  const launch = (): SupervisedChromium => {
    const child = Object.assign(new EventEmitter(), { killed: [] as string[], pid: 1000 + launched.length, kill: (signal: string) => child.killed.push(signal) > 0 });
    const entry = { process: child, forgotten: 0, forgetLaunchPage: () => void entry.forgotten++ };
    launched.push(entry);
    return entry as unknown as SupervisedChromium;
  };
  const lines: string[] = [];
  const log = createLogger('test', { write: (line) => lines.push(line) });
  const health = createHealthBoard();
  return { timers, advance, launched, launch, log, lines, health, clock: { now: () => now } };
}

describe('relaunchDelay', () => {
  it('doubles from 1 s and stops at 60 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map((n) => relaunchDelay(n))).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000]);
  });
});

describe('superviseChromium', () => {
  it('relaunches a Chromium that crashed, with growing delays, and tells the hub through the health board', () => {
    const h = harness();
    const supervisor = superviseChromium({ launch: h.launch, log: h.log, health: h.health, clock: h.clock, timers: h.timers });
    expect(h.launched).toHaveLength(1);
    h.launched[0]!.process.emit('exit', null, 'SIGKILL');
    expect(h.launched[0]!.forgotten).toBe(1); // the launch page (it carried the secret) is deleted
    expect(h.health.snapshot().browser).toEqual({ status: 'degraded', detail: 'relaunched count=1 inARow=1' });
    h.advance(999);
    expect(h.launched).toHaveLength(1);
    h.advance(1);
    expect(h.launched).toHaveLength(2);
    h.launched[1]!.process.emit('exit', 1, null);
    h.advance(1999);
    expect(h.launched).toHaveLength(2);
    h.advance(1);
    expect(h.launched).toHaveLength(3);
    expect(supervisor.relaunches()).toBe(2);
    expect(h.lines.filter((l) => l.includes('chromium exited; relaunching')).map((l) => JSON.parse(l) as Record<string, unknown>)).toMatchObject([
      { signal: 'SIGKILL', attempt: 1, ms: 1000 },
      { code: 1, attempt: 2, ms: 2000 },
    ]);
  });

  it('a window that stayed up 5 minutes resets the backoff and clears the warning', () => {
    const h = harness();
    superviseChromium({ launch: h.launch, log: h.log, health: h.health, clock: h.clock, timers: h.timers });
    h.launched[0]!.process.emit('exit', null, 'SIGSEGV');
    h.advance(1000);
    h.launched[1]!.process.emit('exit', null, 'SIGSEGV');
    h.advance(2000);
    expect(h.launched).toHaveLength(3);
    h.advance(5 * 60_000);
    expect(h.health.snapshot().browser).toEqual({ status: 'ok' });
    h.launched[2]!.process.emit('exit', null, 'SIGSEGV');
    h.advance(1000);
    expect(h.launched).toHaveLength(4); // back to the first delay
  });

  it('keeps trying when Chromium cannot even be started', () => {
    const h = harness();
    let fail = 2;
    const launch = () => {
      if (fail-- > 0) throw new Error('Chromium not found');
      return h.launch();
    };
    superviseChromium({ launch, log: h.log, clock: h.clock, timers: h.timers });
    expect(h.launched).toHaveLength(0);
    h.advance(1000 + 2000);
    expect(h.launched).toHaveLength(1);
    expect(h.lines.filter((l) => l.includes('chromium could not be started'))).toHaveLength(2);
  });

  it('stop() ends the window and relaunches nothing afterwards', () => {
    const h = harness();
    const supervisor = superviseChromium({ launch: h.launch, log: h.log, clock: h.clock, timers: h.timers });
    supervisor.stop();
    expect(h.launched[0]!.process.killed).toEqual(['SIGTERM']);
    h.launched[0]!.process.emit('exit', null, 'SIGTERM');
    h.advance(120_000);
    expect(h.launched).toHaveLength(1);
    expect(supervisor.current()).toBeUndefined();
  });
});
