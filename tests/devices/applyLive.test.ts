// Maintenance's detect and apply on real serial lines (issue 11 §4): printer simulators on socat pseudo-terminals.
// The host's role check comes first (field staff may restart but neither detect nor leave for the desktop);
// detect finds the second printer beside an empty port; applying it restarts the driver live and writes
// config.json; applying a port where nothing answers fails the test and puts the working printer back.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrinterSimulator } from '../../devices/sim/printerSim';
import type { PrinterSimulator } from '../../devices/sim/printerSim';
import { openPtyPair } from '../../devices/sim/ptyPair';
import type { PtyPair } from '../../devices/sim/ptyPair';
import type { Handlers, MethodName } from '../../src/bridge/contract';
import { createEventHub } from '../../src/bridge/dispatcher';
import { loadConfig, saveConfig } from '../../main/host/config';
import { createDeviceManager } from '../../main/host/devices/deviceManager';
import { createLogger } from '../../main/host/log';
import { createAuditLog } from '../../main/host/maintenance/audit';
import { createMaintenanceDevices } from '../../main/host/maintenance/maintenanceDevices';
import { createMaintenanceService } from '../../main/host/maintenance/maintenanceService';
import { createPinGuard } from '../../main/host/maintenance/pinGuard';
import { hashPin } from '../../main/host/maintenance/pinHash';

const dir = mkdtempSync(join(tmpdir(), 'kiosk-apply-'));
const dataDir = join(dir, 'data');
const log = createLogger('test', { write: () => undefined });
let pairs: PtyPair[] = [];
let sims: PrinterSimulator[] = [];

beforeAll(async () => {
  pairs = await Promise.all([
    openPtyPair({ dir, names: ['printer-a', 'printer-a-sim'] }),
    openPtyPair({ dir, names: ['printer-b', 'printer-b-sim'] }),
    openPtyPair({ dir, names: ['empty', 'empty-sim'] }),
  ]);
  sims = await Promise.all(pairs.slice(0, 2).map((pair, i) => startPrinterSimulator({ path: pair.simPath, outDir: join(dir, `out-${i}`), state: 'ready' })));
});
afterAll(async () => {
  await Promise.all(sims.map((s) => s.close()));
  await Promise.all(pairs.map((p) => p.close()));
  rmSync(dir, { recursive: true, force: true });
});

describe('maintenance detect and apply, live', () => {
  it('gates by role in the host, applies a detected printer live, and rolls back one that fails its test', async () => {
    const [a, b, empty] = pairs as [PtyPair, PtyPair, PtyPair];
    const [simA, simB] = sims as [PrinterSimulator, PrinterSimulator];
    const config = loadConfig(dataDir, {});
    config.devices.printer = { driver: 'printer/escpos-serial', port: a.devicePath, options: {} };
    config.maintenance.pins = { technician: await hashPin('246810'), fieldStaff: await hashPin('13579135') };
    saveConfig(dataDir, config);
    const devices = createDeviceManager(config.devices, log);
    const maintenance = createMaintenanceService({ config, devices, guard: createPinGuard({ file: join(dataDir, 'guard.json') }), audit: createAuditLog(join(dataDir, 'audit.log')), log, version: '1', dataDir });
    const left: string[] = [];
    const actions = createMaintenanceDevices({ maintenance, devices, dataDir, config, log, ports: async () => [b.devicePath, empty.devicePath, a.devicePath], detectTimeoutMs: 2000, testTimeoutMs: 6000, leave: (to) => left.push(to) });
    const handlers: Handlers = { ...maintenance.handlers, ...actions.handlers, ...devices.handlers };
    const call = async (method: MethodName, input: object = {}) => (handlers[method] as (i: object) => Promise<{ ok: boolean; value?: never; error?: { code: string } }>)(input);
    const events = createEventHub();
    await devices.start(events);
    maintenance.start(events);
    try {
      // No session: nothing. Field staff: restart yes; detect, apply and the desktop no.
      expect((await call('maintenance.detect')).error?.code).toBe('forbidden');
      expect((await call('maintenance.enter', { pin: '13579135' })).value).toMatchObject({ outcome: 'opened' });
      expect((await call('maintenance.detect')).error?.code).toBe('forbidden');
      expect((await call('maintenance.applyDevice', { kind: 'printer', driver: 'printer/escpos-serial', port: b.devicePath, baud: 9600 })).error?.code).toBe('forbidden');
      expect((await call('maintenance.leaveKiosk', { to: 'desktop' })).error?.code).toBe('forbidden');
      expect((await call('maintenance.leaveKiosk', { to: 'restart' })).ok).toBe(true);
      await expect.poll(() => left).toEqual(['restart']);
      await call('maintenance.exit');

      expect((await call('maintenance.enter', { pin: '246810' })).value).toMatchObject({ outcome: 'opened' });
      const detected = (await call('maintenance.detect')) as unknown as { ok: true; value: { results: { port: string; kind: string | null; detail: string }[]; proposal: { kind: string; port: string; driver: string; baud: number }[] } };
      expect(detected.value.results.map((r) => [r.port, r.kind])).toEqual([
        [b.devicePath, 'printer'],
        [empty.devicePath, null],
        [a.devicePath, null], // the running kiosk holds it: in use, not disturbed
      ]);
      expect(detected.value.results[2]!.detail).toMatch(/in use/);
      expect(detected.value.proposal).toEqual([{ kind: 'printer', driver: 'printer/escpos-serial', port: b.devicePath, baud: expect.any(Number) }]);

      const applied = await call('maintenance.applyDevice', detected.value.proposal[0]!);
      expect(applied.value).toMatchObject({ outcome: 'applied', state: 'ready' });
      expect(loadConfig(dataDir, {}).devices.printer?.port).toBe(b.devicePath);
      expect(JSON.parse(readFileSync(join(dataDir, 'config.json.prev'), 'utf8')).devices.printer.port).toBe(a.devicePath);
      expect((await call('maintenance.testPrint')).ok).toBe(true);
      await simB.waitForJobs(1, 20_000);
      expect(simA.jobs).toHaveLength(0);

      const failed = await call('maintenance.applyDevice', { kind: 'printer', driver: 'printer/escpos-serial', port: empty.devicePath, baud: 9600 });
      expect(failed.value).toMatchObject({ outcome: 'rolledBack', state: 'noResponse' });
      expect(devices.current('printer')?.port).toBe(b.devicePath);
      expect(loadConfig(dataDir, {}).devices.printer?.port).toBe(b.devicePath);
      await expect.poll(() => devices.health().find((h) => h.kind === 'printer')?.state, { timeout: 10_000 }).toBe('ready');
      expect((await call('maintenance.testPrint')).ok).toBe(true);
      await simB.waitForJobs(2, 20_000);
      const audit = readFileSync(join(dataDir, 'audit.log'), 'utf8');
      expect(audit).toContain('printer rolledBack noResponse');
      expect(audit).toContain('"event":"forbidden"');
    } finally {
      maintenance.stop();
      await devices.stop();
    }
  }, 90_000);
});
