// Clocks (issue 10 §3): the hub refuses applications dated far from its own clock, and a kiosk whose clock is
// off reports it. Both clocks are injected, so the tests hold on any day and measure exact differences.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createEventHub } from '../../src/bridge/dispatcher';
import { batchResponseSchema } from '../../src/domain/hubApi';
import { createLogger } from '../../main/host/log';
import { enrolKiosk } from '../../main/host/hub/enrol';
import { createHubService } from '../../main/host/hub/hubService';
import { listKiosks } from '../../hub/store/kiosks';
import { call, enrol, engines, makeItem, useDatabase, useHub } from './support';

const minute = 60_000;
const day = 24 * 60 * minute;
const hubNow = Date.parse('2030-01-10T03:00:00Z');

describe.each(engines)('createdAt window on %s', (engine) => {
  const database = useDatabase(engine);
  const started = useHub(database, { clock: { now: () => hubNow } });

  it('rejects an application more than 1 day ahead or 60 days behind the hub clock, per item, and stores the rest', async () => {
    const kiosk = await enrol(started.hub);
    const at = (offset: number) => makeItem({ createdAt: new Date(hubNow + offset).toISOString() });
    const items = [at(day + 1000), at(day - 1000), at(-60 * day - 1000), at(-60 * day + 1000), at(0)];
    const answer = await call(`${started.hub.url}/v1/applications:batch`, { token: kiosk.credential, body: { items } });
    expect(answer.status).toBe(200);
    const results = batchResponseSchema.parse(answer.body).results;
    expect(results.map((r) => r.status)).toEqual(['rejected', 'accepted', 'rejected', 'accepted', 'accepted']);
    expect(results[0]).toMatchObject({ reason: expect.stringMatching(/more than 1 day ahead of the hub clock/) });
    expect(results[2]).toMatchObject({ reason: expect.stringMatching(/more than 60 days behind the hub clock/) });
  });
});

describe('enrolment codes expire on the hub clock', () => {
  let now = hubNow;
  const database = useDatabase('pglite');
  const started = useHub(database, { clock: { now: () => now } });

  it('a one-hour code enrols a minute before its hour is up and not a minute after, years away from the machine clock', async () => {
    now = hubNow;
    const early = await started.hub.createEnrolmentCode('420102-011', 60 * minute);
    const late = await started.hub.createEnrolmentCode('420102-012', 60 * minute);
    now = hubNow + 59 * minute;
    expect((await call(`${started.hub.url}/v1/enrol`, { body: { code: early.code } })).status).toBe(201);
    now = hubNow + 61 * minute;
    expect((await call(`${started.hub.url}/v1/enrol`, { body: { code: late.code } })).status).toBe(401);
  });
});

describe('kiosk clock skew', () => {
  const database = useDatabase('pglite');
  const started = useHub(database, { clock: { now: () => hubNow } });
  const dataDirs: string[] = [];
  afterAll(() => {
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  });

  /** An enrolled kiosk hub client whose clock is `offset` ms off the hub's; returns it with its log lines. */
  async function kioskWithClockOff(offset: number) {
    const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-clock-'));
    dataDirs.push(dataDir);
    const { code } = await started.hub.createEnrolmentCode('420102-011');
    const enrolled = await enrolKiosk({ hubUrl: started.hub.url, code, dataDir });
    if (!enrolled.ok) throw new Error(enrolled.error.message);
    const lines: string[] = [];
    const log = createLogger('test/clock', { write: (line) => lines.push(line) });
    const service = createHubService({ url: started.hub.url, dataDir, log, heartbeatMs: 0, now: () => hubNow + offset });
    await service.start(createEventHub());
    return { service, lines, kioskId: enrolled.value.kioskId };
  }
  const lastSkewAtHub = async (kioskId: string) =>
    ((await listKiosks(database.db)).find((k) => k.kioskId === kioskId)?.lastHeartbeat as { clockSkewMs?: number | null } | undefined)?.clockSkewMs;

  it('logs a clock more than 5 minutes off and reports it in the next heartbeat', async () => {
    const { service, lines, kioskId } = await kioskWithClockOff(-10 * minute);
    expect((await service.heartbeat()).ok).toBe(true);
    expect((await service.heartbeat()).ok).toBe(true);
    const warnings = lines.map((line) => JSON.parse(line) as { level: string; msg: string; clockSkewMs?: number }).filter((line) => /clock differs/.test(line.msg));
    expect(warnings).toEqual([expect.objectContaining({ level: 'warn', clockSkewMs: -10 * minute })]);
    expect(await lastSkewAtHub(kioskId)).toBe(-10 * minute);
    // The technician's health panel reads it from 'hub.status'.
    expect(await service.handlers['hub.status']?.({})).toMatchObject({ ok: true, value: { clockSkewMs: -10 * minute } });
    service.stop();
  });

  it('stays quiet about a clock within 5 minutes, and still reports the measured difference', async () => {
    const { service, lines, kioskId } = await kioskWithClockOff(4 * minute);
    await service.heartbeat();
    await service.heartbeat();
    expect(lines.some((line) => line.includes('clock differs'))).toBe(false);
    expect(await lastSkewAtHub(kioskId)).toBe(4 * minute);
    service.stop();
  });
});
