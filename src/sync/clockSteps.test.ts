// Issue 15 §2: the wall clock steps (back a year, forward a day) while applications are queued. The engine runs
// on the monotonic clock (monotonicClock.ts), driven here by a manual clock that plays the part of
// performance.now() and the platform's timers, while the wall clock (createdAt, receipts) is stepped by hand.
// Every due row goes on the next pass, none goes twice, and a lease ends when it should, whatever the wall says.
import { describe, expect, it } from 'vitest';
import type { BatchRequest } from '../domain/hubApi';
import { createManualClock } from '../../tests/sync/helpers/manualClock';
import { createMemoryHub } from '../../tests/sync/helpers/memoryHub';
import { createTestKiosk } from '../../tests/sync/helpers/kiosk';
import { createSyncEngine } from './engine';
import { wireSize } from './deliver';
import { createMonotonicClock } from './monotonicClock';

const day = 24 * 3_600_000;
const year = 365 * day;
const leaseMs = 120_000;

async function setup() {
  const mono = createManualClock();
  let wallOffset = 0;
  const wall = () => mono.now() + wallOffset;
  const kiosk = await createTestKiosk({ now: wall });
  const hub = createMemoryHub();
  /** How many requests each id was in while the hub was up. */
  const sends = new Map<string, number>();
  const requests: number[] = [];
  const link = {
    sendBatch: async (request: BatchRequest) => {
      if (hub.mode === 'up') {
        requests.push(request.items.length);
        for (const item of request.items) sends.set(item.id, (sends.get(item.id) ?? 0) + 1);
      }
      return hub.sendBatch(request);
    },
  };
  const makeEngine = () => {
    const clock = createMonotonicClock({ wallNow: wall, monoNow: mono.now, timers: mono });
    return { clock, engine: createSyncEngine({ store: kiosk.store, hub: link, clock, random: () => 0.5, pollMs: 60_000, leaseMs }) };
  };
  const stepWall = (ms: number) => {
    wallOffset += ms;
  };
  return { mono, wall, kiosk, hub, sends, requests, makeEngine, stepWall };
}

const statusOf = async (kiosk: Awaited<ReturnType<typeof createTestKiosk>>, ids: string[]) => Promise.all(ids.map(async (id) => (await kiosk.db.outbox.get(id))?.status));

describe('wall clock steps while applications are queued', () => {
  it('sends every due row on the next pass and each once, and leases end on monotonic time', async () => {
    const { mono, kiosk, hub, sends, requests, makeEngine, stepWall } = await setup();
    const { engine, clock } = makeEngine();
    hub.mode = 'down';
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await kiosk.submit()).id);
    await engine.start();
    await engine.idle();
    expect(engine.status().state).toBe('backingOff');

    stepWall(-year); // a dead RTC battery, or a technician's typo
    for (let i = 0; i < 2; i++) ids.push((await kiosk.submit()).id);
    stepWall(year + day); // NTP overshoots: now a day ahead of where it started
    for (let i = 0; i < 2; i++) ids.push((await kiosk.submit()).id);
    engine.wake('enqueue');
    await engine.idle();

    hub.mode = 'up';
    mono.advance((mono.nextTimerAt() as number) - mono.now()); // the end of the backoff: the next pass
    await engine.idle();
    expect(requests).toEqual([7]); // all seven in that one pass, the day-ahead ones included
    expect(await statusOf(kiosk, ids)).toEqual(Array(7).fill('accepted'));
    expect([...sends.values()]).toEqual(Array(7).fill(1));

    // A crashed pass holds two rows; the wall goes back a year and forward two days while the lease runs.
    const held = [(await kiosk.submit()).id, (await kiosk.submit()).id];
    const claimedAt = clock.now();
    // What a pass does first: the two were stamped by the wall clock, a day ahead of the engine's clock.
    await kiosk.store.undoClockStepBack(claimedAt, { maxDelayMs: 300_000, leaseMs });
    const claim = await kiosk.store.claimDue({ now: claimedAt, leaseMs, maxItems: 100, maxBytes: 1e6, sizeOf: wireSize });
    expect(claim.rows.map((row) => row.id)).toEqual(held);
    stepWall(-year);
    mono.advance(60_000); // the poll pass: the lease holds
    await engine.idle();
    expect(await statusOf(kiosk, held)).toEqual(['sending', 'sending']);
    stepWall(year + 2 * day);
    mono.advance(59_999);
    engine.wake('manual');
    await engine.idle();
    expect(await statusOf(kiosk, held)).toEqual(['sending', 'sending']); // one ms before the lease ends
    expect(clock.now()).toBe(claimedAt + leaseMs - 1);
    mono.advance(1);
    engine.wake('manual');
    await engine.idle();
    expect(await statusOf(kiosk, held)).toEqual(['accepted', 'accepted']);
    expect(held.map((id) => sends.get(id))).toEqual([1, 1]);
    expect(hub.stored.size).toBe(9);
    await engine.stop();
  });

  it.each([
    ['back one year', -year],
    ['forward one day', day],
  ])('after a restart with the wall stepped %s: queued rows go on the first pass, a held lease ends within one lease', async (_name, step) => {
    const { mono, kiosk, hub, sends, makeEngine, stepWall } = await setup();
    const first = makeEngine();
    // A row struck once (its retry a backoff ahead), rows merely queued, and two rows a crashed pass holds.
    const struck = (await kiosk.submit()).id;
    hub.poison.add(struck);
    await first.engine.start();
    await first.engine.idle();
    await first.engine.stop();
    hub.poison.clear();
    expect(await kiosk.db.outbox.get(struck)).toMatchObject({ status: 'queued', strikes: 1 });
    const held = [(await kiosk.submit()).id, (await kiosk.submit()).id];
    await kiosk.store.claimDue({ now: first.clock.now(), leaseMs, maxItems: 2, maxBytes: 1e6, sizeOf: wireSize });
    expect(await statusOf(kiosk, held)).toEqual(['sending', 'sending']);
    const queued = [(await kiosk.submit()).id, (await kiosk.submit()).id];

    stepWall(step);
    const second = makeEngine(); // a new page: its clock starts from the stepped wall
    await second.engine.start();
    await second.engine.idle();
    expect(await statusOf(kiosk, queued)).toEqual(['accepted', 'accepted']);
    const restartedAt = second.clock.now();
    for (let i = 0; i < 5 && second.engine.status().sending + second.engine.status().queued > 0; i++) {
      mono.advance((mono.nextTimerAt() as number) - mono.now());
      await second.engine.idle();
    }
    expect(second.clock.now() - restartedAt).toBeLessThanOrEqual(leaseMs);
    expect(await statusOf(kiosk, [struck, ...held])).toEqual(['accepted', 'accepted', 'accepted']);
    // Each application counted once at the hub; none sent twice after the restart.
    expect(hub.stored.size).toBe(5);
    expect([...queued, ...held].map((id) => sends.get(id))).toEqual([1, 1, 1, 1]);
    await second.engine.stop();
  });
});
