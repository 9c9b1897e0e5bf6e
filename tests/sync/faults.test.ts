// What the network and the hub can do to a batch, against the real hub behind a fault proxy: 500s, timeouts,
// slow answers, the answer lost after the hub committed, a renderer reload mid-batch, a poisoned row. After
// each, every application is at the hub exactly once and no row is left behind.
import { afterEach, describe, expect, it } from 'vitest';
import { isDrained, waitForStatus } from './helpers/kioskSide';
import { startHubRig } from './helpers/realHub';
import type { HubRig } from './helpers/realHub';

const isBatch = (path: string) => path.startsWith('/v1/applications:batch');

describe('sync faults against the real hub', () => {
  let rig: HubRig | undefined;
  afterEach(async () => {
    await rig?.close();
    rig = undefined;
  });

  it('retries through 500s and counts each application once', async () => {
    rig = await startHubRig();
    const { side, proxy } = rig;
    let failures = 0;
    proxy.policy = (request) => (isBatch(request.path) && failures++ < 3 ? { kind: 'status500' } : { kind: 'pass' });
    for (let i = 0; i < 5; i++) await side.kiosk.submit();
    await side.engine.start();
    await waitForStatus(side.engine, isDrained);
    expect(failures).toBeGreaterThan(3);
    expect(await rig.hubCounts()).toEqual({ rows: 5, distinct: 5 });
    const rows = await side.kiosk.db.outbox.toArray();
    expect(rows.every((r) => r.status === 'accepted' && r.attempts === 4 && r.strikes === 0)).toBe(true);
  });

  it('gives up on a hub that does not answer within the timeout, and delivers once it answers (slowly)', async () => {
    rig = await startHubRig({ timeoutMs: 300 });
    const { side, proxy } = rig;
    let held = 0;
    proxy.policy = (request) => {
      if (!isBatch(request.path)) return { kind: 'pass' };
      if (held++ < 2) return { kind: 'hold' };
      return { kind: 'delay', ms: 150 }; // slow but within the timeout
    };
    for (let i = 0; i < 4; i++) await side.kiosk.submit();
    await side.engine.start();
    const backingOff = await waitForStatus(side.engine, (s) => s.lastError !== null);
    expect(backingOff.lastError?.message).toMatch(/^timeout: timeout/);
    await waitForStatus(side.engine, isDrained);
    expect(await rig.hubCounts()).toEqual({ rows: 4, distinct: 4 });
  });

  it('counts once when the hub committed but the answer was lost (connection reset)', async () => {
    rig = await startHubRig();
    const { side, proxy } = rig;
    let dropped = 0;
    proxy.policy = (request) => (isBatch(request.path) && dropped++ === 0 ? { kind: 'dropResponse' } : { kind: 'pass' });
    for (let i = 0; i < 6; i++) await side.kiosk.submit();
    await side.engine.start();
    await waitForStatus(side.engine, isDrained);
    expect(dropped).toBe(2); // the lost one, and the retry answered `duplicate`
    expect(await rig.hubCounts()).toEqual({ rows: 6, distinct: 6 });
    const rows = await side.kiosk.db.outbox.toArray();
    expect(rows.every((r) => r.status === 'accepted' && r.attempts === 2)).toBe(true);
    // The retry got the case numbers the hub gave the first time.
    const hubCases = await rig.hub.db.query<{ id: string; case_no: string }>('SELECT id::text AS id, case_no FROM applications');
    const byId = new Map(hubCases.rows.map((r) => [r.id, r.case_no]));
    for (const row of rows) expect(row.caseNo).toBe(byId.get(row.id));
  });

  it('survives a renderer reload mid-batch: the rows stay sending until the lease ends, then go once', async () => {
    rig = await startHubRig({ timeoutMs: 5_000, engine: { leaseMs: 1_500 } });
    const { side, proxy } = rig;
    let first = true;
    const inFlight = new Promise<void>((resolve) => {
      proxy.policy = (request) => {
        if (!isBatch(request.path) || !first) return { kind: 'pass' };
        first = false;
        resolve();
        return { kind: 'delay', ms: 300 }; // reaches the hub after the page is gone
      };
    });
    for (let i = 0; i < 5; i++) await side.kiosk.submit();
    await side.engine.start();
    await inFlight;
    // The page reloads: its engine and database connection are simply gone; a new page opens the store.
    side.kiosk.db.close();
    const engine = await side.reload();
    await engine.start();
    await engine.idle();
    expect(engine.status()).toMatchObject({ sending: 5, queued: 0 }); // the lease still holds
    const drained = await waitForStatus(engine, isDrained);
    expect(drained.quarantined).toBe(0);
    expect(await rig.hubCounts()).toEqual({ rows: 5, distinct: 5 });
  });

  it('quarantines a poisoned row, reports it, and delivers every other row', async () => {
    rig = await startHubRig();
    const { side } = rig;
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push((await side.kiosk.submit()).id);
    // One row the hub refuses (a sealed key that is not X25519), one damaged on disk beyond reading.
    await side.kiosk.db.outbox.update(ids[1] as string, { sealed: { suite: 'hpke-base-x25519-sha256-aes128gcm', enc: 'AAAA', ct: 'A'.repeat(64) } });
    await side.kiosk.db.outbox.update(ids[4] as string, { receiptNo: 42 as unknown as string });
    await side.engine.start();
    const status = await waitForStatus(side.engine, (s) => isDrained(s) && s.quarantined === 2);
    expect(status.queued).toBe(0);
    expect(await rig.hubCounts()).toEqual({ rows: 4, distinct: 4 });
    const poisoned = await side.kiosk.db.outbox.bulkGet([ids[1] as string, ids[4] as string]);
    expect(poisoned[0]).toMatchObject({ status: 'quarantined' });
    expect(poisoned[0]?.lastError).toMatch(/^hub_rejected: sealed\.enc/);
    expect(poisoned[1]).toMatchObject({ status: 'quarantined' });
    expect(poisoned[1]?.lastError).toMatch(/^unreadable: receiptNo/);
  });
});
