// End to end in Chromium on real IndexedDB (strict durability): a resident submits while the hub is down,
// the browser is closed and started again on the same profile, the hub comes back, and the application
// arrives exactly once.
import { expect, it, describe } from 'vitest';
import { createDispatcher } from '../../src/bridge/dispatcher';
import type { KioskIdentity } from '../../src/bridge/contract/hub';
import { startHub } from '../../hub/startHub';
import { useChromiumRig } from './helpers/chromiumRig';

describe('Chromium: submit offline, restart the browser, the hub comes back', () => {
  // PGlite on disk, so it survives a restart.
  const rig = useChromiumRig({ name: 'sync-e2e', page: 'chromiumKioskPage.ts', ready: 'kioskSubmit', expose: { hubSendBatch: 'hub.sendBatch' }, startHub: (dataDir) => startHub({ dataDir, log: false }) });
  const inBrowser = rig.inBrowser;

  it('delivers the application once', { timeout: 120_000 }, async () => {
    const identity = await createDispatcher(rig.service.handlers).dispatch('kiosk.identity', {});
    if (!identity.ok) throw new Error('not enrolled');
    const kioskId = (identity.value as KioskIdentity).kioskId;

    // The hub goes away (cleanly stopped: its data stays on disk).
    await rig.hub?.close();
    rig.hub = undefined;

    const first = await inBrowser(async (page) => {
      const submitted = await page.evaluate((id) => (globalThis as unknown as { kioskSubmit: (i: unknown) => Promise<{ receiptNo: string }> }).kioskSubmit(id), identity.value);
      const status = await page.evaluate(() => (globalThis as unknown as { kioskSync: (ms: number) => Promise<{ queued: number; lastError: unknown }> }).kioskSync(1_500));
      return { submitted, status };
    });
    expect(first.submitted.receiptNo).toMatch(/^420102-001-/);
    expect(first.status.queued).toBe(1);
    expect(first.status.lastError).not.toBeNull();

    // The hub comes back (another port, same data); the browser starts again on the same profile.
    const hub = await startHub({ dataDir: rig.hubDir, log: false });
    rig.hub = hub;
    rig.proxy.setUpstream(Number(new URL(hub.url).port));
    const second = await inBrowser((page) =>
      page.evaluate(() => (globalThis as unknown as { kioskSync: (ms: number) => Promise<{ queued: number; rows: { status: string; caseNo: string | null }[] }> }).kioskSync(30_000)),
    );
    expect(second.queued).toBe(0);
    expect(second.rows).toHaveLength(1);
    expect(second.rows[0]?.status).toBe('accepted');

    const found = await hub.db.query<{ n: number; receipt: string; case_no: string }>('SELECT count(*) OVER ()::int AS n, receipt_no AS receipt, case_no FROM applications WHERE kiosk_id = $1', [kioskId]);
    expect(found.rows).toHaveLength(1);
    expect(found.rows[0]).toMatchObject({ n: 1, receipt: first.submitted.receiptNo, case_no: second.rows[0]?.caseNo });
  });
});
