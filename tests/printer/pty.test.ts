// The real serial path: our transport on one end of a socat pseudo-terminal pair (the real `serialport`
// binding, termios, timeouts), the printer simulator on the other end answering DLE EOT and GS r.
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeReceipt } from '../../devices/printer/encoder';
import { getProfile } from '../../devices/printer/profiles';
import type { PrinterLink } from '../../devices/printer/transport';
import type { PrinterSimulator, SimState } from '../../devices/sim/printerSim';
import { markReprint } from '../../src/domain/receipt';
import { buildApplicationReceipt, receiptQrPayload } from '../../src/domain/receiptTemplate';
import { sampleReceipt } from './fixtures';
import { startPrinterRig } from './ptyRig';
import type { PrinterRig } from './ptyRig';

const profile = getProfile('epson-80');
const receipt = () => encodeReceipt(buildApplicationReceipt(sampleReceipt), profile).bytes;

let rig: PrinterRig;
let sim: PrinterSimulator;
let link: PrinterLink;

async function setUp(state: SimState = 'ready') {
  rig = await startPrinterRig(profile, state);
  ({ sim, link } = rig);
}

describe('printer over a pseudo-terminal', () => {
  beforeEach(async () => setUp());
  afterEach(async () => rig.close());

  it('prints a receipt: ready before, acknowledged by GS r 1 after, and the simulator decodes it', async () => {
    const result = await link.print(receipt(), 'job-1');
    expect(result).toMatchObject({ jobId: 'job-1', outcome: 'printed', before: { state: 'ready' }, after: { state: 'ready' } });
    const [job] = await sim.waitForJobs(1);
    expect(job?.cut).toBe(true);
    expect(job?.lines).toContain('申请人：  张*三');
    expect(job?.qr).toEqual([{ source: 'native', payload: receiptQrPayload(sampleReceipt.queryUrl, sampleReceipt.receiptNo), bytes: 46 }]);
    expect(job?.warnings).toEqual([]);
    const saved = JSON.parse(readFileSync(job!.jsonPath, 'utf8')) as { lines: string[] };
    expect(saved.lines).toEqual(job?.lines);
    expect(readFileSync(job!.txtPath, 'utf8')).toContain('已收件，待办理地受理');
  });

  it('reads each state from DLE EOT 1..4', async () => {
    for (const state of ['ready', 'paperNearEnd', 'paperOut', 'coverOpen', 'offline', 'cutterError'] as const) {
      sim.setState(state);
      expect((await link.queryStatus()).state).toBe(state);
    }
  });

  it('refuses to start on paper out or cover open, and sends nothing but status requests', async () => {
    for (const state of ['paperOut', 'coverOpen'] as const) {
      sim.setState(state);
      const before = sim.bytesReceived;
      const result = await link.print(receipt());
      expect(result).toMatchObject({ outcome: 'refused', bytes: 0, before: { state }, after: null });
      expect(sim.bytesReceived - before).toBe(4 * 3); // DLE EOT 1..4, nothing else
    }
    expect(sim.jobs).toEqual([]);
  });

  it('prints on paper near end and says so', async () => {
    sim.setState('paperNearEnd');
    const result = await link.print(receipt());
    expect(result).toMatchObject({ outcome: 'printed', before: { state: 'paperNearEnd', paperNearEnd: true } });
  });

  it('paper out mid-job: incomplete, never resent; its rest is dropped (staleTail.test.ts), and a reprint says 重打', async () => {
    sim.failAfterLines(6, 'paperOut');
    const bytes = receipt();
    const result = await link.print(bytes);
    expect(result.outcome).toBe('incomplete');
    expect(result.after?.state).toBe('paperOut');
    expect(sim.jobs.map((job) => job.cut)).toEqual([false]); // the half receipt on paper; DLE ENQ 2 dropped the rest
    const sent = sim.bytesReceived;
    expect(sent).toBeGreaterThanOrEqual(bytes.length); // once (plus status requests), not twice
    expect(sent).toBeLessThan(2 * bytes.length);

    sim.setState('ready'); // paper reloaded: nothing kept, nothing resumes

    const reprint = await link.print(encodeReceipt(markReprint(buildApplicationReceipt(sampleReceipt)), profile).bytes);
    expect(reprint.outcome).toBe('printed');
    const [, second] = await sim.waitForJobs(2);
    expect(second?.reprint).toBe(true);
    expect(second?.lines[0]).toBe('【重打】');
  });

  it('a printer that stops answering mid-job: completion unknown, not retried', async () => {
    sim.failAfterLines(3, 'silent');
    const bytes = receipt();
    const result = await link.print(bytes);
    expect(result.outcome).toBe('unknown');
    expect(result.after?.state).toBe('noResponse');
    expect(sim.bytesReceived).toBeLessThan(2 * bytes.length);
  });
});

describe('a printer that never answers', () => {
  beforeEach(async () => setUp('silent'));
  afterEach(async () => rig.close());

  it('reports noResponse after one unanswered question instead of hanging', async () => {
    const report = await link.queryStatus();
    expect(report).toMatchObject({ state: 'noResponse', online: false, raw: { printer: null } });
  });

  it('refuses the job (nothing printed, nothing queued)', async () => {
    const result = await link.print(receipt());
    expect(result).toMatchObject({ outcome: 'refused', bytes: 0, before: { state: 'noResponse' } });
    sim.setState('ready');
    expect((await link.queryStatus()).state).toBe('ready'); // and recovers when it answers again
    expect(sim.jobs).toEqual([]);
  });
});
