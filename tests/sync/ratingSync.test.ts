// 好差评 sync against the real hub (in process, PGlite, behind the fault proxy): ratings stored in Dexie on
// fake-indexeddb go over the bridge ('hub.sendRatings') in batches, are marked sent once the hub answers for
// each, stay unsent through outages, count once when an answer is lost, and are flagged (kept) when refused.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createRatingStore } from '../../src/db/ratingStore';
import type { DexieRatingStore } from '../../src/db/ratingStore';
import { ratingBatchResponseSchema } from '../../src/domain/hubApi';
import { createRating } from '../../src/domain/rating';
import type { NewRating, Rating } from '../../src/domain/rating';
import { ok } from '../../src/bridge/result';
import { createBridgeRatingLink, createRatingSync } from '../../src/sync/ratingSync';
import type { RatingLink, RatingSync, RatingSyncEvent, RatingSyncStatus } from '../../src/sync/ratingSync';
import { startHubRig } from './helpers/realHub';
import type { HubRig } from './helpers/realHub';

const isRatings = (path: string) => path.startsWith('/v1/ratings:batch');

const makeRating = (overrides: Partial<NewRating> = {}): Rating =>
  createRating({ id: randomUUID(), applicationId: null, receiptNo: null, serviceId: 'WHMA-SB-01', level: 'satisfied', ratedAt: new Date().toISOString(), division: '420102', ...overrides });

function waitFor(sync: RatingSync, predicate: (status: RatingSyncStatus) => boolean, timeoutMs = 20_000): Promise<RatingSyncStatus> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`rating sync never matched; last: ${JSON.stringify(sync.status())}`));
    }, timeoutMs);
    const off = sync.subscribe((status) => {
      if (!predicate(status)) return;
      clearTimeout(timer);
      queueMicrotask(() => off());
      resolve(status);
    });
  });
}

const drained = (s: RatingSyncStatus) => s.state === 'idle' && s.unsent === 0;

describe('rating sync against the real hub', () => {
  let rig: HubRig | undefined;
  let sync: RatingSync | undefined;
  afterEach(async () => {
    await sync?.stop();
    sync = undefined;
    await rig?.close();
    rig = undefined;
  });

  async function setUp(link?: (real: RatingLink) => RatingLink): Promise<{ rig: HubRig; store: DexieRatingStore; sync: RatingSync; events: RatingSyncEvent[] }> {
    rig = await startHubRig();
    const store = createRatingStore(rig.side.kiosk.db);
    const real = createBridgeRatingLink(rig.side.client);
    const events: RatingSyncEvent[] = [];
    sync = createRatingSync({ store, link: link ? link(real) : real, backoff: { baseMs: 50, capMs: 200 }, pollMs: 60_000, onEvent: (e) => events.push(e) });
    return { rig, store, sync, events };
  }

  const hubRatings = async (hub: HubRig) =>
    (await hub.hub.db.query<{ id: string; level: string }>('SELECT id::text, level FROM ratings ORDER BY id')).rows;

  it('sends every stored rating in batches of at most 100, marks them sent, and sends a new one when woken', async () => {
    const { rig, store, sync } = await setUp();
    const ratings = Array.from({ length: 150 }, (_, i) => makeRating({ level: i % 2 ? 'satisfied' : 'verySatisfied' }));
    for (const rating of ratings) await store.save(rating);
    expect(await store.counts()).toEqual({ unsent: 150, flagged: 0 });
    await sync.start();
    await waitFor(sync, drained);
    expect(rig.proxy.seen.filter((r) => isRatings(r.path))).toHaveLength(2);
    expect(await hubRatings(rig)).toHaveLength(150);
    const records = await rig.side.kiosk.db.ratings.toArray();
    expect(records.every((r) => r.sent === 1 && typeof r.sentAt === 'string')).toBe(true);

    // As the rating screen does: put the record, then wake the sync.
    const late = makeRating({ level: 'dissatisfied', reasons: ['slow'] });
    await rig.side.kiosk.db.ratings.put({ ...late, createdAt: late.ratedAt, sent: 0 });
    sync.wake('saved');
    await waitFor(sync, (s) => drained(s) && s.lastSuccessAt !== null);
    await sync.idle();
    expect((await hubRatings(rig)).find((r) => r.id === late.id)?.level).toBe('dissatisfied');
    expect((await rig.side.kiosk.db.ratings.get(late.id))?.sent).toBe(1);
  });

  it('keeps ratings unsent while the hub is unreachable, backs off, and delivers each once when it is back', async () => {
    const { rig, store, sync } = await setUp();
    let refusals = 0;
    let dropped = 0;
    rig.proxy.policy = (request) => {
      if (!isRatings(request.path)) return { kind: 'pass' };
      if (refusals < 3) {
        refusals++;
        return { kind: 'refuse' };
      }
      if (dropped < 1) {
        dropped++;
        return { kind: 'dropResponse' }; // the hub stored them; the kiosk never heard
      }
      return { kind: 'pass' };
    };
    for (let i = 0; i < 5; i++) await store.save(makeRating());
    await sync.start();
    const backingOff = await waitFor(sync, (s) => s.state === 'backingOff');
    expect(backingOff.unsent).toBe(5);
    expect(backingOff.lastError?.message).toMatch(/^transport/);
    await waitFor(sync, drained);
    expect(refusals).toBe(3);
    expect(dropped).toBe(1);
    expect(await hubRatings(rig)).toHaveLength(5);
    expect((await rig.side.kiosk.db.ratings.toArray()).every((r) => r.sent === 1)).toBe(true);
  });

  it('flags a rating the hub answers as conflict or rejected, and an unreadable one, keeping them all', async () => {
    // A kiosk of another version whose ratings the hub's schema refuses: the link stretches one comment past
    // the limit on the way, sending straight to the hub with the kiosk's credential.
    let stretch = '';
    const { rig, store, sync, events } = await setUp((real) => ({
      async sendRatings(request) {
        if (!request.items.some((r) => r.id === stretch)) return real.sendRatings(request);
        const { credential } = JSON.parse(readFileSync(rig!.credentialFile, 'utf8')) as { credential: string };
        const items = request.items.map((r) => (r.id === stretch ? { ...r, comment: 'x'.repeat(500) } : r));
        const answer = await fetch(`${rig!.proxy.url}/v1/ratings:batch`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${credential}` }, body: JSON.stringify({ items }) });
        return ok(ratingBatchResponseSchema.parse(await answer.json()));
      },
    }));
    const clash = makeRating();
    await sync.start();
    await waitFor(sync, (s) => s.state === 'idle');
    // The same id already at the hub with another level (sent by this kiosk before a database restore, say).
    expect((await createBridgeRatingLink(rig.side.client).sendRatings({ items: [{ ...clash, level: 'verySatisfied' }] })).ok).toBe(true);
    const refused = makeRating();
    stretch = refused.id;
    const fine = makeRating();
    for (const rating of [clash, refused, fine]) await store.save(rating);
    await rig.side.kiosk.db.ratings.put({ ...makeRating(), level: 'great' as never, createdAt: '2026-05-01T00:00:00.000Z', sent: 0 });
    sync.wake('saved');
    await waitFor(sync, (s) => drained(s) && s.flagged === 3);

    const flagged = await store.listFlagged();
    expect(flagged.map((f) => f.syncError?.split(':')[0]).sort()).toEqual(['hub_conflict', 'hub_rejected', 'unreadable']);
    expect(flagged.find((f) => f.id === refused.id)?.syncError).toMatch(/comment/);
    expect((await rig.side.kiosk.db.ratings.get(fine.id))?.sent).toBe(1);
    expect(await rig.side.kiosk.db.ratings.count()).toBe(4);
    expect(events.filter((e) => e.type === 'flagged')).toHaveLength(3);
    // The hub kept its first version of the clashing rating and never stored the refused one.
    const atHub = await hubRatings(rig);
    expect(atHub.find((r) => r.id === clash.id)?.level).toBe('verySatisfied');
    expect(atHub.some((r) => r.id === refused.id)).toBe(false);

    // Flagged ratings are never sent again by themselves.
    const before = rig.proxy.seen.length;
    sync.wake('online');
    await sync.idle();
    expect(rig.proxy.seen.slice(before).filter((r) => isRatings(r.path))).toHaveLength(0);
  });
});
