// `kioskctl hub export` as a real child process against a real hub on an on-disk PGlite: once while the hub
// runs (the CLI cannot open the database then and asks the hub's admin route) and once after it stopped (the
// CLI opens the database itself); both give the same bytes. The hub's clock is injected: any day works.
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type RunningHubHandle } from '../../hub/startHub';
import { formatReceiptNo } from '../../src/domain/receiptNo';
import type { EnrolResponse } from '../../src/domain/hubApi';
import { runKioskctl } from '../support/kioskctl';
import { call, enrol, makeItem, makeRating, tempDir, useDatabase, useHub } from './support';

let clock = new Date('2026-09-30T04:00:00Z'); // Wednesday noon in China; +5 working days = 2026-10-07
const dataDir = tempDir('kiosk-export-');
const catalogDir = tempDir('kiosk-export-catalog-');
const catalogFile = join(catalogDir, 'catalog.json');
writeFileSync(catalogFile, JSON.stringify({
  version: 'export-1',
  items: [
    { id: 'WHMA-SB-01', name: { 'zh-CN': '社会保障卡申领', en: 'Social security card' }, codes: { basic: '000120001000', implement: '11420100MB1234567X-SB-01', handleItem: null }, timeLimit: { promised: { days: 5, unit: 'workingDays' } } },
    { id: 'WHMA-HJ-02', name: '户口迁移' },
  ],
}));
const tricky = '=HYPERLINK("x")，请补交照片, 送"市民之家"2楼\n周一至周五';

/** Splits RFC 4180 text into rows of cells (quoted cells may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const endCell = () => {
    row.push(cell);
    cell = '';
  };
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i += 1;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (quoted) {
      cell += c;
    } else if (c === ',') {
      endCell();
    } else if (c === '\r' && text[i + 1] === '\n') {
      endCell();
      rows.push(row);
      row = [];
      i += 1;
    } else {
      cell += c;
    }
  }
  return rows;
}

describe('kioskctl hub export on an on-disk PGlite', () => {
  let hub: RunningHubHandle | null = null;
  const ids: Record<string, string> = {};
  let kiosk: EnrolResponse;
  const start = async () => (hub = await startHub({ dataDir, catalogFile, clock: { now: () => clock.getTime() }, log: false }));
  const exportVia = (args: string[]) => runKioskctl(['hub', 'export', ...args, '--data', dataDir, '--catalog', catalogFile], { DATABASE_URL: '' }, 90_000);

  beforeAll(async () => {
    const running = await start();
    kiosk = await enrol(running, '420102-001');
    let seq = 97_000_000;
    const submit = async (name: string, handlingCity: string) => {
      const item = makeItem({ handlingCity, receiptNo: formatReceiptNo('420102-001', seq++), createdAt: clock.toISOString() });
      const answer = await call<{ results: { status: string }[] }>(`${running.url}/v1/applications:batch`, { token: kiosk.credential, body: { items: [item] } });
      expect(answer.body.results[0]?.status).toBe('accepted');
      ids[name] = item.id;
      return item;
    };
    const a = await submit('a', '420102');
    await submit('b', '420100');
    const c = await submit('c', '420700');
    const wuhan = (await running.createCityToken('420100', '武汉市 跨市通办 专窗')).token;
    const ezhou = (await running.createCityToken('420700', '鄂州')).token;
    const move = (token: string, city: string, id: string, body: unknown) => call(`${running.url}/v1/cities/${city}/applications/${id}/events`, { token, body });
    expect((await move(wuhan, '420100', ids.a ?? '', { status: 'accepted' })).status).toBe(200);
    expect((await move(wuhan, '420100', ids.b ?? '', { status: 'needsCorrection', note: tricky })).status).toBe(200);
    expect((await move(ezhou, '420700', ids.c ?? '', { status: 'accepted' })).status).toBe(200);
    clock = new Date('2026-10-06T02:00:00Z');
    expect((await move(wuhan, '420100', ids.a ?? '', { status: 'completed', note: '证件已寄出' })).status).toBe(200);
    const ratings = [
      makeRating({ applicationId: a.id, receiptNo: a.receiptNo, ratedAt: '2026-09-30T05:00:00.000Z' }),
      makeRating({ applicationId: a.id, receiptNo: a.receiptNo, level: 'dissatisfied', reasons: ['slow'], comment: '=1+1 太慢, "三次"', assessNumber: 2, ratedAt: '2026-10-06T03:00:00.000Z' }),
      makeRating({ division: '420111', level: 'satisfied', ratedAt: '2026-10-06T04:00:00.000Z' }),
      makeRating({ applicationId: c.id, receiptNo: c.receiptNo, ratedAt: '2026-10-06T05:00:00.000Z' }),
      makeRating({ division: '420704', ratedAt: '2026-10-06T06:00:00.000Z' }),
    ];
    const sent = await call<{ results: { status: string }[] }>(`${running.url}/v1/ratings:batch`, { token: kiosk.credential, body: { items: ratings } });
    expect(sent.body.results.map((r) => r.status)).toEqual(Array(5).fill('accepted'));
    ids.after = ratings[1]?.id ?? '';
    ids.unlinked = ratings[2]?.id ?? '';
  }, 120_000);
  afterAll(async () => {
    await hub?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('exports a city\'s cases with their events as JSONL and CSV, the same through the running hub and straight from the database', { timeout: 300_000 }, async () => {
    const jsonlLive = await exportVia(['--city', '420100', '--since', '2026-10-01', '--format', 'jsonl']);
    expect(jsonlLive.code, jsonlLive.stderr).toBe(0);
    expect(jsonlLive.stderr).toMatch(/exported 1 cases of 420100 \(via hub\)/);
    const lines = jsonlLive.stdout.trim().split('\n');
    expect(lines).toHaveLength(1); // b changed before the 1st (China time), c is another city's
    const a = JSON.parse(lines[0] ?? '{}');
    expect(Object.keys(a).sort()).toEqual(['events', 'handlingCity', 'note', 'receiptNo', 'receivedAt', 'receivedDivision', 'serviceId', 'status', 'statusLabel',
      '办件编号', '办结时间', '受理时间', '基本编码', '实施编码', '承诺办结时间', '申请时间', '事项名称'].sort());
    expect(a).toMatchObject({
      事项名称: '社会保障卡申领', 实施编码: '11420100MB1234567X-SB-01', 基本编码: '000120001000', handlingCity: '420102', receivedDivision: '420102',
      申请时间: '2026-09-30T12:00:00+08:00', 受理时间: '2026-09-30T12:00:00+08:00', 承诺办结时间: '2026-10-07', 办结时间: '2026-10-06T10:00:00+08:00',
      status: 'completed', statusLabel: '已办结', note: '证件已寄出',
    });
    expect(a.events.map((e: { status: string }) => e.status)).toEqual(['received', 'accepted', 'completed']);
    expect(a.events[2]).toEqual({ status: 'completed', statusLabel: '已办结', fromStatus: 'accepted', at: '2026-10-06T10:00:00+08:00', city: '420100', operator: '武汉市 跨市通办 专窗', note: '证件已寄出' });

    const out = join(dataDir, 'cases.csv');
    const csvLive = await exportVia(['--city', '420100', '--since', '2026-09-01', '--format', 'csv', '--out', out]);
    expect(csvLive.code, csvLive.stderr).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const csvText = readFileSync(out, 'utf8');
    expect(csvText.startsWith('\uFEFF办件编号,receiptNo,事项名称,')).toBe(true);
    const rows = parseCsv(csvText.slice(1));
    const header = rows[0] ?? [];
    const col = (row: string[], name: string) => row[header.indexOf(name)];
    expect(rows).toHaveLength(1 + 3 + 2); // header, a: received/accepted/completed, b: received/needsCorrection
    const correction = rows.find((r) => col(r, 'event.status') === 'needsCorrection') ?? [];
    expect(col(correction, 'event.note')).toBe(`'${tricky}`); // quoted whole, formula defused
    expect(col(correction, 'event.operator')).toBe('武汉市 跨市通办 专窗');
    expect(rows.every((r) => r.length === header.length)).toBe(true);

    await hub?.close();
    hub = null;
    const jsonlOffline = await exportVia(['--city', '420100', '--since', '2026-10-01', '--format', 'jsonl']);
    expect(jsonlOffline.code, jsonlOffline.stderr).toBe(0);
    expect(jsonlOffline.stderr).toMatch(/via database/);
    expect(jsonlOffline.stdout).toBe(jsonlLive.stdout);
    const csvOffline = await exportVia(['--city', '420100', '--since', '2026-09-01', '--format', 'csv']);
    expect(csvOffline.stdout).toBe(csvText);
    await start();
  });

  it('exports the ratings of a city\'s cases in the national form, both 好差评 of a case, and refuses a bad command line', { timeout: 300_000 }, async () => {
    const live = await exportVia(['--city', '420100', '--since', '2026-10-01', '--format', 'jsonl', '--what', 'ratings']);
    expect(live.code, live.stderr).toBe(0);
    const records = live.stdout.trim().split('\n').map((l) => JSON.parse(l));
    // Not the first rating of a (given on the 30th), nor 鄂州's: the after-result rating and one given at a Wuhan kiosk without a case.
    expect(records.map((r) => r.ratingId).sort()).toEqual([ids.after, ids.unlinked].sort());
    const after = records.find((r) => r.ratingId === ids.after);
    expect(after).toMatchObject({ caseNo: expect.stringMatching(/^420100-/), taskCode: '11420100MB1234567X-SB-01', taskName: '社会保障卡申领', assessNumber: '2', satisfaction: '2', satisfactionCode: '4', pf: '5', areaCode: '420102', kioskReasons: ['slow'] });
    const all = await exportVia(['--city', '420100', '--since', '2026-09-01', '--format', 'csv', '--what', 'ratings']);
    const rows = parseCsv(all.stdout.slice(1));
    const header = rows[0] ?? [];
    const ofA = rows.filter((r) => r[header.indexOf('caseNo')] === after.caseNo).map((r) => r[header.indexOf('assessNumber')]);
    expect(ofA.sort()).toEqual(['1', '2']);
    expect(rows.find((r) => r[0] === ids.after)?.[header.indexOf('writingEvaluation')]).toBe(`'=1+1 太慢, "三次"`);

    expect((await exportVia(['--city', '420102', '--since', '2026-10-01', '--format', 'csv'])).code).toBe(64);
    expect((await exportVia(['--city', '420100', '--since', 'yesterday', '--format', 'csv'])).code).toBe(64);
    expect((await exportVia(['--city', '420100', '--since', '2026-10-01', '--format', 'xml'])).code).toBe(64);
  });
});

describe('kioskctl hub export straight from PostgreSQL (a hub runs on it too)', () => {
  const database = useDatabase('postgres');
  const started = useHub(database, { catalogFile, clock: { now: () => clock.getTime() } });
  afterAll(() => rmSync(catalogDir, { recursive: true, force: true }));

  it('exports the case with its events and both of its ratings', { timeout: 180_000 }, async () => {
    clock = new Date('2026-09-30T04:00:00Z');
    const kiosk = await enrol(started.hub, '420102-001');
    const item = makeItem({ handlingCity: '420102', receiptNo: formatReceiptNo('420102-001', 98_000_000), createdAt: clock.toISOString() });
    await call(`${started.hub.url}/v1/applications:batch`, { token: kiosk.credential, body: { items: [item] } });
    const { token } = await started.hub.createCityToken('420100', '武汉');
    const move = (body: unknown) => call(`${started.hub.url}/v1/cities/420100/applications/${item.id}/events`, { token, body });
    expect((await move({ status: 'accepted' })).status).toBe(200);
    clock = new Date('2026-10-06T02:00:00Z');
    expect((await move({ status: 'completed' })).status).toBe(200);
    const ratings = [1, 2].map((assessNumber) => makeRating({ applicationId: item.id, receiptNo: item.receiptNo, assessNumber: assessNumber as 1 | 2, ratedAt: `2026-10-0${assessNumber + 4}T03:00:00.000Z` }));
    await call(`${started.hub.url}/v1/ratings:batch`, { token: kiosk.credential, body: { items: ratings } });

    const run = (args: string[]) => runKioskctl(['hub', 'export', '--city', '420100', '--since', '2026-09-01', ...args, '--data', started.dataDir, '--catalog', catalogFile], { DATABASE_URL: database.url }, 90_000);
    const cases = await run(['--format', 'jsonl']);
    expect(cases.code, cases.stderr).toBe(0);
    expect(cases.stderr).toMatch(/via database/);
    const [record] = cases.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(record).toMatchObject({ receiptNo: item.receiptNo, 事项名称: '社会保障卡申领', 承诺办结时间: '2026-10-07', status: 'completed' });
    expect(record.events.map((e: { status: string }) => e.status)).toEqual(['received', 'accepted', 'completed']);
    const rated = await run(['--format', 'jsonl', '--what', 'ratings']);
    expect(rated.stdout.trim().split('\n').map((l) => JSON.parse(l).assessNumber).sort()).toEqual(['1', '2']);
  });
});
