// The printer as the kiosk and the technician use it, over a pseudo-terminal with the simulator:
// the host service behind 'printer.print' / 'printer.status', and `kioskctl printer test|status`.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getProfile } from '../../devices/printer/profiles';
import { openPtyPair } from '../../devices/sim/ptyPair';
import type { PtyPair } from '../../devices/sim/ptyPair';
import { startPrinterSimulator } from '../../devices/sim/printerSim';
import type { PrinterSimulator } from '../../devices/sim/printerSim';
import { createLogger } from '../../main/host/log';
import { createPrinterService } from '../../devices/printer/service';
import { printerKind } from '../../devices/printer/drivers';
import type { DeviceService } from '../../devices/registry';
import { deviceServiceFor } from '../../main/host/devices/deviceManager';
import { createEventHub } from '../../src/bridge/dispatcher';
import type { EventEnvelope } from '../../src/bridge/contract';
import { buildApplicationReceipt } from '../../src/domain/receiptTemplate';
import { runKioskctl } from '../support/kioskctl';
import { SerialPort } from 'serialport';
import { encodeReceipt } from '../../devices/printer/encoder';
import { buildTestPage } from '../../devices/printer/testPage';
import { sampleReceipt } from './fixtures';

let pair: PtyPair;
let sim: PrinterSimulator;
let outDir: string;

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'kiosk-printer-host-'));
  pair = await openPtyPair();
  sim = await startPrinterSimulator({ path: pair.simPath, outDir, profile: 'clone-80', skipPng: true });
});
afterAll(async () => {
  await sim.close();
  await pair.close();
  rmSync(outDir, { recursive: true, force: true });
});

describe("host service 'printer'", () => {
  let service: DeviceService;
  const logLines: string[] = [];
  const events: EventEnvelope[] = [];

  beforeAll(async () => {
    const hub = createEventHub();
    hub.subscribe((e) => events.push(e));
    const log = createLogger('test', { level: 'debug', write: (line) => logLines.push(line) });
    service = createPrinterService({ port: pair.devicePath, profile: getProfile('clone-80'), log, statusTimeoutMs: 300, minJobTimeoutMs: 2500, idlePollMs: 0 });
    await service.start(hub);
  });
  afterAll(async () => service.stop());

  const print = (input: { reprint?: boolean }) =>
    service.handlers['printer.print']!({ document: buildApplicationReceipt(sampleReceipt), reprint: input.reprint ?? false, jobId: undefined });

  it('announces the status at start', () => {
    expect(events.find((e) => e.name === 'printer.status')?.payload).toMatchObject({ state: 'ready' });
  });

  it('prints and answers { jobId, outcome }', async () => {
    const result = await print({});
    expect(result).toMatchObject({ ok: true, value: { outcome: 'printed', state: 'ready', replacedCharacters: 0 } });
    expect((await sim.waitForJobs(1))[0]?.reprint).toBe(false);
  });

  it('adds the 重打 mark when asked to reprint', async () => {
    const result = await print({ reprint: true });
    expect(result.ok).toBe(true);
    const jobs = await sim.waitForJobs(2);
    expect(jobs[1]?.lines[0]).toBe('【重打】');
  });

  it('draws the line of a name with a character the printer font lacks, and logs only its code point', async () => {
    const document = buildApplicationReceipt({ ...sampleReceipt, applicantName: '王小𠮷' });
    const result = await service.handlers['printer.print']!({ document, reprint: false, jobId: undefined });
    expect(result).toMatchObject({ ok: true, value: { outcome: 'printed', replacedCharacters: 0 } });
    const job = (await sim.waitForJobs(3))[2];
    expect(job?.lines.some((line) => line.startsWith('申请人'))).toBe(false); // not text: an image
    expect(job?.lines.join('\n')).not.toContain('□');
    expect(readFileSync(job!.txtPath, 'utf8')).toContain('[image 576×30 dots]');
    expect(logLines.join('\n')).toContain('U+20BB7');
  });

  it('answers an error carrying the printer state when the printer is not ready, and pushes the change', async () => {
    sim.setState('coverOpen');
    const result = await print({});
    expect(result).toEqual({ ok: false, error: { code: 'device', message: '打印机盖未合上', detail: 'coverOpen' } });
    expect(events.at(-1)?.payload).toMatchObject({ state: 'coverOpen' });
    expect(await service.handlers['printer.status']!({})).toMatchObject({ ok: true, value: { state: 'coverOpen' } });
    sim.setState('ready');
    expect(await service.handlers['printer.status']!({})).toMatchObject({ ok: true, value: { state: 'ready' } });
  });

  it('logs jobs without personal data', () => {
    const all = logLines.join('\n');
    expect(all).toContain('print job');
    expect(all).not.toMatch(/张|王|𠮷|420102199003071234/);
  });

  it("the host's printer.clear (the maintenance screen's button) drops an interrupted receipt the same way", async () => {
    const before = sim.jobs.length;
    // A receipt cut short by an earlier start (sent on a second handle to the line the service holds open).
    sim.failAfterLines(3, 'paperOut');
    const raw = new SerialPort({ path: pair.devicePath, baudRate: 9600, lock: false });
    await new Promise<void>((resolve, reject) => raw.once('open', resolve).once('error', reject));
    await new Promise<void>((resolve, reject) => raw.write(Buffer.from(encodeReceipt(buildTestPage(getProfile('epson-80')), getProfile('epson-80')).bytes), (e) => (e ? reject(e) : resolve())));
    await new Promise<void>((resolve) => raw.drain(() => resolve()));
    await expect.poll(() => sim.state).toBe('paperOut');
    await new Promise<void>((resolve) => raw.close(() => resolve()));

    const clear = service.handlers['printer.clear'];
    expect(await clear?.({})).toEqual({ ok: true, value: { cleared: true, state: 'paperOut' } });
    sim.setState('ready');
    expect((await service.handlers['printer.status']?.({}))?.ok).toBe(true);
    expect(sim.jobs.slice(before).filter((job) => job.cut)).toEqual([]);
  });
});

describe('printer service from configuration', () => {
  const log = createLogger('test', { write: () => undefined });

  it('is unconfigured with driver none, and for options that fail the driver schema', async () => {
    const none = deviceServiceFor(printerKind, { driver: 'none', options: {} }, log);
    expect(await none.handlers['printer.status']!({})).toEqual({ ok: true, value: { state: 'unconfigured', detail: '未配置打印机' } });
    const bad = deviceServiceFor(printerKind, { driver: 'printer/escpos-serial', port: '/dev/null', options: { profile: 'no-such-printer' } }, log);
    expect(await bad.handlers['printer.print']!({ document: { lines: [{ type: 'cut' }] }, reprint: false, jobId: undefined })).toMatchObject({
      ok: false,
      error: { code: 'unavailable', detail: 'unconfigured' },
    });
  });
});

const kioskctl = (args: string[]) => runKioskctl(args);

describe('kioskctl printer', () => {
  it('status --json prints the five booleans', async () => {
    sim.setState('paperNearEnd');
    const { code, stdout } = await kioskctl(['printer', 'status', '--port', pair.devicePath, '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ online: true, paperOut: false, paperNearEnd: true, coverOpen: false, error: false });
    sim.setState('ready');
  });

  it('test prints the test page and exits 0 only when acknowledged', async () => {
    const before = sim.jobs.length;
    const { code, stdout } = await kioskctl(['printer', 'test', '--port', pair.devicePath, '--profile', 'clone-80']);
    expect(code).toBe(0);
    expect(stdout).toContain('acknowledged');
    const job = (await sim.waitForJobs(before + 1))[before];
    expect(job?.lines.join('\n')).toMatch(/政务小屋 打印测试[\s\S]*䶮/);
    expect(job?.qr[0]?.payload).toBe('ZWXW-TEST:clone-80');
  });

  it('test exits non-zero with the reason when there is no paper', async () => {
    sim.setState('paperOut');
    const { code, stderr } = await kioskctl(['printer', 'test', '--port', pair.devicePath]);
    expect(code).toBe(3);
    expect(stderr).toContain('打印机缺纸');
    sim.setState('ready');
  });

  it('status exits 2 when the printer never answers', async () => {
    sim.setState('silent');
    const { code, stderr } = await kioskctl(['printer', 'status', '--port', pair.devicePath]);
    expect(code).toBe(2);
    expect(stderr).toContain('no answer');
    sim.setState('ready');
  });

  it('clear drops the rest a host that crashed mid-receipt left in the printer, so it never prints on recovery', async () => {
    const before = sim.jobs.length;
    // A host that died mid-job: the receipt's bytes went out raw, paper ran out after 3 lines, nobody cleared.
    sim.failAfterLines(3, 'paperOut');
    const raw = new SerialPort({ path: pair.devicePath, baudRate: 9600 });
    await new Promise<void>((resolve, reject) => raw.once('open', resolve).once('error', reject));
    await new Promise<void>((resolve, reject) => raw.write(Buffer.from(encodeReceipt(buildTestPage(getProfile('epson-80')), getProfile('epson-80')).bytes), (e) => (e ? reject(e) : resolve())));
    await new Promise<void>((resolve) => raw.drain(() => resolve()));
    await expect.poll(() => sim.state).toBe('paperOut');
    await new Promise<void>((resolve) => raw.close(() => resolve()));

    const cleared = await kioskctl(['printer', 'clear', '--port', pair.devicePath]);
    expect(cleared.stderr).toBe('');
    expect([cleared.code, cleared.stdout]).toEqual([0, expect.stringContaining('cleared')]);
    sim.setState('ready'); // paper reloaded
    expect((await kioskctl(['printer', 'status', '--port', pair.devicePath])).code).toBe(0);
    // A printer that kept the rest resumes it on recovery and cuts it (tests/printer/staleTail.test.ts); after
    // clear, no page of this receipt is ever finished and cut.
    expect(sim.jobs.slice(before).filter((job) => job.cut)).toEqual([]);
  });

  it('rejects a bad usage with 64', async () => {
    expect((await kioskctl(['printer', 'clear'])).code).toBe(64);
    expect((await kioskctl(['printer', 'test'])).code).toBe(64);
    expect((await kioskctl(['printer', 'status', '--port', pair.devicePath, '--profile', 'nope'])).code).toBe(64);
  });
});
