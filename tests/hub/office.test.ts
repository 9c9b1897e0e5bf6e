// The back office at /office (issue 13) over real HTTP, on PGlite and on PostgreSQL: sign-in (generic failure,
// double-submit token, cookie flags, rate limit), the city queue and its filters, the case view that opens a
// really sealed personal part for the handling city's operators only (403 and audited otherwise), CSRF on every
// POST, status changes with notes, and the audit log. The hub's clock is injected.
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadHubKeys } from '../../hub/keys';
import { hashPassword } from '../../hub/office/passwords';
import { startHub, type RunningHubHandle } from '../../hub/startHub';
import { readAudit } from '../../hub/store/officeAudit';
import { addOperator } from '../../hub/store/operators';
import { formatReceiptNo } from '../../src/domain/receiptNo';
import { call, enrol, engines, makeItem, sealAs, tempDir, useDatabase, type Engine } from './support';
import type { Db } from '../../hub/db/db';

let clock = new Date('2026-09-30T02:00:00Z'); // a Wednesday, 10:00 in China
let receiptSeq = 97_000_000;
const password = 'jiang-han-road-1906';
const catalog = {
  version: 'office-1',
  items: [
    { id: 'WHMA-SB-01', name: { 'zh-CN': '社会保障卡申领', en: 'Social security card' }, timeLimit: { promised: { days: 5, unit: 'workingDays' } }, form: [{ id: 'phone', kind: 'phone', label: { 'zh-CN': '联系电话' } }, { id: 'delivery', kind: 'choice', label: { 'zh-CN': '领取方式' }, options: [{ value: 'post', label: { 'zh-CN': '邮寄' } }] }] },
    { id: 'WHMA-HJ-02', name: '户口迁移' },
  ],
};

/** A browser without script: a cookie jar, manual redirects, forms posted urlencoded. */
class Browser {
  private cookies = new Map<string, string>();
  constructor(
    private readonly base: string,
    private readonly headers: Record<string, string> = {},
  ) {}
  async request(path: string, form?: Record<string, string>) {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const response = await fetch(`${this.base}${path}`, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: { ...this.headers, ...(cookie ? { cookie } : {}), ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      body: form ? new URLSearchParams(form).toString() : undefined,
    });
    const setCookies = response.headers.getSetCookie();
    for (const line of setCookies) {
      const [pair] = line.split(';');
      const [name, ...value] = pair!.split('=');
      if (/Max-Age=0/.test(line)) this.cookies.delete(name!);
      else this.cookies.set(name!, value.join('='));
    }
    return { status: response.status, location: response.headers.get('location'), text: await response.text(), setCookies, headers: response.headers };
  }
  hidden(text: string, name: string): string {
    return new RegExp(`name="${name}" value="([^"]*)"`).exec(text)?.[1] ?? '';
  }
  async signIn(name: string, secret = password) {
    const form = await this.request('/office/login');
    return this.request('/office/login', { _login: this.hidden(form.text, '_login'), name, password: secret });
  }
}

function useOfficeHub(database: { readonly db: Db }, withKey: boolean) {
  const state: { hub?: RunningHubHandle } = {};
  const dataDir = tempDir('kiosk-office-');
  beforeAll(async () => {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(join(dataDir, 'catalog.json'), JSON.stringify(catalog));
    loadHubKeys(dataDir);
    state.hub = await startHub({
      dataDir, db: database.db, catalogFile: join(dataDir, 'catalog.json'), log: false, clock: { now: () => clock.getTime() }, trustProxy: 'loopback',
      officeKeyFile: withKey ? join(dataDir, 'keys', 'hpke-x25519.pem') : undefined,
    });
  });
  afterAll(async () => state.hub?.close());
  return { get hub() { return state.hub!; } };
}

async function submit(hub: RunningHubHandle, handlingCity: string, site: string, serviceId = 'WHMA-SB-01') {
  const kiosk = await enrol(hub, site);
  const id = crypto.randomUUID();
  const sealed = await sealAs(kiosk.hpkePublicKey, { id, kioskId: kiosk.kioskId, serviceId }, { applicant: { name: '张三丰', idNumber: '420102199001011234', sex: 'male', address: '武汉市江汉区解放大道1号' }, form: { phone: '13800000000', delivery: 'post' } });
  const item = makeItem({ id, handlingCity, serviceId, receiptNo: formatReceiptNo(site, receiptSeq++), createdAt: clock.toISOString(), sealed });
  const answer = await call<{ results: { status: string; caseNo: string }[] }>(`${hub.url}/v1/applications:batch`, { token: kiosk.credential, body: { items: [item] } });
  expect(answer.status).toBe(200);
  expect(answer.body.results[0]?.status).toBe('accepted');
  return { id, caseNo: answer.body.results[0]!.caseNo };
}

const names = (engine: Engine) => ({ wuhan: `武汉-王五-${engine}`, huangshi: `黄石-赵六-${engine}` });

describe.each(engines)('back office on %s', (engine) => {
  const database = useDatabase(engine);
  const started = useOfficeHub(database, true);
  const { wuhan, huangshi } = names(engine);
  beforeAll(async () => {
    await addOperator(database.db, { city: '420100', name: wuhan, passwordHash: await hashPassword(password), now: clock });
    await addOperator(database.db, { city: '420200', name: huangshi, passwordHash: await hashPassword(password), now: clock });
  });

  it('ends a session after 8 hours', async () => {
    clock = new Date('2026-09-30T02:00:00Z');
    const browser = new Browser(started.hub.url);
    expect((await browser.signIn(wuhan)).status).toBe(303);
    clock = new Date('2026-09-30T09:59:59Z');
    expect((await browser.request('/office/queue')).status).toBe(200);
    clock = new Date('2026-09-30T10:00:00Z');
    expect((await browser.request('/office/queue')).location).toBe('/office/login');
    clock = new Date('2026-09-30T02:00:00Z');
  });

  it('signs in with a generic failure message, a double-submit form token and a strict cookie', async () => {
    const browser = new Browser(started.hub.url);
    expect((await browser.request('/office/queue')).location).toBe('/office/login');
    const wrong = await browser.signIn(wuhan, 'not-the-password');
    const unknown = await browser.signIn('nobody-here', password);
    expect(wrong.status).toBe(200);
    expect(wrong.text).toContain('用户名或密码不正确');
    expect(unknown.text).toContain('用户名或密码不正确');
    expect(wrong.text.replace(/value="[^"]*"/g, '')).toBe(unknown.text.replace(/value="[^"]*"/g, '')); // same page but the name typed
    // A form posted from elsewhere (no token cookie) signs nobody in.
    const forged = await new Browser(started.hub.url).request('/office/login', { _login: 'x'.repeat(24), name: wuhan, password });
    expect(forged.status).toBe(403);

    const good = await browser.signIn(wuhan);
    expect(good.status).toBe(303);
    expect(good.location).toBe('/office/queue');
    const session = good.setCookies.find((c) => c.startsWith('zwxw_office='))!;
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Strict/);
    expect(session).toMatch(/Path=\/office/);
    expect(session).not.toMatch(/Secure/); // plain http on loopback
    const queue = await browser.request('/office/queue');
    expect(queue.status).toBe(200);
    expect(queue.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(queue.headers.get('cache-control')).toBe('no-store');

    const viaTls = await new Browser(started.hub.url, { 'x-forwarded-proto': 'https' }).signIn(wuhan);
    expect(viaTls.setCookies.find((c) => c.startsWith('zwxw_office='))).toMatch(/; Secure/);

    const logout = await browser.request('/office/logout', { _csrf: browser.hidden(queue.text, '_csrf') });
    expect(logout.location).toBe('/office/login');
    expect((await browser.request('/office/queue')).location).toBe('/office/login');
    const audit = (await readAudit(database.db, { city: '420100' })).filter((e) => e.operatorName === wuhan).map((e) => e.action);
    expect(audit).toEqual(['login', 'loginFailed', 'login', 'login', 'logout']);
    expect((await readAudit(database.db)).some((e) => e.operatorName === 'nobody-here')).toBe(false);
  });

  it('shows a city only its own cases, filtered, and opens, accepts and completes one with the audit log', { timeout: 60_000 }, async () => {
    const mine = await submit(started.hub, '420102', '420700-011'); // handled in 武汉, received in 鄂州
    const other = await submit(started.hub, '420200', '420100-012'); // handled in 黄石
    const browser = new Browser(started.hub.url);
    await browser.signIn(wuhan);
    const queue = await browser.request('/office/queue');
    expect(queue.text).toContain(mine.caseNo);
    expect(queue.text).not.toContain(other.caseNo);
    expect(queue.text).toContain('社会保障卡申领');
    expect(queue.text).toContain('已收件');
    expect((await browser.request('/office/queue?received=420700')).text).toContain(mine.caseNo);
    expect((await browser.request('/office/queue?received=420900')).text).not.toContain(mine.caseNo);
    expect((await browser.request('/office/queue?status=accepted')).text).not.toContain(mine.caseNo);
    expect((await browser.request('/office/queue?service=WHMA-HJ-02')).text).not.toContain(mine.caseNo);

    // Another city's case: 403 by direct URL, nothing of it shown, the refusal audited.
    const refused = await browser.request(`/office/cases/${other.id}`);
    expect(refused.status).toBe(403);
    expect(refused.text).not.toContain(other.caseNo);
    const page = await browser.request(`/office/cases/${mine.id}`);
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('张三丰'); // closed until asked
    const csrf = browser.hidden(page.text, '_csrf');
    expect((await browser.request(`/office/cases/${other.id}/open`, { _csrf: csrf })).status).toBe(403);
    expect((await browser.request(`/office/cases/${mine.id}/open`, { _csrf: 'forged' })).status).toBe(403);

    clock = new Date('2026-09-30T02:30:00Z');
    const opened = await browser.request(`/office/cases/${mine.id}/open`, { _csrf: csrf });
    expect(opened.status).toBe(200);
    expect(opened.text).toContain('张三丰');
    expect(opened.text).toContain('联系电话');
    expect(opened.text).toContain('邮寄'); // the choice's label, not its value
    const audit = (await readAudit(database.db, { city: '420100' })).filter((e) => e.operatorName === wuhan && e.applicationId);
    expect(audit.map((e) => [e.action, e.caseNo ?? '', e.detail])).toEqual([
      ['refused', other.caseNo, 'view'],
      ['refused', other.caseNo, 'open'],
      ['open', mine.caseNo, ''],
    ]);
    expect(audit[2]!.at).toBe('2026-09-30T02:30:00.000Z');
    expect(audit[2]!.applicationId).toBe(mine.id);

    const noNote = await browser.request(`/office/cases/${mine.id}/events`, { _csrf: csrf, status: 'needsCorrection', note: ' ' });
    expect(noNote.status).toBe(400);
    expect(noNote.text).toContain('请填写说明');
    expect((await browser.request(`/office/cases/${mine.id}/events`, { status: 'accepted', note: '' })).status).toBe(403); // no CSRF token
    const accepted = await browser.request(`/office/cases/${mine.id}/events`, { _csrf: csrf, status: 'accepted', note: '' });
    expect(accepted.status).toBe(303);
    const after = await browser.request(accepted.location!);
    expect(after.text).toContain('状态已改为：已受理');
    expect(after.text).toContain('2026-10-07'); // 5 working days from Wednesday 2026-09-30
    expect((await browser.request(`/office/cases/${mine.id}/events`, { _csrf: csrf, status: 'rejected', note: '不符合条件' })).status).toBe(409);
    clock = new Date('2026-09-30T08:00:00Z'); // the same afternoon: still inside the 8-hour session
    const completed = await browser.request(`/office/cases/${mine.id}/events`, { _csrf: csrf, status: 'completed', note: '社保卡已寄出' });
    expect(completed.location).toBe(`/office/cases/${mine.id}?changed=completed`);
    const status = await call<{ status: string; note: string }>(`${started.hub.url}/v1/status/${(await database.db.query<{ receipt_no: string }>('SELECT receipt_no FROM applications WHERE id = $1', [mine.id])).rows[0]!.receipt_no}`);
    expect(status.body).toMatchObject({ status: 'completed', note: '社保卡已寄出' });
    const events = await database.db.query<{ operator: string; city: string }>('SELECT operator, city FROM case_events WHERE application_id = $1 ORDER BY seq', [mine.id]);
    expect(events.rows).toEqual([expect.objectContaining({ operator: expect.stringContaining(wuhan), city: '420100' }), expect.objectContaining({ operator: expect.stringContaining(wuhan) })]);

    // 黄石's operator does not see it, and 武汉's does not see 黄石's.
    const huangshiBrowser = new Browser(started.hub.url);
    await huangshiBrowser.signIn(huangshi);
    const theirs = await huangshiBrowser.request('/office/queue?status=all');
    expect(theirs.text).toContain(other.caseNo);
    expect(theirs.text).not.toContain(mine.caseNo);
    expect((await huangshiBrowser.request(`/office/cases/${mine.id}`)).status).toBe(403);
  });

  it("lists the last day's calls for staff and cards left behind at the city's own cabins above the queue", async () => {
    clock = new Date('2026-09-30T02:00:00Z');
    const hoursAgo = (h: number) => new Date(clock.getTime() - h * 3600_000).toISOString();
    const beat = async (site: string, events: { id: string; kind: string; at: string }[]) => {
      const kiosk = await enrol(started.hub, site);
      const answer = await call(`${started.hub.url}/v1/heartbeat`, { token: kiosk.credential, body: { version: '1.0.0', devices: {}, queueDepth: 0, lastSyncAt: null, events } });
      expect(answer.status).toBe(200);
    };
    await beat('420200-051', [
      { id: 'a1', kind: 'kiosk.callStaff', at: hoursAgo(1) },
      { id: 'a2', kind: 'card.leftBehind', at: hoursAgo(2) },
      { id: 'a3', kind: 'kiosk.callStaff', at: hoursAgo(25) }, // yesterday's: handled or not, no longer news
      { id: 'a4', kind: 'printer.paperOut', at: hoursAgo(1) }, // for the technician, not the office
    ]);
    await beat('420100-052', [{ id: 'b1', kind: 'kiosk.callStaff', at: hoursAgo(1) }]); // a 武汉 cabin

    const browser = new Browser(started.hub.url);
    await browser.signIn(huangshi);
    const page = (await browser.request('/office/queue')).text;
    const alerts = [...page.matchAll(/<li data-alert-kind="([^"]+)">([^<]+)<\/li>/g)].map((m) => [m[1], m[2]]);
    expect(alerts).toEqual([
      ['kiosk.callStaff', '2026-09-30 09:00 · 湖北省黄石市 站点 420200-051：居民在政务小屋呼叫工作人员'],
      ['card.leftBehind', '2026-09-30 08:00 · 湖北省黄石市 站点 420200-051：居民离开时身份证留在读卡器上'],
    ]);
    const other = new Browser(started.hub.url);
    await other.signIn(wuhan);
    expect((await other.request('/office/queue')).text).not.toContain('420200-051');
  });

  it('answers 429 after 10 failed sign-ins for a name, even with the right password then', { timeout: 60_000 }, async () => {
    // Another client address (the hub trusts loopback's X-Forwarded-For here), so only this name's failures count.
    const browser = new Browser(started.hub.url, { 'x-forwarded-for': '203.0.113.9' });
    for (let i = 0; i < 10; i++) expect((await browser.signIn(huangshi, `wrong-password-${i}`)).status).toBe(200);
    const blocked = await browser.signIn(huangshi);
    expect(blocked.status).toBe(429);
    expect(blocked.text).toContain('尝试次数过多');
    expect(blocked.headers.get('retry-after')).toMatch(/^\d+$/);
  });
});

describe('back office of a hub without an opening key', () => {
  const database = useDatabase('pglite');
  const started = useOfficeHub(database, false);
  it('shows the case but cannot open its personal part, and audits nothing as opened', async () => {
    await addOperator(database.db, { city: '420100', name: 'nokey-王', passwordHash: await hashPassword(password), now: clock });
    const mine = await submit(started.hub, '420100', '420100-021');
    const browser = new Browser(started.hub.url);
    await browser.signIn('nokey-王');
    const page = await browser.request(`/office/cases/${mine.id}`);
    expect(page.text).toContain('未配置解密密钥');
    const opened = await browser.request(`/office/cases/${mine.id}/open`, { _csrf: browser.hidden(page.text, '_csrf') });
    expect(opened.text).not.toContain('张三丰');
    expect((await readAudit(database.db)).some((e) => e.action === 'open')).toBe(false);
  });
});

describe('a public process without the key and an office process with it, over one database', () => {
  const database = useDatabase('pglite');
  const state: { publicHub?: RunningHubHandle; officeHub?: RunningHubHandle } = {};
  const publicDir = tempDir('kiosk-public-');
  const officeDir = tempDir('kiosk-officeonly-');
  beforeAll(async () => {
    loadHubKeys(publicDir);
    cpSync(join(publicDir, 'keys'), join(officeDir, 'keys'), { recursive: true }); // the same key files, as docs/hub.md says
    writeFileSync(join(publicDir, 'catalog.json'), JSON.stringify(catalog));
    const common = { db: database.db, catalogFile: join(publicDir, 'catalog.json'), log: false as const, clock: { now: () => clock.getTime() } };
    state.publicHub = await startHub({ ...common, dataDir: publicDir, serve: 'public' });
    state.officeHub = await startHub({ ...common, dataDir: officeDir, serve: 'office', officeKeyFile: join(officeDir, 'keys', 'hpke-x25519.pem') });
  });
  afterAll(async () => {
    await state.officeHub?.close();
    await state.publicHub?.close();
  });

  it('takes applications only on the public one and opens them only on the office one', async () => {
    clock = new Date('2026-09-30T02:00:00Z');
    const { publicHub, officeHub } = state as Required<typeof state>;
    await addOperator(database.db, { city: '420100', name: 'split-王', passwordHash: await hashPassword(password), now: clock });
    const mine = await submit(publicHub, '420100', '420100-031');
    expect((await fetch(`${publicHub.url}/office/login`)).status).toBe(404);
    expect((await call(`${officeHub.url}/v1/applications:batch`, { body: { items: [] } })).status).toBe(404);
    expect((await call(`${officeHub.url}/v1/enrol`, { body: { code: 'AAAA-BBBB-CCCC' } })).status).toBe(404);
    expect((await call(`${officeHub.url}/v1/health`)).status).toBe(200);
    const browser = new Browser(officeHub.url);
    await browser.signIn('split-王');
    const page = await browser.request(`/office/cases/${mine.id}`);
    const opened = await browser.request(`/office/cases/${mine.id}/open`, { _csrf: browser.hidden(page.text, '_csrf') });
    expect(opened.text).toContain('张三丰');
    await expect(startHub({ dataDir: tempDir(), db: database.db, log: false, serve: 'public', officeKeyFile: join(officeDir, 'keys', 'hpke-x25519.pem') })).rejects.toThrow(/public-only/);
  });
});

describe('back office logs', () => {
  const database = useDatabase('pglite');
  const lines: string[] = [];
  const state: { hub?: RunningHubHandle } = {};
  const dataDir = tempDir('kiosk-officelog-');
  beforeAll(async () => {
    loadHubKeys(dataDir);
    state.hub = await startHub({ dataDir, db: database.db, clock: { now: () => clock.getTime() }, log: { level: 'info', stream: { write: (line) => void lines.push(line) } }, officeKeyFile: join(dataDir, 'keys', 'hpke-x25519.pem') });
  });
  afterAll(async () => state.hub?.close());

  it('carry no password, session cookie, CSRF token or anything of the opened application', async () => {
    await addOperator(database.db, { city: '420100', name: 'log-王', passwordHash: await hashPassword(password), now: clock });
    const mine = await submit(state.hub!, '420100', '420100-041');
    const browser = new Browser(state.hub!.url);
    await browser.signIn('log-王', 'a-wrong-password-77');
    const signedIn = await browser.signIn('log-王');
    const cookie = /zwxw_office=([^;]+)/.exec(signedIn.setCookies.join('\n'))![1]!;
    const page = await browser.request(`/office/cases/${mine.id}`);
    const csrf = browser.hidden(page.text, '_csrf');
    expect((await browser.request(`/office/cases/${mine.id}/open`, { _csrf: csrf })).text).toContain('张三丰');
    expect((await browser.request(`/office/cases/${mine.id}/events`, { _csrf: csrf, status: 'needsCorrection', note: '请补交户口簿首页' })).status).toBe(303);
    const log = lines.join('\n');
    expect(lines.some((line) => /office opened a sealed part/.test(line))).toBe(true); // the log is really captured
    for (const secret of [password, 'a-wrong-password-77', cookie, csrf, '张三丰', '420102199001011234', '13800000000', '解放大道']) expect(log).not.toContain(secret);
  });
});
