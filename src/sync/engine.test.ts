import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../tests/sync/helpers/manualClock';
import { createMemoryHub } from '../../tests/sync/helpers/memoryHub';
import { createTestKiosk } from '../../tests/sync/helpers/kiosk';
import { createSyncEngine } from './engine';
import type { SyncEngineOptions, SyncEvent, SyncStatus } from './engine';

async function setup(overrides: Partial<SyncEngineOptions> = {}) {
  const clock = createManualClock();
  const kiosk = await createTestKiosk({ now: clock.now });
  const hub = createMemoryHub();
  const events: SyncEvent[] = [];
  const statuses: SyncStatus[] = [];
  let draws = 0;
  const engine = createSyncEngine({
    store: kiosk.store,
    hub,
    clock,
    random: () => [0.5, 0.25, 0.75][draws++ % 3] as number,
    pollMs: 60_000,
    onEvent: (e) => events.push(e),
    ...overrides,
  });
  engine.subscribe((s) => statuses.push(s));
  /** Moves the clock and waits for whatever pass that starts. */
  const advance = async (ms: number) => {
    clock.advance(ms);
    await engine.idle();
  };
  return { clock, kiosk, hub, engine, events, statuses, advance };
}

describe('sync engine', () => {
  it('drains the queue in bounded batches, each application once, and reports the last success', async () => {
    const { kiosk, hub, engine } = await setup({ maxBatchItems: 10 });
    for (let i = 0; i < 25; i++) await kiosk.submit();
    await engine.start();
    await engine.idle();
    expect(hub.calls).toEqual([10, 10, 5]);
    expect(hub.stored.size).toBe(25);
    expect(engine.status()).toMatchObject({ state: 'idle', queued: 0, sending: 0, quarantined: 0 });
    expect(engine.status().lastSuccessAt).not.toBeNull();
    const rows = await kiosk.db.outbox.toArray();
    expect(rows.every((r) => r.status === 'accepted' && r.caseNo?.startsWith('CASE-') && r.attempts === 1)).toBe(true);
    await engine.stop();
  });

  it('keeps batches under the byte bound', async () => {
    const { kiosk, hub, engine } = await setup({ maxBatchBytes: 1_500 });
    for (let i = 0; i < 6; i++) await kiosk.submit();
    await engine.start();
    await engine.idle();
    expect(hub.stored.size).toBe(6);
    expect(Math.max(...hub.calls)).toBeLessThan(6);
    await engine.stop();
  });

  it('wakes on enqueue', async () => {
    const { kiosk, hub, engine } = await setup();
    await engine.start();
    await engine.idle();
    await kiosk.submit();
    expect(hub.stored.size).toBe(0);
    engine.wake('enqueue');
    await engine.idle();
    expect(hub.stored.size).toBe(1);
    await engine.stop();
  });

  it('backs off with growing jittered waits while the hub is unreachable, keeps every row, and retries on the timer', async () => {
    const { kiosk, hub, engine, events, advance, clock } = await setup({ networkBackoff: { baseMs: 1_000, capMs: 8_000 } });
    for (let i = 0; i < 3; i++) await kiosk.submit();
    hub.mode = 'down';
    await engine.start();
    await engine.idle();
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      const last = events.filter((e) => e.type === 'unreachable').at(-1);
      if (last?.type === 'unreachable') waits.push(last.retryInMs);
      const nextAt = clock.nextTimerAt() as number;
      await advance(nextAt - clock.now());
    }
    // Full jitter with draws 0.5, 0.25, 0.75, …: half, a quarter, three quarters of 1 s, 2 s, 4 s, 8 s (cap).
    expect(waits).toEqual([500, 500, 3_000, 4_000, 2_000, 6_000]);
    expect(engine.status()).toMatchObject({ state: 'backingOff', queued: 3, quarantined: 0 });
    expect(engine.status().lastError?.message).toMatch(/^transport: connection/);
    expect(hub.calls.length).toBe(7);
    hub.mode = 'up';
    await advance((clock.nextTimerAt() as number) - clock.now());
    expect(hub.stored.size).toBe(3);
    expect(engine.status()).toMatchObject({ state: 'idle', queued: 0 });
    await engine.stop();
  });

  it('treats 5xx as "try later", never as the rows’ fault', async () => {
    const { kiosk, hub, engine } = await setup({ maxStrikes: 1 });
    await kiosk.submit();
    hub.mode = 'error500';
    await engine.start();
    await engine.idle();
    expect(engine.status()).toMatchObject({ queued: 1, quarantined: 0 });
    await engine.stop();
  });

  it('retries at once when the network comes back, forgetting the backoff', async () => {
    const { kiosk, hub, engine } = await setup({ networkBackoff: { baseMs: 60_000, capMs: 600_000 } });
    await kiosk.submit();
    hub.mode = 'down';
    await engine.start();
    await engine.idle();
    hub.mode = 'up';
    engine.wake('enqueue'); // still backing off: waits
    await engine.idle();
    expect(hub.stored.size).toBe(0);
    engine.wake('online');
    await engine.idle();
    expect(hub.stored.size).toBe(1);
    await engine.stop();
  });

  it('isolates a poisoned row by splitting the batch, quarantines it after K strikes, and delivers the rest', async () => {
    const { kiosk, hub, engine, events, advance, clock } = await setup({ maxStrikes: 3 });
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) ids.push((await kiosk.submit()).id);
    hub.poison.add(ids[5] as string);
    await engine.start();
    await engine.idle();
    expect(hub.stored.size).toBe(7);
    for (let i = 0; i < 5 && engine.status().quarantined === 0; i++) await advance((clock.nextTimerAt() as number) - clock.now());
    const poisoned = await kiosk.db.outbox.get(ids[5] as string);
    expect(poisoned).toMatchObject({ status: 'quarantined', strikes: 2, lastError: 'hub_refused_400: bad_request (3 times)' });
    expect(events).toContainEqual({ type: 'quarantined', id: ids[5], reason: 'hub_refused_400: bad_request (3 times)' });
    expect(engine.status()).toMatchObject({ queued: 0, quarantined: 1 });
    await engine.stop();
  });

  it('quarantines what the hub rejects or finds in conflict, at once, and reports it', async () => {
    const { kiosk, hub, engine, events } = await setup();
    const rejected = await kiosk.submit();
    const conflicting = await kiosk.submit();
    const fine = await kiosk.submit();
    hub.reject.add(rejected.id);
    hub.stored.set(conflicting.id, { content: 'something else', caseNo: 'CASE-0' });
    await engine.start();
    await engine.idle();
    const rows = await kiosk.db.outbox.bulkGet([rejected.id, conflicting.id, fine.id]);
    expect(rows.map((r) => [r?.status, r?.lastError])).toEqual([
      ['quarantined', 'hub_rejected: service_closed'],
      ['quarantined', 'hub_conflict: different_content'],
      ['accepted', null],
    ]);
    expect(events.filter((e) => e.type === 'quarantined')).toHaveLength(2);
    await engine.stop();
  });

  it('strikes a row the hub leaves out of its answer, and retries it later', async () => {
    const { kiosk, hub, engine, advance, clock } = await setup();
    const left = await kiosk.submit();
    hub.omit.add(left.id);
    await engine.start();
    await engine.idle();
    expect(await kiosk.db.outbox.get(left.id)).toMatchObject({ status: 'queued', strikes: 1, strikeReason: 'missing_result' });
    hub.omit.clear();
    await advance((clock.nextTimerAt() as number) - clock.now());
    expect(await kiosk.db.outbox.get(left.id)).toMatchObject({ status: 'accepted' });
    await engine.stop();
  });

  it('settles a row the hub answers under its id in another case (UUIDs compare case-insensitively)', async () => {
    const { kiosk, hub, clock } = await setup();
    const upper = {
      sendBatch: async (request: Parameters<typeof hub.sendBatch>[0]) => {
        const answer = await hub.sendBatch(request);
        return answer.ok ? { ok: true as const, value: { results: answer.value.results.map((r) => ({ ...r, id: r.id.toUpperCase() })) } } : answer;
      },
    };
    const row = await kiosk.submit();
    const engine = createSyncEngine({ store: kiosk.store, hub: upper, clock, random: () => 0.5 });
    await engine.start();
    await engine.idle();
    expect(await kiosk.db.outbox.get(row.id)).toMatchObject({ status: 'accepted', strikes: 0 });
    await engine.stop();
  });

  it('quarantines locally what the hub would refuse, without sending it', async () => {
    const { kiosk, hub, engine } = await setup();
    const big = await kiosk.submit();
    await kiosk.db.outbox.update(big.id, { sealed: { suite: 'hpke-base-x25519-sha256-aes128gcm', enc: 'AAAA', ct: 'A'.repeat(400_000) } });
    await kiosk.submit();
    await engine.start();
    await engine.idle();
    expect(await kiosk.db.outbox.get(big.id)).toMatchObject({ status: 'quarantined' });
    expect((await kiosk.db.outbox.get(big.id))?.lastError).toMatch(/^too_large/);
    expect(hub.stored.size).toBe(1);
    expect(hub.stored.has(big.id)).toBe(false);
    await engine.stop();
  });

  it('takes back rows a crashed pass left sending, after the lease, and the hub counts them once', async () => {
    const { kiosk, hub, clock } = await setup();
    for (let i = 0; i < 4; i++) await kiosk.submit();
    // A renderer that claimed the rows, reached the hub, and died before it could record the answer.
    const claimed = await kiosk.store.claimDue({ now: clock.now(), leaseMs: 120_000, maxItems: 100, maxBytes: 1e6, sizeOf: () => 1 });
    await hub.sendBatch({ items: claimed.rows.map(({ id, receiptNo, serviceId, handlingCity, createdAt, sealed }) => ({ id, receiptNo, serviceId, handlingCity, createdAt, sealed })) });
    kiosk.db.close();

    const reopened = await kiosk.reopen();
    const engine = createSyncEngine({ store: reopened.store, hub, clock, leaseMs: 120_000 });
    await engine.start();
    await engine.idle();
    expect(engine.status()).toMatchObject({ sending: 4 }); // the lease still holds
    // The engine sleeps until the lease ends (its timer), then takes the rows back and re-sends them.
    for (let i = 0; i < 5 && engine.status().sending > 0; i++) {
      clock.advance((clock.nextTimerAt() as number) - clock.now());
      await engine.idle();
    }
    expect(clock.now()).toBeGreaterThanOrEqual(claimed.rows[0]?.leaseUntil as number);
    expect(engine.status()).toMatchObject({ sending: 0, queued: 0 });
    expect(hub.stored.size).toBe(4);
    const rows = await reopened.db.outbox.toArray();
    expect(rows.every((r) => r.status === 'accepted' && r.attempts === 2)).toBe(true);
    await engine.stop();
  });

  it('keeps running when the store fails, and says so', async () => {
    const { kiosk, hub, engine, advance } = await setup();
    await kiosk.submit();
    const claimDue = kiosk.store.claimDue;
    kiosk.store.claimDue = () => Promise.reject(Object.assign(new Error('disk'), { name: 'QuotaExceededError' }));
    await engine.start();
    await engine.idle();
    expect(engine.status().lastError?.message).toBe('store: QuotaExceededError');
    kiosk.store.claimDue = claimDue;
    await advance(60_000);
    expect(hub.stored.size).toBe(1);
    await engine.stop();
  });
});
