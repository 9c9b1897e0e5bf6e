// The host's printer service after a receipt was cut short (spec §5.3, §6.5), over a pseudo-terminal with the
// simulator: the log says the stale rest was cleared (and nothing personal); on a model that cannot clear,
// the status detail tells the technician that the rest will print on recovery, until it has.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { getProfile } from '../../devices/printer/profiles';
import type { PrinterProfile } from '../../devices/printer/profiles';
import { openPtyPair } from '../../devices/sim/ptyPair';
import type { PtyPair } from '../../devices/sim/ptyPair';
import { startPrinterSimulator } from '../../devices/sim/printerSim';
import type { PrinterSimulator } from '../../devices/sim/printerSim';
import type { HostService } from '../../main/host/host';
import { createLogger } from '../../main/host/log';
import { createPrinterService } from '../../devices/printer/service';
import type { EventEnvelope } from '../../src/bridge/contract';
import { createEventHub } from '../../src/bridge/dispatcher';
import { buildApplicationReceipt } from '../../src/domain/receiptTemplate';
import { sampleReceipt } from './fixtures';

let pair: PtyPair;
let sim: PrinterSimulator;
let service: HostService;
let outDir: string;
const logLines: string[] = [];
const events: EventEnvelope[] = [];

async function setUp(profile: PrinterProfile) {
  logLines.length = 0;
  events.length = 0;
  outDir = mkdtempSync(join(tmpdir(), 'kiosk-printer-host-stale-'));
  pair = await openPtyPair();
  sim = await startPrinterSimulator({ path: pair.simPath, outDir, profile, skipPng: true });
  const hub = createEventHub();
  hub.subscribe((e) => events.push(e));
  const log = createLogger('test', { level: 'debug', write: (line) => logLines.push(line) });
  service = createPrinterService({ port: pair.devicePath, profile, log, statusTimeoutMs: 300, minJobTimeoutMs: 2500, idlePollMs: 0 });
  await service.start(hub);
}

afterEach(async () => {
  await service.stop();
  await sim.close();
  await pair.close();
  rmSync(outDir, { recursive: true, force: true });
});

const print = () => service.handlers['printer.print']!({ document: buildApplicationReceipt(sampleReceipt), reprint: false, jobId: undefined });
const status = () => service.handlers['printer.status']!({});
const messages = () => logLines.map((line) => (JSON.parse(line) as { msg: string }).msg);

describe("host service 'printer' after a receipt was cut short", () => {
  it('clearing profile: the rest is dropped at once and again when the printer is ready; logged without personal data', async () => {
    await setUp(getProfile('clone-80'));
    sim.failAfterLines(10, 'paperOut');
    expect(await print()).toMatchObject({ ok: true, value: { outcome: 'incomplete', state: 'paperOut' } });
    expect(messages()).toContain('printer told to drop the rest of the interrupted job');
    expect(await status()).toEqual({ ok: true, value: { state: 'paperOut', detail: '打印机缺纸' } });
    expect(messages()).not.toContain('stale job data cleared'); // not while the paper is still out

    sim.setState('ready');
    expect(await status()).toMatchObject({ ok: true, value: { state: 'ready' } });
    expect(messages()).toContain('stale job data cleared');
    expect(await print()).toMatchObject({ ok: true, value: { outcome: 'printed' } });
    expect(messages().filter((m) => m === 'stale job data cleared')).toHaveLength(1); // nothing left for the job to clear
    const jobs = await sim.waitForJobs(2);
    expect(jobs.map((job) => [job.cut, job.lines.length])).toEqual([
      [false, 10],
      [true, 32],
    ]);
    expect(logLines.join('\n')).not.toMatch(/张|420102199003071234|0K3M9QX/);
  });

  it("profile 'none': the status tells the technician about the rest until a job has been acknowledged after it", async () => {
    const profile: PrinterProfile = { ...getProfile('clone-80'), name: 'clone-80-no-dle-enq', recovery: { clearBuffers: 'none' } };
    await setUp(profile);
    sim.failAfterLines(10, 'paperOut');
    expect(await print()).toMatchObject({ ok: true, value: { outcome: 'incomplete', state: 'paperOut' } });
    expect(messages()).toContain('the rest of the interrupted job will print on recovery (profile cannot clear)');
    const warning = '打印机缺纸；打印机可能还留有上一张未打完的回执，恢复后会先打出，请取下销毁';
    expect(events.at(-1)?.payload).toEqual({ state: 'paperOut', detail: warning });

    sim.setState('ready');
    expect(await status()).toMatchObject({ ok: true, value: { state: 'ready', detail: expect.stringContaining('请取下销毁') } });
    expect(await print()).toMatchObject({ ok: true, value: { outcome: 'printed', state: 'ready' } });
    expect(messages()).toContain('stale job data may have printed before this job (profile cannot clear)');
    expect(events.at(-1)?.payload).toEqual({ state: 'ready', detail: '打印机就绪' });
    expect((await sim.waitForJobs(2)).map((job) => job.cut)).toEqual([true, true]); // the old receipt's rest, then the new one
  });
});
