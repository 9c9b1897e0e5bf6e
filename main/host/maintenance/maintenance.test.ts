// Maintenance entry on the host: PIN hashes, the wrong-PIN rules on an injected clock (kept across a new
// host on the same data directory), roles and what each may do, the idle close, and an audit log without PINs.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEventHub } from '../../../src/bridge/dispatcher';
import type { EventEnvelope } from '../../../src/bridge/contract';
import { loadConfig } from '../config';
import { createDeviceManager } from '../devices/deviceManager';
import { createLogger } from '../log';
import { createAuditLog } from './audit';
import { createMaintenanceService, maintenanceIdleMs } from './maintenanceService';
import { createPinGuard, guardRules } from './pinGuard';
import { hashPin, isPinHash, verifyPin } from './pinHash';

const technicianPin = '246810';
const fieldStaffPin = '13579135';
const hashes = { technician: await hashPin(technicianPin), fieldStaff: await hashPin(fieldStaffPin) };

function kiosk(dataDir: string, clock: { t: number }, pins: { technician?: string; fieldStaff?: string } = hashes) {
  const config = loadConfig(dataDir, {});
  config.maintenance.pins = pins;
  const log = createLogger('test', { write: () => undefined });
  const service = createMaintenanceService({
    config,
    devices: createDeviceManager({}, log),
    guard: createPinGuard({ file: join(dataDir, 'maintenance-guard.json'), now: () => clock.t }),
    audit: createAuditLog(join(dataDir, 'audit.log'), () => clock.t),
    log,
    version: '1.2.3',
    dataDir,
    now: () => clock.t,
  });
  const events = createEventHub();
  const seen: EventEnvelope[] = [];
  events.subscribe((e) => seen.push(e));
  service.start(events);
  const call = async (method: string, input: object = {}) => {
    const result = await service.handlers[method as 'maintenance.state']!(input as never);
    return result as { ok: boolean; value?: Record<string, unknown>; error?: { code: string } };
  };
  const enter = async (pin: string) => (await call('maintenance.enter', { pin })).value as { outcome: string; state: { retryAfterMs: number; failures: number; role: string | null } };
  return { service, call, enter, seen };
}

describe('PIN hashes', () => {
  it('are scrypt, salted, and verify only the right PIN', async () => {
    expect(isPinHash(hashes.technician)).toBe(true);
    expect(hashes.technician).not.toContain(technicianPin);
    expect(await hashPin(technicianPin)).not.toBe(hashes.technician);
    expect(await verifyPin(technicianPin, hashes.technician)).toBe(true);
    expect(await verifyPin('246811', hashes.technician)).toBe(false);
    expect(await verifyPin(technicianPin, 'plain')).toBe(false);
  });
});

describe('wrong PIN rules', () => {
  it('waits growing after 3 wrong PINs, locks for 15 minutes after 5, and a new host on the same data keeps the count', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-maint-'));
    const clock = { t: 1_000_000 };
    const first = kiosk(dir, clock);
    expect((await first.enter('000001')).outcome).toBe('wrongPin');
    expect((await first.enter('000002')).outcome).toBe('wrongPin');
    const third = await first.enter('000003');
    expect(third).toMatchObject({ outcome: 'wrongPin', state: { failures: 3, retryAfterMs: guardRules.firstDelayMs } });
    // Even the right PIN waits out the delay.
    expect((await first.enter(technicianPin)).outcome).toBe('wait');
    clock.t += guardRules.firstDelayMs;
    const fourth = await first.enter('000004');
    expect(fourth).toMatchObject({ outcome: 'wrongPin', state: { failures: 4, retryAfterMs: guardRules.firstDelayMs * 2 } });
    clock.t += guardRules.firstDelayMs * 2;

    // A reload (here: a whole new host service on the same data directory) does not reset the count.
    const second = kiosk(dir, clock);
    expect((await second.call('maintenance.state')).value).toMatchObject({ failures: 4 });
    expect(await second.enter('000005')).toMatchObject({ outcome: 'locked', state: { failures: 5, retryAfterMs: guardRules.lockoutMs } });
    clock.t += guardRules.lockoutMs - 1;
    expect((await second.enter(technicianPin)).outcome).toBe('locked');
    clock.t += 1;
    expect(await second.enter(technicianPin)).toMatchObject({ outcome: 'opened', state: { role: 'technician', failures: 0 } });

    const audit = readFileSync(join(dir, 'audit.log'), 'utf8');
    expect(audit).toContain('"event":"pin.lockout"');
    expect(audit).toContain('"event":"enter","role":"technician"');
    for (const pin of [technicianPin, '000001', '000005']) expect(audit).not.toContain(pin);
  });

  it('says the mode is closed when no PIN is set', async () => {
    const { enter, call } = kiosk(mkdtempSync(join(tmpdir(), 'kiosk-maint-')), { t: 0 }, {});
    expect((await enter(technicianPin)).outcome).toBe('notConfigured');
    expect((await call('maintenance.state')).value).toMatchObject({ configured: { technician: false, fieldStaff: false }, failures: 0 });
  });
});

describe('roles and sessions', () => {
  it('gives each role its own actions, refuses everything before entry, and closes after 2 idle minutes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-maint-'));
    const clock = { t: 5_000 };
    const { enter, call, service, seen } = kiosk(dir, clock);
    expect(await call('maintenance.health')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await enter(fieldStaffPin)).state.role).toBe('fieldStaff');
    expect(service.allows('update')).toBe(true);
    expect(service.allows('applyDevices')).toBe(false);
    expect(await call('maintenance.record', { action: 'requeue', detail: '2 rows' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const health = await call('maintenance.health');
    expect(health.value).toMatchObject({ version: '1.2.3', devices: [{ kind: 'idcard', state: 'unconfigured' }, { kind: 'printer', state: 'unconfigured' }] });
    expect(await call('maintenance.testPrint')).toMatchObject({ ok: false, error: { code: 'unavailable' } });

    clock.t += maintenanceIdleMs - 1;
    expect((await call('maintenance.state')).value).toMatchObject({ role: 'fieldStaff' });
    await call('maintenance.health'); // a call keeps the session alive
    clock.t += maintenanceIdleMs;
    expect((await call('maintenance.state')).value).toMatchObject({ role: null });
    expect(seen.filter((e) => e.name === 'maintenance.closed').map((e) => e.payload)).toEqual([{ reason: 'idle' }]);

    expect((await enter(technicianPin)).state.role).toBe('technician');
    expect(await call('maintenance.record', { action: 'requeue', detail: '2 rows' })).toMatchObject({ ok: true });
    expect((await call('maintenance.exit')).value).toMatchObject({ role: null });
    expect(seen.at(-1)?.payload).toEqual({ reason: 'exit' });
    service.stop();
  });
});
