// Maintenance checks on real parts (issue 11 §4): a test read over a socat pseudo-terminal with the reader
// simulator answers only the masked card; the log export writes redacted copies onto a "USB stick" folder.
// Both are refused to a role without them (field staff), in the host.
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSimCard } from '../../devices/sim/idcardCard';
import { startIdcardSimulator } from '../../devices/sim/idcardSim';
import { openPtyPair } from '../../devices/sim/ptyPair';
import type { Handlers, MethodName } from '../../src/bridge/contract';
import { createEventHub } from '../../src/bridge/dispatcher';
import { loadConfig } from '../../main/host/config';
import { createDeviceManager } from '../../main/host/devices/deviceManager';
import { createLogger } from '../../main/host/log';
import { createAuditLog } from '../../main/host/maintenance/audit';
import { createMaintenanceDevices } from '../../main/host/maintenance/maintenanceDevices';
import { createMaintenanceService } from '../../main/host/maintenance/maintenanceService';
import { createPinGuard } from '../../main/host/maintenance/pinGuard';
import { hashPin } from '../../main/host/maintenance/pinHash';

const dir = mkdtempSync(join(tmpdir(), 'kiosk-checks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const log = createLogger('test', { write: () => undefined });

describe('maintenance test read and log export', () => {
  it('reads a card masked, exports redacted logs to the stick, and refuses both to field staff', async () => {
    const dataDir = join(dir, 'data');
    const usb = join(dir, 'media');
    mkdirSync(join(usb, 'kiosk', 'STICK'), { recursive: true });
    mkdirSync(join(dataDir, 'logs'), { recursive: true });
    // A kiosk.log with a line an older version wrote with personal data in it, and a plain text line.
    writeFileSync(
      join(dataDir, 'logs', 'kiosk.log'),
      [
        JSON.stringify({ t: '2026-01-01T00:00:00.000Z', level: 'info', scope: 'host', msg: 'host started', version: '1.0.0' }),
        JSON.stringify({ t: '2026-01-01T00:00:01.000Z', level: 'warn', scope: 'old', msg: 'card read', name: '测试乙', idNumber: '420102199006150024' }),
        'crash: 测试乙 420102199006150024',
      ].join('\n') + '\n',
    );
    const pair = await openPtyPair({ dir, names: ['idcard', 'idcard-sim'] });
    const sim = await startIdcardSimulator({ path: pair.simPath, card: null });
    const config = loadConfig(dataDir, {});
    config.devices.idcard = { driver: 'idcard/sam-serial', port: pair.devicePath, options: {} };
    config.maintenance.pins = { technician: await hashPin('246810'), fieldStaff: await hashPin('13579135') };
    const devices = createDeviceManager(config.devices, log);
    const maintenance = createMaintenanceService({ config, devices, guard: createPinGuard({ file: join(dataDir, 'guard.json') }), audit: createAuditLog(join(dataDir, 'logs', 'audit.log')), log, version: '1', dataDir });
    const actions = createMaintenanceDevices({ maintenance, devices, dataDir, config, log, usbRoots: [usb], now: () => Date.parse('2030-05-06T07:08:09.000Z'), leave: () => undefined });
    const handlers: Handlers = { ...maintenance.handlers, ...actions.handlers };
    const call = async (method: MethodName, input: object = {}) => (handlers[method] as (i: object) => Promise<{ ok: boolean; value?: never; error?: { code: string } }>)(input);
    const events = createEventHub();
    await devices.start(events);
    maintenance.start(events);
    actions.start(events);
    try {
      await call('maintenance.enter', { pin: '13579135' });
      expect((await call('maintenance.testRead', { timeoutMs: 1000 })).error?.code).toBe('forbidden');
      expect((await call('maintenance.exportLogs')).error?.code).toBe('forbidden');
      await call('maintenance.exit');
      await call('maintenance.enter', { pin: '246810' });

      expect((await call('maintenance.testRead', { timeoutMs: 1000 })).value).toEqual({ outcome: 'timeout' });
      const reading = call('maintenance.testRead', { timeoutMs: 20_000 });
      sim.setCard(loadSimCard(join(import.meta.dirname, '../../devices/sim/cards/resident-hubei.json')));
      const read = (await reading).value as unknown as { outcome: string; name: string; idNumber: string };
      expect(read.outcome).toBe('read');
      expect(read.name).toBe('测*乙'); // the middle character hidden, as on every screen (src/domain/mask.ts)
      expect(read.idNumber).not.toBe('420102199006150024');
      expect(read.idNumber).toMatch(/^4201\*+0024$/);

      const exported = (await call('maintenance.exportLogs')).value as unknown as { folder: string; files: number; lines: number };
      expect(exported.folder).toBe(join(usb, 'kiosk', 'STICK', 'zhengwu-kiosk-logs-2030-05-06T07-08-09-000Z'));
      expect(readdirSync(exported.folder).sort()).toEqual(['audit.log', 'kiosk.log']);
      const copied = readFileSync(join(exported.folder, 'kiosk.log'), 'utf8');
      expect(copied).toContain('"msg":"host started"');
      expect(copied).toContain('"version":"1.0.0"');
      expect(copied).not.toContain('测试乙');
      expect(copied).not.toContain('420102199006150024');
      expect(readFileSync(join(exported.folder, 'audit.log'), 'utf8')).toContain('"event":"testRead"');
    } finally {
      maintenance.stop();
      await devices.stop();
      await sim.close();
      await pair.close();
    }
  }, 90_000);
});
