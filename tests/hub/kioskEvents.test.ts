// The hub hears about it (issue 11 §5): a device's trouble raises a kiosk event; the event survives a restart
// of the kiosk, travels with the next heartbeat beside the devices' health, is stored once (even when a
// heartbeat is sent again) and is listed to the city's operators by GET /v1/kiosks, not to another city's.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createEventHub } from '../../src/bridge/dispatcher';
import { createLogger } from '../../main/host/log';
import { enrolKiosk } from '../../main/host/hub/enrol';
import { createHubService } from '../../main/host/hub/hubService';
import { createKioskEvents } from '../../main/host/kioskEvents';
import { createDeviceEventWatcher } from '../../main/host/devices/deviceEvents';
import type { DeviceHealthEntry } from '../../main/host/devices/deviceManager';
import { createAuditLog } from '../../main/host/maintenance/audit';
import { devicesHeartbeat } from '../../main/host/services';
import { listKiosks } from '../../hub/store/kiosks';
import { call, engines, tempDir, useDatabase, useHub } from './support';

const silent = createLogger('test/events', { write: () => undefined });
const printer = (state: string, detail?: string): DeviceHealthEntry => ({ kind: 'printer', label: '打印机', driver: 'printer/escpos-serial', state, ...(detail ? { detail } : {}), facts: {} });
const reader = (state: string): DeviceHealthEntry => ({ kind: 'idcard', label: '身份证阅读器', driver: 'idcard/sam-serial', state, facts: {} });

describe('device events on the kiosk', () => {
  it('raises on a change only, and once more when the device is ready again', () => {
    const dir = tempDir('kiosk-events-');
    const events = createKioskEvents({ file: join(dir, 'events.json'), log: silent });
    let health = [printer('ready'), reader('ready')];
    const watcher = createDeviceEventWatcher({ health: () => health }, events);
    watcher.check();
    expect(events.pending()).toEqual([]);
    health = [printer('paperNearEnd'), reader('ready')];
    watcher.check();
    watcher.check();
    health = [printer('paperOut', '打印机缺纸'), reader('disconnected')];
    watcher.check();
    health = [printer('coverOpen'), reader('connecting')]; // connecting: not back yet
    watcher.check();
    health = [printer('ready'), reader('ready')];
    watcher.check();
    expect(events.pending().map((e) => [e.kind, e.detail])).toEqual([
      ['printer.paperNearEnd', 'printer paperNearEnd'],
      ['printer.paperOut', 'printer paperOut: 打印机缺纸'],
      ['device.notAnswering', 'idcard disconnected'],
      ['printer.coverOpen', 'printer coverOpen'],
      ['device.recovered', 'printer ready'],
      ['device.recovered', 'idcard ready'],
    ]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports installed devices only, as ok, degraded, offline or unknown', () => {
    const none: DeviceHealthEntry = { kind: 'scanner', label: '扫描仪', driver: 'none', state: 'unconfigured', facts: {} };
    expect(devicesHeartbeat([printer('paperOut', '打印机缺纸'), reader('ready'), none])).toEqual({
      printer: { status: 'degraded', detail: 'paperOut: 打印机缺纸' },
      idcard: { status: 'ok', detail: 'ready' },
    });
    expect(devicesHeartbeat([printer('noResponse')]).printer!.status).toBe('offline');
  });
});

describe.each(engines)('kiosk events reach the hub on %s', (engine) => {
  const database = useDatabase(engine);
  const started = useHub(database);
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('keeps events across a restart, sends them with device health, stores each once, lists them per city', async () => {
    const dataDir = tempDir('kiosk-events-hub-');
    dirs.push(dataDir);
    const { code } = await started.hub.createEnrolmentCode('420102-021');
    const enrolled = await enrolKiosk({ hubUrl: started.hub.url, code, dataDir });
    if (!enrolled.ok) throw new Error(enrolled.error.message);
    const file = join(dataDir, 'kiosk-events.json');

    // Raised while the hub was not asked yet; the kiosk then restarts (a new store on the same file).
    const before = createKioskEvents({ file, log: silent });
    before.raise('printer.paperOut', 'printer paperOut: 打印机缺纸');
    const audit = createAuditLog(join(dataDir, 'logs', 'audit.log'), undefined, (line) => before.raise('maintenance.audit', line));
    audit({ event: 'enter', role: 'technician' });
    audit({ event: 'pin.wrong', detail: 'failures 1' });
    const events = createKioskEvents({ file, log: silent });
    expect(events.pending().map((e) => e.kind)).toEqual(['printer.paperOut', 'maintenance.audit', 'maintenance.audit']);

    // A heartbeat the hub stored but whose answer was lost: the same events go again with the next one.
    const lost = events.pending();
    const resend = { pending: () => lost, delivered: () => undefined };
    const health = () => devicesHeartbeat([printer('paperOut', '打印机缺纸'), reader('ready')]);
    const first = createHubService({ url: started.hub.url, dataDir, log: silent, heartbeatMs: 0, deviceHealth: health, events: resend });
    await first.start(createEventHub());
    expect((await first.heartbeat()).ok).toBe(true);
    first.stop();
    const service = createHubService({ url: started.hub.url, dataDir, log: silent, heartbeatMs: 0, deviceHealth: health, events });
    await service.start(createEventHub());
    expect((await service.heartbeat()).ok).toBe(true);
    expect(events.pending()).toEqual([]); // answered: done, also on disk
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual([]);
    service.stop();

    const listed = (await listKiosks(database.db)).find((k) => k.kioskId === enrolled.value.kioskId)!;
    expect(listed.recentEvents.map((e) => [e.kind, e.detail])).toEqual(
      expect.arrayContaining([
        ['printer.paperOut', 'printer paperOut: 打印机缺纸'],
        ['maintenance.audit', 'enter technician'],
        ['maintenance.audit', 'pin.wrong failures 1'],
      ]),
    );
    expect(listed.recentEvents).toHaveLength(3);
    expect(listed.lastHeartbeat).toMatchObject({ devices: { printer: { status: 'degraded', detail: 'paperOut: 打印机缺纸' }, idcard: { status: 'ok' } } });
    expect(listed.lastHeartbeat).not.toHaveProperty('events');

    // Operators: the city's token sees its kiosks and their events; another city's token does not; none: 401.
    const wuhan = await started.hub.createCityToken('420100', 'wuhan ops');
    const huangshi = await started.hub.createCityToken('420200', 'huangshi ops');
    const seen = await call<{ city: string; kiosks: { kioskId: string; recentEvents: { kind: string }[] }[] }>(`${started.hub.url}/v1/kiosks`, { token: wuhan.token });
    expect(seen.status).toBe(200);
    const mine = seen.body.kiosks.find((k) => k.kioskId === enrolled.value.kioskId);
    expect(mine?.recentEvents.map((e) => e.kind)).toContain('printer.paperOut');
    const other = await call<{ kiosks: { kioskId: string }[] }>(`${started.hub.url}/v1/kiosks`, { token: huangshi.token });
    expect(other.body.kiosks.map((k) => k.kioskId)).not.toContain(enrolled.value.kioskId);
    expect((await call(`${started.hub.url}/v1/kiosks`)).status).toBe(401);
  });

  it('takes a heartbeat with an event kind it does not know yet (a newer kiosk), and refuses a malformed one', async () => {
    const { code } = await started.hub.createEnrolmentCode('420102-022');
    const enrolled = await call<{ credential: string }>(`${started.hub.url}/v1/enrol`, { body: { code } });
    const beat = (events: unknown) => call(`${started.hub.url}/v1/heartbeat`, { token: enrolled.body.credential, body: { version: '1.0.0', devices: {}, queueDepth: 0, lastSyncAt: null, events } });
    expect((await beat([{ id: 'e1', kind: 'scanner.jammed', at: '2030-01-01T00:00:00.000Z' }])).status).toBe(200);
    expect((await beat([{ id: 'e2', kind: 'DROP TABLE', at: '2030-01-01T00:00:00.000Z' }])).status).toBe(400);
  });
});
