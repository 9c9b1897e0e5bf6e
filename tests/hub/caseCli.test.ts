// `kioskctl hub case-event`: the operator's way to move a case until the back office exists. Through a running
// hub (PGlite, the admin route) and straight on a shared PostgreSQL (no hub needed), as a real child process.
import { describe, expect, it } from 'vitest';
import { publicCaseStatusSchema } from '../../src/domain/caseApi';
import { formatReceiptNo } from '../../src/domain/receiptNo';
import { runKioskctl } from '../support/kioskctl';
import { call, enrol, makeItem, useDatabase, useHub } from './support';

let seq = 95_000_000;

describe.each([
  { engine: 'pglite' as const, via: 'the running hub' },
  { engine: 'postgres' as const, via: 'the database' },
])('kioskctl hub case-event on $engine, through $via', ({ engine }) => {
  const database = useDatabase(engine);
  const started = useHub(database);
  const kioskctl = (args: string[]) =>
    runKioskctl(['hub', 'case-event', ...args, '--data', started.dataDir], { DATABASE_URL: database.url }, 60_000);

  it('accepts and completes a case by case number, refuses what the life cycle forbids, and the public sees it', { timeout: 180_000 }, async () => {
    const kiosk = await enrol(started.hub);
    const item = makeItem({ receiptNo: formatReceiptNo('420102-001', seq++) });
    const stored = await call<{ results: { caseNo: string }[] }>(`${started.hub.url}/v1/applications:batch`, { token: kiosk.credential, body: { items: [item] } });
    const caseNo = stored.body.results[0]?.caseNo ?? '';

    const accepted = await kioskctl([caseNo, '--status', 'accepted', '--operator', '王五']);
    expect(accepted.code, accepted.stderr).toBe(0);
    expect(JSON.parse(accepted.stdout)).toMatchObject({ id: item.id, caseNo, status: 'accepted' });
    const skipped = await kioskctl([item.id, '--status', 'rejected', '--operator', '王五', '--note', '不符合条件']);
    expect(skipped.code).toBe(1);
    expect(skipped.stderr).toMatch(/accepted case cannot become rejected/);
    const noNote = await kioskctl([item.id, '--status', 'needsCorrection', '--operator', '王五']);
    expect(noNote.code).toBe(1);
    expect(noNote.stderr).toMatch(/needs a note/);
    expect((await kioskctl(['420100-000000-999999', '--status', 'accepted', '--operator', '王五'])).code).toBe(1);
    const done = await kioskctl([item.id, '--status', 'completed', '--operator', '王五', '--note', '已寄出']);
    expect(done.code, done.stderr).toBe(0);

    const events = await database.db.query<{ status: string; operator: string; city: string }>('SELECT status, operator, city FROM case_events WHERE application_id = $1 ORDER BY seq', [item.id]);
    expect(events.rows).toEqual([
      { status: 'accepted', operator: 'kioskctl: 王五', city: '420100' },
      { status: 'completed', operator: 'kioskctl: 王五', city: '420100' },
    ]);
    const status = publicCaseStatusSchema.parse((await call(`${started.hub.url}/v1/status/${item.receiptNo}`)).body);
    expect(status).toMatchObject({ status: 'completed', note: '已寄出', statusLabel: { 'zh-CN': '已办结' } });
  });
});
