// End to end on real parts: a kiosk in Chromium (real IndexedDB, strict durability) submits to a real hub; the
// handling city asks for 补正 through the hub's API; the kiosk learns it from the change feed and keeps it; the
// browser restarts with the network down and "我的办件" still has the status, the note and when it was checked.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../src/bridge/dispatcher';
import type { KioskIdentity } from '../../src/bridge/contract/hub';
import type { KioskCaseChange } from '../../src/domain/caseApi';
import { currentDbVersion } from '../../src/db/kioskDb';
import { startHub } from '../../hub/startHub';
import type { RunningHubHandle } from '../../hub/startHub';
import { useChromiumRig } from './helpers/chromiumRig';

type Pulled = { outcome: { complete: boolean; changed: number; checkedAt: string | null }; known: KioskCaseChange[]; feed: { cursor: string; checkedAt: string | null }; verno: number };

describe('Chromium: the kiosk learns the handling city\'s decision and keeps it offline', () => {
  const hubClock = new Date('2026-09-30T04:00:00Z');
  const rig = useChromiumRig({
    name: 'cases-e2e',
    page: 'chromiumCasePage.ts',
    ready: 'kioskPullCases',
    expose: { hubSendBatch: 'hub.sendBatch', hubCaseChanges: 'hub.caseChanges' },
    startHub: (dataDir) => {
      const catalogFile = join(dataDir, 'catalog.json');
      writeFileSync(catalogFile, JSON.stringify({ version: 't', items: [{ id: 'WHMA-SB-01', name: '社会保障卡申领', timeLimit: { promised: { days: 5, unit: 'workingDays' } } }] }));
      return startHub({ dataDir, databaseUrl: 'memory://', log: false, catalogFile, clock: { now: () => hubClock.getTime() }, publicUrl: 'https://zwxw.example.cn' });
    },
  });
  const inBrowser = rig.inBrowser;
  const running = (): RunningHubHandle => {
    if (!rig.hub) throw new Error('hub not started');
    return rig.hub;
  };

  const pull = (page: Page, ids: string[], nowIso: string) =>
    page.evaluate(([i, n]) => (globalThis as unknown as { kioskPullCases: (ids: string[], now: string) => Promise<Pulled> }).kioskPullCases(i as string[], n as string), [ids, nowIso] as const);

  it('stores the status, note and check time in IndexedDB and still has them after a restart without network', { timeout: 120_000 }, async () => {
    const identity = await createDispatcher(rig.service.handlers).dispatch('kiosk.identity', {});
    if (!identity.ok) throw new Error('not enrolled');
    expect((identity.value as KioskIdentity).publicUrl).toBe('https://zwxw.example.cn');

    const submitted = await inBrowser(async (page) => {
      const one = await page.evaluate((id) => (globalThis as unknown as { kioskSubmit: (i: unknown) => Promise<{ id: string; receiptNo: string }> }).kioskSubmit(id), identity.value);
      expect(await page.evaluate(() => (globalThis as unknown as { kioskSync: (ms: number) => Promise<number> }).kioskSync(30_000))).toBe(0);
      // Nothing decided yet: the feed is empty and nothing is known.
      const before = await pull(page, [one.id], '2026-09-30T03:00:00Z');
      expect(before.verno).toBe(currentDbVersion);
      expect(before.known).toEqual([]);
      expect(before.outcome).toMatchObject({ complete: true, changed: 0, checkedAt: '2026-09-30T03:00:00.000Z' });
      return one;
    });

    // The handling city (武汉) accepts, then finds a material missing.
    const hub = running();
    const { token } = await hub.createCityToken('420100', '武汉市民之家');
    const move = (body: unknown) => fetch(`${hub.url}/v1/cities/420100/applications/${submitted.id}/events`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await move({ status: 'accepted' })).status).toBe(200);
    expect((await move({ status: 'needsCorrection', note: '请补交一寸照片，送武汉市民之家2楼' })).status).toBe(200);

    const online = await inBrowser((page) => pull(page, [submitted.id], '2026-09-30T05:00:00Z'));
    expect(online.outcome).toEqual({ complete: true, changed: 1, checkedAt: '2026-09-30T05:00:00.000Z' });
    expect(online.known).toEqual([expect.objectContaining({ id: submitted.id, receiptNo: submitted.receiptNo, status: 'needsCorrection', note: '请补交一寸照片，送武汉市民之家2楼', deadline: null })]);

    // The network goes down; the browser starts again on the same profile.
    rig.proxy.policy = () => ({ kind: 'refuse' });
    const offline = await inBrowser((page) => pull(page, [submitted.id], '2026-10-01T09:00:00Z'));
    expect(offline.outcome.complete).toBe(false);
    expect(offline.known.map((k) => [k.status, k.note])).toEqual([['needsCorrection', '请补交一寸照片，送武汉市民之家2楼']]);
    expect(offline.feed.checkedAt).toBe('2026-09-30T05:00:00.000Z'); // "as of" the last answer, not the failed try

    // Back online, the case is accepted again after 补正: the deadline comes with it.
    rig.proxy.policy = () => ({ kind: 'pass' });
    expect((await move({ status: 'accepted' })).status).toBe(200);
    const again = await inBrowser((page) => pull(page, [submitted.id], '2026-10-01T10:00:00Z'));
    expect(again.known.map((k) => [k.status, k.deadline])).toEqual([['accepted', '2026-10-07']]);
  });
});
