// The case life cycle at the hub (issue 13), the same suite on PGlite and on PostgreSQL: status changes by
// the handling city, the queue with status and deadline, the public status (JSON and page), and the changes a
// kiosk fetches for its own applications. The hub's clock is injected: nothing depends on today's date.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kioskCaseChangesSchema, publicCaseStatusSchema, type KioskCaseChanges, type PublicCaseStatus } from '../../src/domain/caseApi';
import { cityQueueItemSchema, heartbeatResponseSchema, type CityQueueItem, type CityQueueResponse } from '../../src/domain/hubApi';
import { formatReceiptNo } from '../../src/domain/receiptNo';
import { call, enrol, engines, makeItem, tempDir, useDatabase, useHub } from './support';

// Wednesday 2026-09-30, noon in China. Five working days later (no holiday calendar) is Wednesday 2026-10-07.
let clock = new Date('2026-09-30T04:00:00Z');
const catalogDir = tempDir('kiosk-cases-');
const catalogFile = join(catalogDir, 'catalog.json');
writeFileSync(
  catalogFile,
  JSON.stringify({
    version: 'cases-1',
    items: [
      { id: 'WHMA-SB-01', name: { 'zh-CN': '社会保障卡申领', 'zh-TW': '社會保障卡申領', en: 'Social security card application' }, timeLimit: { promised: { days: 5, unit: 'workingDays' } } },
      { id: 'WHMA-HJ-02', name: '户口迁移' },
    ],
  }),
);

let receiptSeq = 90_000_000;
const receiptNo = () => formatReceiptNo('420102-001', receiptSeq++);
/** A wrong check character: the last one replaced by another valid Crockford character. */
const corrupt = (no: string) => no.slice(0, -1) + (no.endsWith('0') ? '1' : '0');

describe.each(engines)('case life cycle on %s', (engine) => {
  const database = useDatabase(engine);
  const started = useHub(database, { catalogFile, clock: { now: () => clock.getTime() }, publicUrl: 'https://zwxw.example.cn/hub/' });
  const url = (path: string) => `${started.hub.url}${path}`;

  async function submitted(handlingCity = '420102', serviceId = 'WHMA-SB-01') {
    const kiosk = await enrol(started.hub, '420700-003');
    // Made at the hub's "now": the hub refuses an application dated more than a day ahead of its clock.
    const item = makeItem({ handlingCity, serviceId, receiptNo: receiptNo(), createdAt: clock.toISOString() });
    const answer = await call(url('/v1/applications:batch'), { token: kiosk.credential, body: { items: [item] } });
    expect(answer.status).toBe(200);
    return { kiosk, item };
  }
  const move = (token: string, city: string, id: string, body: unknown) => call<CityQueueItem>(url(`/v1/cities/${city}/applications/${id}/events`), { token, body });

  it('moves a case received → accepted → completed, with a deadline from the catalogue, and keeps each event', async () => {
    const { item } = await submitted();
    const wuhan = (await started.hub.createCityToken('420100', '武汉市政务服务中心 王')).token;
    clock = new Date('2026-09-30T04:00:00Z');
    const accepted = await move(wuhan, '420100', item.id, { status: 'accepted' });
    expect(accepted.status).toBe(200);
    expect(cityQueueItemSchema.parse(accepted.body)).toMatchObject({ id: item.id, status: 'accepted', acceptedAt: '2026-09-30T04:00:00.000Z', deadline: '2026-10-07', note: '' });
    clock = new Date('2026-10-06T02:00:00Z');
    const done = await move(wuhan, '420100', item.id, { status: 'completed', note: '证件已寄出' });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'completed', note: '证件已寄出', updatedAt: '2026-10-06T02:00:00.000Z', deadline: '2026-10-07' });

    const events = await database.db.query<{ from_status: string; status: string; city: string; operator: string; note: string; at: Date }>(
      'SELECT from_status, status, city, operator, note, at FROM case_events WHERE application_id = $1 ORDER BY seq',
      [item.id],
    );
    expect(events.rows.map((e) => [e.from_status, e.status, e.city, e.operator, e.note, e.at.toISOString()])).toEqual([
      ['received', 'accepted', '420100', '武汉市政务服务中心 王', '', '2026-09-30T04:00:00.000Z'],
      ['accepted', 'completed', '420100', '武汉市政务服务中心 王', '证件已寄出', '2026-10-06T02:00:00.000Z'],
    ]);
    // Kept forever: the database itself refuses to change or delete an event.
    await expect(database.db.query("UPDATE case_events SET note = 'x' WHERE application_id = $1", [item.id])).rejects.toThrow(/kept forever/);
    await expect(database.db.query('DELETE FROM case_events WHERE application_id = $1', [item.id])).rejects.toThrow(/kept forever/);
  });

  it('refuses transitions the life cycle does not allow (409) and keeps the status', async () => {
    const { item } = await submitted();
    const wuhan = (await started.hub.createCityToken('420100')).token;
    const skip = await move(wuhan, '420100', item.id, { status: 'completed' });
    expect(skip.status).toBe(409);
    expect(skip.body).toMatchObject({ error: 'conflict' });
    expect((await move(wuhan, '420100', item.id, { status: 'received' })).status).toBe(409);
    expect((await move(wuhan, '420100', item.id, { status: 'rejected', note: '不属于本地办理范围' })).status).toBe(200);
    expect((await move(wuhan, '420100', item.id, { status: 'accepted' })).status).toBe(409);
    const queue = await call<CityQueueResponse>(url('/v1/cities/420100/applications?status=rejected&limit=500'), { token: wuhan });
    expect(queue.body.items.find((i) => i.id === item.id)).toMatchObject({ status: 'rejected', note: '不属于本地办理范围', deadline: null });
  });

  it('sends a case back for 补正 and accepts it again, the deadline counted from the new acceptance', async () => {
    const { item } = await submitted();
    const wuhan = (await started.hub.createCityToken('420100')).token;
    clock = new Date('2026-09-30T04:00:00Z');
    const ask = await move(wuhan, '420100', item.id, { status: 'needsCorrection', note: '请补交户口簿首页复印件，送至武汉市民之家2楼' });
    expect(ask.body).toMatchObject({ status: 'needsCorrection', deadline: null });
    const waiting = await call<CityQueueResponse>(url('/v1/cities/420100/applications?status=needsCorrection&limit=500'), { token: wuhan });
    expect(waiting.body.items.map((i) => i.id)).toContain(item.id);
    expect(waiting.body.items.every((i) => i.status === 'needsCorrection')).toBe(true);
    clock = new Date('2026-10-02T01:00:00Z'); // Friday
    const back = await move(wuhan, '420100', item.id, { status: 'accepted', note: '' });
    expect(back.body).toMatchObject({ status: 'accepted', acceptedAt: '2026-10-02T01:00:00.000Z', deadline: '2026-10-09' });
  });

  it('answers 403 for another city, 404 for an unknown case, 400 for a bad body', async () => {
    const { item } = await submitted('420102');
    const wuhan = (await started.hub.createCityToken('420100')).token;
    const xiantao = (await started.hub.createCityToken('429004')).token;
    expect((await move(xiantao, '429004', item.id, { status: 'accepted' })).status).toBe(403);
    expect((await move(xiantao, '420100', item.id, { status: 'accepted' })).status).toBe(403);
    expect((await move(wuhan, '420100', '0190e0e0-0000-7000-8000-000000000000', { status: 'accepted' })).status).toBe(404);
    expect((await move(wuhan, '420100', 'not-a-uuid', { status: 'accepted' })).status).toBe(400);
    expect((await move(wuhan, '420100', item.id, { status: 'approved' })).status).toBe(400);
    expect((await move(wuhan, '420100', item.id, { status: 'accepted', note: '长'.repeat(501) })).status).toBe(400);
    expect((await move(wuhan, '420100', item.id, { status: 'needsCorrection', note: '  ' })).status).toBe(400);
    expect((await call(url(`/v1/cities/420100/applications/${item.id}/events`), { body: { status: 'accepted' } })).status).toBe(401);
    expect((await call(url('/v1/cities/420100/applications?status=done'), { token: wuhan })).status).toBe(400);
    // Nothing of the above moved it.
    const queue = await call<CityQueueResponse>(url('/v1/cities/420100/applications?status=received&limit=500'), { token: wuhan });
    expect(queue.body.items.find((i) => i.id === item.id)?.status).toBe('received');
    // A note of exactly 500 characters is fine.
    expect((await move(wuhan, '420100', item.id, { status: 'accepted', note: '长'.repeat(500) })).status).toBe(200);
  });

  it('lets only one of two operators accepting at once succeed', async () => {
    const { item } = await submitted();
    const wuhan = (await started.hub.createCityToken('420100')).token;
    const answers = await Promise.all([move(wuhan, '420100', item.id, { status: 'accepted' }), move(wuhan, '420100', item.id, { status: 'accepted' })]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const events = await database.db.query<{ n: number }>('SELECT count(*)::int AS n FROM case_events WHERE application_id = $1', [item.id]);
    expect(events.rows[0]?.n).toBe(1);
  });

  it('tells the public the status of a receipt, with nothing personal', async () => {
    const { item } = await submitted();
    const wuhan = (await started.hub.createCityToken('420100')).token;
    const first = await call<PublicCaseStatus>(url(`/v1/status/${item.receiptNo}`));
    expect(first.status).toBe(200);
    await move(wuhan, '420100', item.id, { status: 'needsCorrection', note: '请补交 <b>户口簿</b>' });
    const answer = await call<PublicCaseStatus>(url(`/v1/status/${item.receiptNo.toLowerCase()}`));
    expect(answer.status).toBe(200);
    expect(Object.keys(answer.body).sort()).toEqual(['handlingCity', 'note', 'receiptNo', 'service', 'status', 'statusLabel', 'updatedAt']);
    expect(publicCaseStatusSchema.strict().parse(answer.body)).toEqual({
      receiptNo: item.receiptNo,
      service: { 'zh-CN': '社会保障卡申领', en: 'Social security card application' },
      status: 'needsCorrection',
      statusLabel: { 'zh-CN': '需补正', 'zh-TW': '需補正', en: 'Correction needed' },
      updatedAt: clock.toISOString(),
      handlingCity: '420102',
      note: '请补交 <b>户口簿</b>',
    });
    expect((await call(url(`/v1/status/${corrupt(item.receiptNo)}`))).status).toBe(400);
    expect((await call(url('/v1/status/nonsense'))).status).toBe(400);
    expect((await call(url(`/v1/status/${receiptNo()}`))).status).toBe(404);
  });

  it('serves the status page in Chinese by default, escaped, and a page (not JSON) for bad numbers', async () => {
    const { item } = await submitted('420102', 'WHMA-HJ-02');
    const wuhan = (await started.hub.createCityToken('420100')).token;
    await move(wuhan, '420100', item.id, { status: 'rejected', note: '<script>alert(1)</script>' });
    const page = await fetch(url(`/q/${item.receiptNo}`));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await page.text();
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('不予受理');
    expect(html).toContain('户口迁移');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>');
    const english = await (await fetch(url(`/q/${item.receiptNo}?lang=en`))).text();
    expect(english).toContain('Not accepted');
    const wrong = await fetch(url(`/q/${encodeURIComponent(corrupt(item.receiptNo) + '"><img>')}`));
    expect(wrong.status).toBe(400);
    const wrongHtml = await wrong.text();
    expect(wrongHtml).toContain('回执编号不对');
    expect(wrongHtml).not.toContain('"><img>');
    const unknown = await fetch(url(`/q/${receiptNo()}`));
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('暂未查到');
  });

  it('gives each kiosk the changes of its own applications since a cursor', async () => {
    const { kiosk, item } = await submitted();
    const other = await submitted();
    const wuhan = (await started.hub.createCityToken('420100')).token;
    const changes = (token: string, since = '0') => call<KioskCaseChanges>(url(`/v1/applications/changes?since=${since}`), { token });
    const before = await changes(kiosk.credential);
    expect(before.status).toBe(200);
    expect(before.body).toEqual({ items: [], next: '0' });
    await move(wuhan, '420100', item.id, { status: 'accepted' });
    await move(wuhan, '420100', other.item.id, { status: 'accepted' });
    await move(wuhan, '420100', item.id, { status: 'needsCorrection', note: '请补交照片' });
    const mine = kioskCaseChangesSchema.parse((await changes(kiosk.credential)).body);
    expect(mine.items).toEqual([{ id: item.id, receiptNo: item.receiptNo, caseNo: expect.any(String), status: 'needsCorrection', note: '请补交照片', updatedAt: clock.toISOString(), deadline: null }]);
    expect((await changes(kiosk.credential, mine.next)).body).toEqual({ items: [], next: mine.next });
    await move(wuhan, '420100', item.id, { status: 'accepted' });
    const later = kioskCaseChangesSchema.parse((await changes(kiosk.credential, mine.next)).body);
    expect(later.items.map((i) => [i.id, i.status])).toEqual([[item.id, 'accepted']]);
    expect((await changes(kiosk.credential, 'x')).status).toBe(400);
    expect((await call(url('/v1/applications/changes'))).status).toBe(401);
  });

  it('pages through many changes in the order they happened (numeric cursors, not text)', async () => {
    const kiosk = await enrol(started.hub, '420700-004');
    const items = Array.from({ length: 100 }, () => makeItem({ receiptNo: receiptNo(), createdAt: clock.toISOString() }));
    await call(url('/v1/applications:batch'), { token: kiosk.credential, body: { items } });
    const wuhan = (await started.hub.createCityToken('420100')).token;
    // Accepted in reverse arrival order, so event order differs from arrival order; 100 events cross a digit boundary.
    for (const item of [...items].reverse()) expect((await move(wuhan, '420100', item.id, { status: 'accepted' })).status).toBe(200);
    const seen: string[] = [];
    for (let since = '0', page = 0; page < 20; page++) {
      const answer = kioskCaseChangesSchema.parse((await call(url(`/v1/applications/changes?since=${since}&limit=7`), { token: kiosk.credential })).body);
      if (answer.items.length === 0) break;
      seen.push(...answer.items.map((i) => i.id));
      since = answer.next;
    }
    expect(seen).toEqual([...items].reverse().map((i) => i.id));
    const queued: string[] = [];
    for (let since = '0', page = 0; page < 200; page++) {
      const answer = await call<CityQueueResponse>(url(`/v1/cities/420100/applications?since=${since}&limit=9&status=accepted`), { token: wuhan });
      if (answer.body.items.length === 0) break;
      queued.push(...answer.body.items.filter((i) => i.kioskId === kiosk.kioskId).map((i) => i.id));
      since = answer.body.next;
    }
    expect(queued).toEqual(items.map((i) => i.id));
  });

  it('tells kiosks the public base URL at enrolment and in the heartbeat answer', async () => {
    const { code } = await started.hub.createEnrolmentCode('420102-009');
    const enrolled = await call<{ publicUrl: string; credential: string }>(url('/v1/enrol'), { body: { code } });
    expect(enrolled.body.publicUrl).toBe('https://zwxw.example.cn/hub');
    const beat = await call(url('/v1/heartbeat'), { token: enrolled.body.credential, body: { version: '0.1.0', devices: {}, queueDepth: 0, lastSyncAt: null } });
    expect(heartbeatResponseSchema.parse(beat.body).publicUrl).toBe('https://zwxw.example.cn/hub');
  });
});
