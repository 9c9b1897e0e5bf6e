// The field-staff screen's host side on a real data directory and real bundles: closed without a maintenance
// role that may update; lists what a USB folder holds with the verdict as a code; installs with progress
// events (bytes rising to the total, time left from the injected clock); refuses a file outside the USB roots
// and a bundle damaged after it was listed, with nothing changed; keeps the maintenance session open through an
// install longer than its idle limit.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../src/bridge/contract';
import { createEventHub } from '../../../src/bridge/dispatcher';
import { kioskDataDir, makeKey, payloadFor, snapshot, tempDir, writeBundle } from '../../../tests/update/rig';
import { loadConfig } from '../config';
import { createDeviceManager } from '../devices/deviceManager';
import { createLogger } from '../log';
import { createAuditLog } from '../maintenance/audit';
import { createMaintenanceService, maintenanceIdleMs } from '../maintenance/maintenanceService';
import { hashPin } from '../maintenance/pinHash';
import { createPinGuard } from '../maintenance/pinGuard';
import { updateStatus } from './bootSlot';
import { createFieldUpdateService } from './fieldUpdateService';

const key = makeKey();
const otherKey = makeKey();

function setUp(role: 'open' | 'closed' = 'open') {
  const kiosk = kioskDataDir(key);
  const usb = tempDir('kiosk-usb-');
  const stick = join(usb, 'KINGSTON');
  mkdirSync(stick);
  let now = 1_000_000;
  const progress: EventPayload<'update.progress'>[] = [];
  const events = createEventHub();
  events.subscribe((event) => {
    if (event.name === 'update.progress') progress.push(event.payload as EventPayload<'update.progress'>);
  });
  let restarted = 0;
  const service = createFieldUpdateService({
    dataDir: kiosk.dataDir,
    factoryVersion: kiosk.factoryVersion,
    channel: 'stable',
    usbRoots: [usb],
    allows: (action) => role === 'open' && action === 'update',
    log: createLogger('test', { write: () => undefined }),
    clock: { now: () => now },
    // Each file "takes" 100 ms of the injected clock: the estimate follows from it, no real waiting.
    between: async () => {
      now += 100;
    },
    restart: () => restarted++,
  });
  void service.start(events);
  const handlers = service.handlers;
  return { kiosk, usb, stick, progress, handlers, restarted: () => restarted };
}

describe('field update service', () => {
  it('answers forbidden to every method without a maintenance role allowed to update', async () => {
    const { handlers, stick } = setUp('closed');
    const bundle = writeBundle(stick, key.privateKey, { version: '0.2.0' });
    expect(await handlers['update.usb']!({})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await handlers['update.install']!({ file: bundle })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await handlers['update.restart']!({})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('lists the bundles on the stick with version, channel, notes and a verdict code', async () => {
    const { handlers, stick } = setUp();
    writeBundle(stick, key.privateKey, { version: '0.2.0', notes: '修正回执二维码' });
    writeBundle(stick, key.privateKey, { version: '0.3.0', channel: 'pilot' });
    writeBundle(stick, otherKey.privateKey, { version: '0.4.0' });
    const answer = await handlers['update.usb']!({});
    if (!answer.ok) throw new Error(answer.error.message);
    expect(answer.value.installed).toMatchObject({ current: { slot: 'factory', version: '0.1.0' }, pending: false, rolledBack: null });
    const byName = Object.fromEntries(answer.value.bundles.map((b) => [b.name, b]));
    expect(byName['kiosk-0.2.0-stable.bundle']).toMatchObject({ manifest: { version: '0.2.0', channel: 'stable', notes: '修正回执二维码' }, refusal: null });
    expect(byName['kiosk-0.3.0-pilot.bundle']).toMatchObject({ refusal: { kind: 'policy', code: 'channel', params: { bundle: 'pilot', kiosk: 'stable' } } });
    expect(byName['kiosk-0.4.0-stable.bundle']).toMatchObject({ manifest: null, refusal: { kind: 'verification', code: 'untrusted' } });
  });

  it('installs with progress events up to every byte, then restarts on request', async () => {
    const { handlers, stick, progress, kiosk, restarted } = setUp();
    const files = payloadFor('0.2.0', 4);
    const bundle = writeBundle(stick, key.privateKey, { version: '0.2.0' }, files);
    const answer = await handlers['update.install']!({ file: bundle });
    expect(answer).toEqual({ ok: true, value: { installed: true, version: '0.2.0', slot: 'A' } });
    expect(updateStatus(kiosk)).toMatchObject({ current: { slot: 'A', version: '0.2.0' }, pending: true, lastResult: 'installed' });

    const total = files.reduce((sum, f) => sum + f.bytes.length, 0);
    const writing = progress.filter((p) => p.phase === 'writing' && p.bytesDone > 0);
    expect(writing).toHaveLength(files.length);
    expect(writing.map((p) => p.bytesDone)).toEqual(files.map((_, i) => files.slice(0, i + 1).reduce((sum, f) => sum + f.bytes.length, 0)));
    expect(writing.every((p) => p.bytesTotal === total)).toBe(true);
    // The injected clock moves 100 ms between files: no rate after the first, then the rest at the rate so far.
    expect(writing[0]!.msLeft).toBeNull();
    const twoFiles = files[0]!.bytes.length + files[1]!.bytes.length;
    expect(writing[1]!.msLeft).toBe(Math.round(((total - twoFiles) * 100) / twoFiles));
    expect(writing.at(-1)!.msLeft).toBe(0);
    expect(progress.at(-1)?.phase).toBe('switching');

    expect(await handlers['update.restart']!({})).toEqual({ ok: true, value: {} });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(restarted()).toBe(1);
  });

  it('refuses a file outside the USB roots, and a bundle damaged after it was listed, changing nothing', async () => {
    const { handlers, stick, kiosk } = setUp();
    const elsewhere = writeBundle(tempDir(), key.privateKey, { version: '0.2.0' });
    expect(await handlers['update.install']!({ file: elsewhere })).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });

    const bundle = writeBundle(stick, key.privateKey, { version: '0.2.0' });
    const listed = await handlers['update.usb']!({});
    expect(listed.ok && listed.value.bundles[0]?.refusal).toBeNull();
    const before = snapshot(kiosk.dataDir, 'logs');
    const bytes = readFileSync(bundle);
    bytes[bytes.length - 3] = bytes[bytes.length - 3]! ^ 0x01; // one byte of the last file
    writeFileSync(bundle, bytes);
    const answer = await handlers['update.install']!({ file: bundle });
    expect(answer).toMatchObject({ ok: true, value: { installed: false, refusal: { kind: 'verification', code: 'damaged' } } });
    expect(snapshot(kiosk.dataDir, 'logs')).toEqual(before);
  });
});

describe('an install longer than the maintenance idle limit', () => {
  it('keeps the field-staff session open while it runs, and lets it close idle 2 minutes after', async () => {
    const kiosk = kioskDataDir(key);
    const usb = tempDir('kiosk-usb-');
    const bundle = writeBundle(usb, key.privateKey, { version: '0.2.0' }, payloadFor('0.2.0', 4));
    const log = createLogger('test', { write: () => undefined });
    let now = 1_000_000;
    const config = loadConfig(kiosk.dataDir);
    config.maintenance.pins = { fieldStaff: await hashPin('13579135') };
    const maintenance = createMaintenanceService({
      config,
      devices: createDeviceManager({}, log),
      guard: createPinGuard({ file: join(kiosk.dataDir, 'maintenance-guard.json'), now: () => now }),
      audit: createAuditLog(join(kiosk.dataDir, 'logs', 'audit.log'), () => now),
      log,
      version: '0.1.0',
      dataDir: kiosk.dataDir,
      now: () => now,
    });
    maintenance.start(createEventHub());
    expect(await maintenance.handlers['maintenance.enter']!({ pin: '13579135' })).toMatchObject({ ok: true, value: { outcome: 'opened' } });
    const service = createFieldUpdateService({
      dataDir: kiosk.dataDir,
      factoryVersion: kiosk.factoryVersion,
      channel: 'stable',
      usbRoots: [usb],
      allows: (action) => maintenance.allows(action),
      holdSession: () => maintenance.hold(),
      log,
      clock: { now: () => now },
      // A slow stick: each file takes a minute, and the idle check runs while it writes, as the host's timer would.
      between: async () => {
        now += maintenanceIdleMs / 2;
        expect(maintenance.role()).toBe('fieldStaff');
      },
      restart: () => undefined,
    });
    void service.start(createEventHub());
    expect(await service.handlers['update.install']!({ file: bundle })).toMatchObject({ ok: true, value: { installed: true } });
    expect(maintenance.role()).toBe('fieldStaff'); // the result is on screen to read
    now += maintenanceIdleMs;
    expect(maintenance.role()).toBeNull();
  });
});
