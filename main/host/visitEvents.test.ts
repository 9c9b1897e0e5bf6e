import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createKioskEvents } from './kioskEvents';
import { createLogger } from './log';
import { createVisitEvents } from './visitEvents';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function setUp() {
  const dir = mkdtempSync(join(tmpdir(), 'visit-events-'));
  dirs.push(dir);
  let now = Date.UTC(2030, 0, 1, 2, 0);
  const events = createKioskEvents({ file: join(dir, 'events.json'), log: createLogger('test', { write: () => undefined }), now: () => now });
  let told = 0;
  const service = createVisitEvents({ events, tellHub: () => (told += 1), now: () => now });
  const report = (kind: 'kiosk.callStaff' | 'card.leftBehind') => service.handlers['app.visitEvent']!({ kind });
  return { events, report, told: () => told, advance: (ms: number) => (now += ms) };
}

describe('visit events', () => {
  it('raises a call for staff once per two minutes, and tells the hub at once', async () => {
    const kiosk = setUp();
    expect(await kiosk.report('kiosk.callStaff')).toEqual({ ok: true, value: { raised: true } });
    kiosk.advance(60_000);
    expect(await kiosk.report('kiosk.callStaff')).toEqual({ ok: true, value: { raised: false } });
    expect(await kiosk.report('card.leftBehind')).toEqual({ ok: true, value: { raised: true } }); // another kind
    kiosk.advance(60_000);
    expect(await kiosk.report('kiosk.callStaff')).toEqual({ ok: true, value: { raised: true } });
    expect(kiosk.events.pending().map((e) => [e.kind, e.at])).toEqual([
      ['kiosk.callStaff', '2030-01-01T02:00:00.000Z'],
      ['card.leftBehind', '2030-01-01T02:01:00.000Z'],
      ['kiosk.callStaff', '2030-01-01T02:02:00.000Z'],
    ]);
    expect(kiosk.told()).toBe(3);
  });
});
