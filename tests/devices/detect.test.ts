// Auto-detect among decoys, on real pseudo-terminals through `kioskctl devices detect|apply`: the reader and
// printer simulators, an empty line, a line spewing random bytes, and a line another program holds. Both
// devices are assigned, every decoy is null within the timeout, and the printer simulator's transcript shows
// that only real-time status requests reached it (nothing that prints, feeds or cuts).
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DetectResult } from '../../devices/detect';
import { commonPrinterBauds } from '../../devices/printer/drivers';
import { closeSerial, openSerial } from '../../devices/serial';
import type { SerialLink } from '../../devices/serial';
import { loadSimCard } from '../../devices/sim/idcardCard';
import { startIdcardSimulator } from '../../devices/sim/idcardSim';
import type { IdcardSimulator } from '../../devices/sim/idcardSim';
import { startPrinterSimulator } from '../../devices/sim/printerSim';
import type { PrinterSimulator } from '../../devices/sim/printerSim';
import { openPtyPair } from '../../devices/sim/ptyPair';
import type { PtyPair } from '../../devices/sim/ptyPair';
import { loadConfig } from '../../main/host/config';
import { createDeviceManager } from '../../main/host/devices/deviceManager';
import { createLogger } from '../../main/host/log';
import { createEventHub } from '../../src/bridge/dispatcher';
import { runKioskctl } from '../support/kioskctl';

const root = join(import.meta.dirname, '../..');
const pairs: PtyPair[] = [];
let reader: IdcardSimulator;
let printer: PrinterSimulator;
let spewer: SerialLink;
let spewTimer: ReturnType<typeof setInterval>;
let holder: SerialLink;
const paths = { reader: '', printer: '', empty: '', noisy: '', held: '' };
const outDir = mkdtempSync(join(tmpdir(), 'kiosk-detect-'));

beforeAll(async () => {
  const open = async () => {
    const pair = await openPtyPair();
    pairs.push(pair);
    return pair;
  };
  const [r, p, e, n, h] = [await open(), await open(), await open(), await open(), await open()];
  reader = await startIdcardSimulator({ path: r.simPath, card: loadSimCard(join(root, 'devices/sim/cards/resident.json')) });
  printer = await startPrinterSimulator({ path: p.simPath, outDir, skipPng: true, state: 'paperNearEnd' });
  spewer = await openSerial({ path: n.simPath, baudRate: 9600 });
  spewTimer = setInterval(() => spewer.write(randomBytes(64)), 10);
  holder = await openSerial({ path: h.devicePath, baudRate: 9600 }); // as the running kiosk holds its ports
  Object.assign(paths, { reader: r.devicePath, printer: p.devicePath, empty: e.devicePath, noisy: n.devicePath, held: h.devicePath });
}, 30_000);

afterAll(async () => {
  clearInterval(spewTimer);
  await closeSerial(spewer);
  await closeSerial(holder);
  await reader.close();
  await printer.close();
  await Promise.all(pairs.map((p) => p.close()));
  rmSync(outDir, { recursive: true, force: true });
});

const byPort = (results: DetectResult[]) => Object.fromEntries(results.map((r) => [r.port, r]));

describe('kioskctl devices detect among decoys', () => {
  it('assigns the reader and the printer, reports every decoy as null, and never sends the printer a printable byte', async () => {
    const ports = [paths.empty, paths.noisy, paths.printer, paths.held, paths.reader];
    const run = await runKioskctl(['devices', 'detect', '--ports', ports.join(','), '--timeout', '3000', '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const results = JSON.parse(run.stdout) as DetectResult[];
    expect(results.map((r) => r.port)).toEqual(ports); // exactly as given: the socat links stay links
    const found = byPort(results);
    expect(found[paths.reader]).toMatchObject({ kind: 'idcard', driver: 'idcard/sam-serial', baud: 115200 });
    // A pseudo-terminal has no line rate: the simulator answers at the first rate tried (9600), or at a later one
    // when this loaded machine delays its reply past the first window; either is one of the printer's rates.
    expect(found[paths.printer]).toMatchObject({ kind: 'printer', driver: 'printer/escpos-serial', detail: '打印纸即将用完' });
    expect(commonPrinterBauds).toContain(found[paths.printer]!.baud);
    expect(found[paths.empty]).toMatchObject({ kind: null, driver: null, baud: null, detail: 'no known device answered' });
    expect(found[paths.noisy]).toMatchObject({ kind: null, detail: expect.stringMatching(/sends data unasked/) });
    expect(found[paths.held]).toMatchObject({ kind: null, detail: expect.stringMatching(/^in use/) });

    // What reached the printer: only DLE EOT n (four per rate tried), decoded by the simulator; no text, feed,
    // cut or job.
    expect(printer.transcript.length).toBeGreaterThanOrEqual(4);
    expect(printer.transcript.every((e) => e.t === 'realtimeStatus')).toBe(true);
    expect(printer.bytesReceived).toBe(3 * printer.transcript.length);
    expect(printer.jobs).toHaveLength(0);
    expect(reader.stats.requests).toBeGreaterThan(0);
  }, 30_000);

  it('apply writes what it found into a configuration written by the previous code, keeping the driver options', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-apply-'));
    try {
      copyFileSync(join(root, 'main/host/fixtures/config-v1.json'), join(dataDir, 'config.json'));
      const run = await runKioskctl(['devices', 'apply', '--data', dataDir, '--ports', [paths.reader, paths.printer, paths.empty].join(','), '--timeout', '3000', '--json']);
      expect(run.code).toBe(0);
      const applied = JSON.parse(run.stdout).applied as Record<string, { baud: number }>;
      expect(applied).toEqual({
        idcard: { driver: 'idcard/sam-serial', port: paths.reader, baud: 115200 },
        printer: { driver: 'printer/escpos-serial', port: paths.printer, baud: expect.any(Number) },
      });
      const config = loadConfig(dataDir, {});
      expect(config.version).toBe(2);
      expect(config.devices.idcard).toEqual({ driver: 'idcard/sam-serial', port: paths.reader, baud: 115200, options: { pollIntervalMs: 500 } });
      expect(config.devices.printer).toEqual({ driver: 'printer/escpos-serial', port: paths.printer, baud: applied.printer!.baud, options: { profile: 'clone-58' } });
      expect(config.hub.url).toBe('https://hub.example.gov.cn');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 30_000);

  it('reports the printer in use while the kiosk runs it, without disturbing it', async () => {
    const log = createLogger('test', { write: () => undefined });
    const kiosk = createDeviceManager({ printer: { driver: 'printer/escpos-serial', port: paths.printer, options: { idlePollMs: 0 } } }, log);
    await kiosk.start(createEventHub());
    try {
      expect(kiosk.health().find((h) => h.kind === 'printer')).toMatchObject({ state: 'paperNearEnd' });
      const run = await runKioskctl(['devices', 'detect', '--ports', paths.printer, '--timeout', '1000', '--json']);
      expect(JSON.parse(run.stdout)).toEqual([{ port: paths.printer, kind: null, driver: null, baud: null, detail: expect.stringMatching(/^in use/) }]);
      expect(kiosk.health().find((h) => h.kind === 'printer')).toMatchObject({ state: 'paperNearEnd' });
    } finally {
      await kiosk.stop();
    }
  }, 30_000);

  it('answers usage errors with exit 2', async () => {
    expect((await runKioskctl(['devices', 'detect', '--timeout', 'soon'])).code).toBe(2);
    expect((await runKioskctl(['devices', 'probe'])).code).toBe(2);
    expect((await runKioskctl(['devices', 'detect', '--ports', ','])).code).toBe(2);
  }, 30_000);
});
