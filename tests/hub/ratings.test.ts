// POST /v1/ratings:batch (好差评), the same suite on PGlite and on PostgreSQL: idempotent on the rating id,
// per-item answers, the named level and the national export stored side by side.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../hub/db/db';
import { migrate, migrations } from '../../hub/db/migrations';
import { listRatings } from '../../hub/store/ratings';
import { hubErrorSchema, hubLimits, ratingBatchResponseSchema, type RatingBatchResponse } from '../../src/domain/hubApi';
import { toNationalExport } from '../../src/domain/rating';
import { call, enrol, engines, makeRating, useDatabase, useHub } from './support';

describe.each(engines)('ratings intake on %s', (engine) => {
  const database = useDatabase(engine);
  const started = useHub(database);
  const url = (path: string) => `${started.hub.url}${path}`;
  const send = (token: string, items: unknown[]) => call<RatingBatchResponse>(url('/v1/ratings:batch'), { token, body: { items } });
  const count = async (kioskId: string) => (await database.db.query<{ n: number }>('SELECT count(*)::int AS n FROM ratings WHERE kiosk_id = $1', [kioskId])).rows[0]?.n;

  it('stores new ratings with the named level and the national export, and answers a resend as duplicate', async () => {
    const kiosk = await enrol(started.hub);
    const good = makeRating({ applicationId: randomUUID(), receiptNo: '420102-001-0000001X' });
    const bad = makeRating({ level: 'veryDissatisfied', reasons: ['slow', 'deviceFault'], comment: '等了很久' });
    const first = await send(kiosk.credential, [good, bad]);
    expect(first.status).toBe(200);
    expect(ratingBatchResponseSchema.parse(first.body).results).toEqual([
      { id: good.id, status: 'accepted' },
      { id: bad.id, status: 'accepted' },
    ]);
    const again = await send(kiosk.credential, [bad, good]);
    expect(again.body.results).toEqual([
      { id: bad.id, status: 'duplicate' },
      { id: good.id, status: 'duplicate' },
    ]);
    expect(await count(kiosk.kioskId)).toBe(2);

    const stored = await listRatings(database.db, { kioskId: kiosk.kioskId });
    expect(stored.map((r) => [r.id, r.level])).toEqual(expect.arrayContaining([[good.id, 'verySatisfied'], [bad.id, 'veryDissatisfied']]));
    const national = stored.find((r) => r.id === bad.id)?.national;
    expect(national).toEqual(toNationalExport(bad));
    // The 好差评 interface counts 1 = 非常不满意; GB/T 39046 counts 5 = 非常不满意; the channel is 5 (terminal).
    expect(national).toMatchObject({ satisfaction: '1', satisfactionCode: '5', satisfactionName: '非常不满意', pf: '5', kioskReasons: ['slow', 'deviceFault'] });
    expect(stored.find((r) => r.id === good.id)?.national).toMatchObject({ satisfaction: '5', projectNo: '420102-001-0000001X' });
  });

  it('answers the same id with other content as a conflict and keeps the original, also from another kiosk', async () => {
    const kiosk = await enrol(started.hub);
    const other = await enrol(started.hub, '420902-001');
    const original = makeRating();
    await send(kiosk.credential, [original]);
    const changed = { ...original, level: 'dissatisfied', reasons: ['slow'] };
    expect((await send(kiosk.credential, [changed])).body.results).toEqual([{ id: original.id, status: 'conflict', reason: expect.stringMatching(/different content/) }]);
    expect((await send(other.credential, [original])).body.results[0]?.status).toBe('conflict');
    const stored = await listRatings(database.db, { kioskId: kiosk.kioskId });
    expect(stored.map((r) => r.level)).toEqual(['verySatisfied']);
    expect(await count(other.kioskId)).toBe(0);
  });

  it('rejects a bad rating with a reason and stores the rest; counts a repeat in one batch once', async () => {
    const kiosk = await enrol(started.hub);
    const good = makeRating();
    const reasonsOnGood = { ...makeRating(), reasons: ['slow'] };
    const twin = makeRating();
    const clash = makeRating();
    const answer = await send(kiosk.credential, [good, reasonsOnGood, twin, { ...twin }, clash, { ...clash, comment: 'changed' }]);
    expect(answer.status).toBe(200);
    expect(answer.body.results.map((r) => r.status)).toEqual(['accepted', 'rejected', 'accepted', 'duplicate', 'accepted', 'conflict']);
    expect(answer.body.results[1]).toMatchObject({ id: reasonsOnGood.id, reason: expect.stringMatching(/^malformed: reasons/) });
    expect(await count(kiosk.kioskId)).toBe(3);
  });

  it('answers 400 and writes nothing when the body is not a batch', async () => {
    const kiosk = await enrol(started.hub);
    const refused = [
      await call(url('/v1/ratings:batch'), { token: kiosk.credential, raw: '{"items": [' }),
      await send(kiosk.credential, []),
      await send(kiosk.credential, Array.from({ length: hubLimits.maxBatchItems + 1 }, () => makeRating())),
      await send(kiosk.credential, [makeRating(), { level: 'satisfied' }]),
      await call(url('/v1/ratings:batch'), { token: kiosk.credential, body: { ratings: [makeRating()] } }),
    ];
    expect(refused.map((a) => a.status)).toEqual([400, 400, 400, 400, 400]);
    for (const answer of refused) expect(hubErrorSchema.parse(answer.body).error).toBe('bad_request');
    expect(hubErrorSchema.parse(refused[3]?.body).reason).toMatch(/items\.1: no valid id; nothing was stored/);
    expect(await count(kiosk.kioskId)).toBe(0);
  });

  it('answers 401 without, with a wrong and with a revoked credential, and 413 above the body limit', async () => {
    const kiosk = await enrol(started.hub);
    expect((await call(url('/v1/ratings:batch'), { body: { items: [makeRating()] } })).status).toBe(401);
    expect((await send('x'.repeat(43), [makeRating()])).status).toBe(401);
    const huge = await send(kiosk.credential, [{ ...makeRating(), comment: 'x'.repeat(hubLimits.maxBodyBytes) }]);
    expect(huge.status).toBe(413);
    expect(hubErrorSchema.parse(huge.body).error).toBe('payload_too_large');
    await started.hub.revokeKiosk(kiosk.kioskId);
    expect((await send(kiosk.credential, [makeRating()])).status).toBe(401);
    expect(await count(kiosk.kioskId)).toBe(0);
  });

  it('stores the same new rating sent twice at the same time once', async () => {
    const kiosk = await enrol(started.hub);
    const items = Array.from({ length: 20 }, () => makeRating());
    const answers = await Promise.all([send(kiosk.credential, items), send(kiosk.credential, items)]);
    const statuses = answers.flatMap((a) => a.body.results.map((r) => r.status));
    expect(statuses.filter((s) => s === 'accepted')).toHaveLength(20);
    expect(statuses.filter((s) => s === 'duplicate')).toHaveLength(20);
    expect(await count(kiosk.kioskId)).toBe(20);
  });
});

describe('ratings migration', () => {
  it('adds the ratings table to a hub database created before it, keeping what was there', async () => {
    const db = await openDb({ databaseUrl: 'memory://' });
    try {
      expect(await migrate(db, migrations.filter((m) => m.version === 1))).toEqual([1]);
      await db.query("INSERT INTO kiosks (id, site_code, credential_hash) VALUES ('k-old', '420102-001', 'h')");
      expect(await migrate(db)).toEqual(migrations.filter((m) => m.version > 1).map((m) => m.version));
      expect((await db.query('SELECT id FROM kiosks')).rows).toEqual([{ id: 'k-old' }]);
      expect((await db.query('SELECT count(*)::int AS n FROM ratings')).rows).toEqual([{ n: 0 }]);
    } finally {
      await db.close();
    }
  });
});
