// The 'idcard' device service: bridge events in order and validated by the contract, 'card.status', the
// host's generic device service building it from configuration, and no name or ID number in any log line.
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createEventHub } from '../../../src/bridge/dispatcher';
import type { EventEnvelope } from '../../../src/bridge/contract';
import { idcardKind } from '../../../devices/idcard/drivers';
import { createIdcardService } from '../../../devices/idcard/service';
import type { DeviceService } from '../../../devices/registry';
import type { DeviceConfig } from '../config';
import { loadSimCard } from '../../../devices/sim/idcardCard';
import { createIdcardResponder } from '../../../devices/sim/idcardResponder';
import { fakeOpener } from '../../../tests/idcard/fakeReaderPort';
import { createLogger } from '../log';
import type { Logger } from '../log';
import { deviceServiceFor } from './deviceManager';

const cards = join(import.meta.dirname, '../../../devices/sim/cards');
const running: DeviceService[] = [];
const idcardServiceFromConfig = (device: DeviceConfig, log: Logger) => deviceServiceFor(idcardKind, device, log);
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
});

/** The first event of this name with a sequence number of at least `fromSeq` (default: any). */
function waitForEvent(seen: EventEnvelope[], name: string, hub: ReturnType<typeof createEventHub>, fromSeq = 0): Promise<EventEnvelope> {
  return new Promise((resolve, reject) => {
    const hit = seen.find((e) => e.name === name && e.seq >= fromSeq);
    if (hit) return resolve(hit);
    const timer = setTimeout(() => reject(new Error(`no ${name}; saw ${seen.map((e) => e.name).join(', ')}`)), 10_000);
    const off = hub.subscribe((e) => {
      if (e.name !== name || e.seq < fromSeq) return;
      clearTimeout(timer);
      off();
      resolve(e);
    });
  });
}

describe('idcard host service', () => {
  it('emits reader.status, card.inserted, card.read and card.removed, and answers card.status', async () => {
    const lines: string[] = [];
    const log = createLogger('idcard', { level: 'debug', write: (l) => lines.push(l) });
    const responder = createIdcardResponder(null);
    const hub = createEventHub();
    const seen: EventEnvelope[] = [];
    hub.subscribe((e) => seen.push(e));
    const service = createIdcardService({ port: '/dev/fake', log, openPort: fakeOpener(responder).open });
    running.push(service);
    expect(service.name).toBe('idcard');
    await service.start(hub);
    await waitForEvent(seen, 'reader.status', hub);
    const card = loadSimCard(join(cards, 'resident-longterm.json'));
    responder.setCard(card);
    const read = await waitForEvent(seen, 'card.read', hub);
    expect(read.payload).toEqual({
      cardType: 'resident', name: '测试样本', sex: 'female', nation: '01', nationName: '汉', birthDate: '1949-12-31', address: '北京市朝阳区测试路1号',
      idNumber: '11010519491231002X', issuer: '北京市公安局朝阳分局', validFrom: '2020-01-01', validTo: null, idNumberValid: true, photoBytes: 1024,
    });
    responder.setCard(null);
    await waitForEvent(seen, 'card.removed', hub);
    expect(seen.map((e) => e.name)).toEqual(['reader.status', 'reader.status', 'card.inserted', 'card.read', 'card.removed']);
    expect(seen.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    const status = await service.handlers['card.status']!({});
    expect(status).toEqual({ ok: true, value: { state: 'ready', detail: '/dev/fake @ 115200', cardPresent: false } });
    expect(await service.handlers['card.readAgain']!({})).toEqual({ ok: true, value: { present: false } });

    // A card left on the reader is read once per placing; readAgain reads it again without lifting it.
    responder.setCard(card);
    await waitForEvent(seen, 'card.read', hub, 6);
    expect(await service.handlers['card.status']!({})).toMatchObject({ value: { cardPresent: true } });
    expect(await service.handlers['card.readAgain']!({})).toEqual({ ok: true, value: { present: true } });
    await waitForEvent(seen, 'card.read', hub, 8);
    expect(seen.map((e) => e.name).slice(5)).toEqual(['card.inserted', 'card.read', 'card.read']);

    const logged = lines.join('\n');
    expect(lines.length).toBeGreaterThan(3);
    for (const secret of ['测试样本', '11010519491231002X', '110105', '北京市朝阳区', '19491231']) expect(logged).not.toContain(secret);
  });

  it('builds the service the configuration asks for', async () => {
    const log = createLogger('idcard', { write: () => undefined });
    const none = idcardServiceFromConfig({ driver: 'none', options: {} }, log);
    expect(await none.handlers['card.status']!({})).toEqual({ ok: true, value: { state: 'unconfigured', detail: '未配置身份证阅读器' } });
    const unknown = idcardServiceFromConfig({ driver: 'idcard/acme', port: '/dev/x', options: {} }, log);
    expect(await unknown.handlers['card.status']!({})).toMatchObject({ value: { state: 'unconfigured' } });
    const badOptions = idcardServiceFromConfig({ driver: 'idcard/sam-serial', port: '/dev/x', options: { pollIntervalMs: 50 } }, log);
    expect(await badOptions.handlers['card.status']!({})).toMatchObject({ value: { state: 'unconfigured', detail: '身份证阅读器配置无效' } });
    const noPort = idcardServiceFromConfig({ driver: 'idcard/sam-serial', options: {} }, log);
    expect(await noPort.handlers['card.status']!({})).toMatchObject({ value: { detail: '未配置身份证阅读器串口' } });
    const real = idcardServiceFromConfig({ driver: 'idcard/sam-serial', port: '/dev/does-not-exist', baud: 115200, options: { pollIntervalMs: 500 } }, log);
    expect(await real.handlers['card.status']!({})).toMatchObject({ value: { state: 'connecting' } });
  });

  it("driver 'idcard/sim' runs the simulator on an internal pty pair behind the real driver", async () => {
    const hub = createEventHub();
    const seen: EventEnvelope[] = [];
    hub.subscribe((e) => seen.push(e));
    const service = idcardServiceFromConfig(
      { driver: 'idcard/sim', options: { card: join(cards, 'foreigner2017.json'), faults: 'split', pollIntervalMs: 300 } },
      createLogger('idcard', { write: () => undefined }),
    );
    running.push(service);
    await service.start(hub);
    const read = await waitForEvent(seen, 'card.read', hub);
    expect(read.payload).toMatchObject({ cardType: 'foreigner', idNumber: 'XXX000000000000' });
    expect(await service.handlers['card.status']!({})).toMatchObject({ ok: true, value: { state: 'ready' } });
  });

  it('reports a missing port as disconnected and keeps the host alive', async () => {
    const hub = createEventHub();
    const seen: EventEnvelope[] = [];
    hub.subscribe((e) => seen.push(e));
    const service = idcardServiceFromConfig({ driver: 'idcard/sam-serial', port: '/dev/kiosk-no-such-reader', options: {} }, createLogger('idcard', { write: () => undefined }));
    running.push(service);
    await service.start(hub);
    const lost = await new Promise<EventEnvelope>((resolve) => {
      const check = () => seen.find((e) => e.name === 'reader.status' && (e.payload as { state: string }).state === 'disconnected');
      const hit = check();
      if (hit) return resolve(hit);
      const off = hub.subscribe(() => {
        const h = check();
        if (h) {
          off();
          resolve(h);
        }
      });
    });
    expect((lost.payload as { detail: string }).detail).toMatch(/cannot open \/dev\/kiosk-no-such-reader/);
  });
});
