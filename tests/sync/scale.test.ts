// 10,000 applications submitted while the network is down (each one sealed and written in its own strict
// transaction, as at the kiosk), the engine failing and backing off all along; then the network returns and
// the queue drains: the hub holds exactly 10,000, none twice, and every row knows its case number.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDrained, waitForStatus } from './helpers/kioskSide';
import { startHubRig } from './helpers/realHub';
import type { HubRig } from './helpers/realHub';

const total = 10_000;

describe('scale', () => {
  let rig: HubRig;
  beforeAll(async () => {
    rig = await startHubRig({ engine: { networkBackoff: { baseMs: 200, capMs: 2_000 } } });
  });
  afterAll(async () => {
    await rig?.close();
  });

  it(`drains ${total} applications queued offline, each exactly once`, { timeout: 600_000 }, async () => {
    const { side, proxy } = rig;
    proxy.policy = () => ({ kind: 'refuse' });
    await side.engine.start();
    for (let i = 0; i < total; i++) {
      await side.kiosk.submit(i);
      if (i % 500 === 0) side.engine.wake('enqueue'); // the engine keeps trying, and failing, while offline
    }
    await side.engine.idle();
    expect((await side.kiosk.store.counts()).queued).toBe(total);
    expect(await rig.hubCounts()).toEqual({ rows: 0, distinct: 0 });

    proxy.policy = () => ({ kind: 'pass' });
    side.engine.wake('online');
    const drained = await waitForStatus(side.engine, isDrained, 300_000);
    expect(drained.quarantined).toBe(0);
    expect(await rig.hubCounts()).toEqual({ rows: total, distinct: total });
    const counts = await side.kiosk.store.counts();
    expect(counts).toEqual({ queued: 0, sending: 0, quarantined: 0, accepted: total });
    const batches = proxy.seen.filter((r) => r.path.startsWith('/v1/applications:batch')).length;
    expect(batches).toBeGreaterThanOrEqual(total / 100);
  });
});
