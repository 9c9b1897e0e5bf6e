// Background case-status pulls: at start, on a schedule and when the hub comes back, one at a time; offline
// the stored statuses and the time of the last answer stay (what "我的办件" shows with "as of").
import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../tests/sync/helpers/manualClock';
import type { KioskCaseChange, KioskCaseChanges } from '../domain/caseApi';
import type { Result } from '../bridge/result';
import { createCaseStatusPuller, pullCaseStatusWhenOnline } from './caseStatusPulls';
import type { CaseFeed, CaseStatusStore } from './caseStatusSync';

const change = (id: string, status: KioskCaseChange['status'], updatedAt: string): KioskCaseChange => ({ id, receiptNo: `R-${id}`, caseNo: `420100-261122-${id}`, status, note: '', updatedAt, deadline: null });

function memoryStore(): CaseStatusStore & { known: Map<string, KioskCaseChange>; feedNow: CaseFeed } {
  const state = { known: new Map<string, KioskCaseChange>(), feedNow: { cursor: '0', checkedAt: null } as CaseFeed };
  return {
    ...state,
    get known() {
      return state.known;
    },
    get feedNow() {
      return state.feedNow;
    },
    feed: async () => state.feedNow,
    async apply(answer, checkedAt) {
      for (const item of answer.items) state.known.set(item.id, item);
      state.feedNow = { cursor: answer.next, checkedAt };
    },
    byIds: async (ids) => new Map(ids.flatMap((id) => (state.known.has(id) ? [[id, state.known.get(id)!] as const] : []))),
  };
}

/** A hub feed: changes with event numbers; `online` false answers like the bridge does when the hub is unreachable. */
function fakeFeed() {
  const events: { seq: number; item: KioskCaseChange }[] = [];
  const feed = {
    online: true,
    calls: 0,
    add(item: KioskCaseChange) {
      events.push({ seq: events.length + 1, item });
    },
    async changes(since: string): Promise<Result<KioskCaseChanges>> {
      feed.calls += 1;
      if (!feed.online) return { ok: false, error: { code: 'unavailable', message: 'hub unreachable' } } as never;
      const newer = events.filter((e) => e.seq > Number(since));
      return { ok: true, value: { items: newer.map((e) => e.item), next: String(newer.at(-1)?.seq ?? since) } };
    },
  };
  return feed;
}

const settle = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

describe('background case-status pulls', () => {
  it('pulls at start and every interval without anyone opening 我的办件, and keeps the last status offline', async () => {
    const clock = createManualClock(Date.UTC(2026, 9, 6, 2, 0, 0));
    const feed = fakeFeed();
    const store = memoryStore();
    feed.add(change('a', 'accepted', '2026-10-06T01:00:00.000Z'));
    const stop = createCaseStatusPuller({ link: feed, store, clock, intervalMs: 60_000 }).start();
    await settle();
    expect(store.known.get('a')?.status).toBe('accepted');
    expect(store.feedNow).toEqual({ cursor: '1', checkedAt: '2026-10-06T02:00:00.000Z' });

    feed.add(change('a', 'completed', '2026-10-06T02:00:30.000Z'));
    clock.advance(60_000);
    await settle();
    expect(store.known.get('a')?.status).toBe('completed');
    expect(store.feedNow.checkedAt).toBe('2026-10-06T02:01:00.000Z');

    feed.online = false;
    clock.advance(60_000);
    await settle();
    expect(store.known.get('a')?.status).toBe('completed'); // the last known status stays
    expect(store.feedNow.checkedAt).toBe('2026-10-06T02:01:00.000Z'); // "as of" the last answer, not the failed try
    expect(clock.pendingTimers()).toBe(1); // and it keeps trying
    stop();
    expect(clock.pendingTimers()).toBe(0);
  });

  it('pulls when the hub comes back online, and a pull asked during another joins it', async () => {
    const clock = createManualClock();
    const feed = fakeFeed();
    const store = memoryStore();
    const puller = createCaseStatusPuller({ link: feed, store, clock });
    const listeners: ((status: { state: string }) => void)[] = [];
    pullCaseStatusWhenOnline(puller, { on: ((_: string, listener: (status: { state: string }) => void) => (listeners.push(listener), () => undefined)) as never });
    feed.add(change('b', 'needsCorrection', '2026-05-01T08:00:00.000Z'));
    listeners.forEach((l) => l({ state: 'offline' }));
    expect(feed.calls).toBe(0);
    listeners.forEach((l) => l({ state: 'online' }));
    const joined = puller.pull();
    await settle();
    await joined;
    expect(feed.calls).toBe(2); // one pull: the page with the change, then the empty page that ends the feed
    expect(store.known.get('b')?.status).toBe('needsCorrection');
    listeners.forEach((l) => l({ state: 'online' })); // still online: no new pull
    await settle();
    expect(feed.calls).toBe(2);
  });
});
