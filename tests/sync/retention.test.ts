// ADR 0006: the sealed payload of an application the hub accepted is dropped after the retention; "my
// applications" still shows its receipt number, case number and status. Time is the test's clock only.
import { describe, expect, it } from 'vitest';
import { createSyncEngine } from '../../src/sync/engine';
import { dayMs, startRetention } from '../../src/sync/retention';
import { isDrained, waitForStatus } from './helpers/kioskSide';
import { createTestKiosk } from './helpers/kiosk';
import { createManualClock } from './helpers/manualClock';
import { createMemoryHub } from './helpers/memoryHub';

async function kioskWithAcceptedAndQueued() {
  const clock = createManualClock();
  const kiosk = await createTestKiosk({ now: clock.now });
  const hub = createMemoryHub();
  const engine = createSyncEngine({ store: kiosk.store, hub, clock, random: () => 0.5 });
  const accepted = [await kiosk.submit(1), await kiosk.submit(2)];
  await engine.start();
  engine.wake('enqueue');
  await waitForStatus(engine, isDrained);
  await engine.stop();
  hub.mode = 'down';
  const queued = await kiosk.submit(3); // never sent: must keep its payload whatever its age
  return { clock, kiosk, accepted, queued };
}

describe('retention of accepted applications', () => {
  it('drops the sealed payload after the retention, keeps what "my applications" shows, never touches unsent rows', async () => {
    const { clock, kiosk, accepted, queued } = await kioskWithAcceptedAndQueued();
    const [first] = accepted;
    const before = (await kiosk.db.outbox.get(first!.id))!;
    expect(before.acceptedAt).toBe(clock.now());

    const retention = startRetention({ store: kiosk.store, retentionDays: 30, clock, everyMs: dayMs });
    clock.advance(30 * dayMs - 1);
    await retention.runOnce();
    expect((await kiosk.db.outbox.get(first!.id))!.sealed).not.toBeNull(); // one millisecond short

    clock.advance(1);
    expect(await retention.runOnce()).toEqual({ purged: 2, stamped: 0 });
    retention.stop();
    const raw = (await kiosk.db.outbox.get(first!.id)) as unknown as Record<string, unknown>;
    expect(raw.sealed).toBeNull();
    expect(raw.purgedAt).toBe(clock.now());
    expect(JSON.stringify(raw)).not.toContain(before.sealed.ct);
    expect((await kiosk.db.outbox.get(queued.id))!.sealed).toEqual(expect.objectContaining({ ct: expect.any(String) }));

    // "My applications" by the resident's key: receipt number, case number and status of the purged row.
    const mine = await kiosk.store.listByLookupKeys([before.lookupKey]);
    expect(mine).toEqual([{ id: first!.id, receiptNo: first!.receiptNo, serviceId: before.serviceId, handlingCity: before.handlingCity, createdAt: before.createdAt, status: 'accepted', caseNo: before.caseNo }]);
    expect(before.caseNo).toEqual(expect.any(String));
    expect(await kiosk.store.counts()).toMatchObject({ accepted: 2, queued: 1 });
  });

  it('runs by itself on the clock with the configured days', async () => {
    const { clock, kiosk, accepted } = await kioskWithAcceptedAndQueued();
    const passes: unknown[] = [];
    const retention = startRetention({ store: kiosk.store, retentionDays: 7, clock, everyMs: 6 * 3_600_000, onPass: (p) => passes.push(p) });
    const purgedCount = async () => (await kiosk.db.outbox.bulkGet(accepted.map((a) => a.id))).filter((row) => row?.sealed === null).length;
    // Each pass re-arms its timer once its transaction is done; time moves only between passes.
    const armed = () => expect.poll(() => clock.pendingTimers()).toBe(1);
    await armed();
    for (let hours = 0; hours < 7 * 24 - 6; hours += 6) {
      clock.advance(6 * 3_600_000);
      await armed();
    }
    expect(await purgedCount()).toBe(0); // 6 days 18 hours
    clock.advance(6 * 3_600_000);
    await armed();
    expect(await purgedCount()).toBe(2);
    expect(passes).toEqual([{ purged: 2, stamped: 0 }]);
    retention.stop();
    expect(clock.pendingTimers()).toBe(0);
  });

  it('starts the retention of rows accepted before acceptance times were kept when it first sees them', async () => {
    const { clock, kiosk, accepted } = await kioskWithAcceptedAndQueued();
    await kiosk.db.outbox.where('status').equals('accepted').modify((row) => void delete (row as { acceptedAt?: number }).acceptedAt);
    clock.advance(400 * dayMs); // however old the row is, its clock starts at the first pass
    expect(await kiosk.store.purgeAccepted(clock.now() - 30 * dayMs, clock.now())).toEqual({ purged: 0, stamped: 2 });
    const row = (await kiosk.db.outbox.get(accepted[0]!.id))!;
    expect(row.acceptedAt).toBe(clock.now());
    expect(row.sealed).not.toBeNull();
    clock.advance(30 * dayMs);
    expect(await kiosk.store.purgeAccepted(clock.now() - 30 * dayMs, clock.now())).toEqual({ purged: 2, stamped: 0 });
  });
});
