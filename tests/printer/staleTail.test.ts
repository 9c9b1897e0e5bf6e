// The rest of an interrupted receipt must never print for the next resident (spec §5.3, §6.5). Over a real
// pseudo-terminal: paper out mid-job → incomplete → paper reloaded → the next resident's receipt. With a
// profile that clears (DLE ENQ 2) the next page is that receipt alone; with a profile that cannot
// (`recovery.clearBuffers: 'none'`) the old rest prints first — the limitation, which the transport reports.
import type { SerialPort } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import { cmd } from '../../devices/printer/commands';
import { encodeReceipt } from '../../devices/printer/encoder';
import { getProfile } from '../../devices/printer/profiles';
import type { PrinterProfile } from '../../devices/printer/profiles';
import type { PrinterLink } from '../../devices/printer/transport';
import { decodePages, pageText } from '../../devices/sim/printerPage';
import type { PrinterSimulator } from '../../devices/sim/printerSim';
import { buildApplicationReceipt } from '../../src/domain/receiptTemplate';
import { sampleReceipt } from './fixtures';
import { startPrinterRig } from './ptyRig';
import type { PrinterRig } from './ptyRig';

const clearing = getProfile('epson-80');
const notClearing: PrinterProfile = { ...clearing, name: 'epson-80-no-dle-enq', recovery: { clearBuffers: 'none' } };
// Two residents. The paper runs out after 10 lines of the first receipt: its ID number and the receipt
// number under the QR code are in the part the printer keeps.
const firstResident = sampleReceipt;
const nextResident = { ...sampleReceipt, receiptNo: '420102-001-0K3M9QY', applicantName: '王五一', applicantIdNumber: '420102198507151238' };
const bytesFor = (receipt: typeof sampleReceipt, profile: PrinterProfile) => encodeReceipt(buildApplicationReceipt(receipt), profile).bytes;
const linesOf = (bytes: Uint8Array, profile: PrinterProfile) => decodePages(bytes, profile).pages.flatMap(pageText);

let rig: PrinterRig;
let sim: PrinterSimulator;
let port: SerialPort;
let link: PrinterLink;

async function setUp(profile: PrinterProfile) {
  rig = await startPrinterRig(profile);
  ({ sim, port, link } = rig);
}

afterEach(async () => rig.close());

describe('the rest of an interrupted receipt', () => {
  it('DLE ENQ 2 profile: the rest is dropped while the printer is out of paper; the next page is the new receipt alone', async () => {
    await setUp(clearing);
    const old = linesOf(bytesFor(firstResident, clearing), clearing);
    const oldTail = old.slice(10).filter((line) => !linesOf(bytesFor(nextResident, clearing), clearing).includes(line));
    expect(oldTail).toEqual(['证件号码：4201**********1234', '420102-001-0K3M9QX']); // what must never print

    sim.failAfterLines(10, 'paperOut');
    const first = await link.print(bytesFor(firstResident, clearing), 'first');
    expect(first).toMatchObject({ outcome: 'incomplete', after: { state: 'paperOut' }, staleBefore: null, staleAfter: 'clearSent' });
    // The half receipt already on paper is all there is: the page ends uncut where the paper ran out.
    const [head] = await sim.waitForJobs(1);
    expect(head).toMatchObject({ cut: false, lines: old.slice(0, 10) });

    sim.setState('ready'); // paper reloaded: nothing was kept, so nothing resumes
    const next = await link.print(bytesFor(nextResident, clearing), 'next');
    expect(next).toMatchObject({ outcome: 'printed', staleBefore: 'clearSent', staleAfter: null });
    expect(link.staleData).toBe('none');
    const jobs = await sim.waitForJobs(2);
    expect(jobs).toHaveLength(2);
    expect(jobs[1]).toMatchObject({ cut: true, lines: linesOf(bytesFor(nextResident, clearing), clearing) });
    for (const line of oldTail) expect(jobs.flatMap((job) => job.lines)).not.toContain(line);
  });

  it("profile 'none': the transport says it cannot clear, and the old rest does print before the next receipt", async () => {
    await setUp(notClearing);
    const old = linesOf(bytesFor(firstResident, notClearing), notClearing);
    sim.failAfterLines(10, 'paperOut');
    const first = await link.print(bytesFor(firstResident, notClearing), 'first');
    expect(first).toMatchObject({ outcome: 'incomplete', staleAfter: 'notClearable' });
    expect(link.staleData).toBe('held');

    // Even a DLE ENQ 2 sent by hand does nothing on this model (the status answered after it proves it arrived).
    port.write(Buffer.from(cmd.clearBuffers));
    expect((await link.queryStatus()).state).toBe('paperOut');
    expect(sim.jobs).toEqual([]);

    sim.setState('ready'); // paper reloaded: the printer resumes with what it kept
    const [resumed] = await sim.waitForJobs(1);
    expect(resumed).toMatchObject({ cut: true, lines: old }); // the first resident's whole receipt, rest included
    const next = await link.print(bytesFor(nextResident, notClearing), 'next');
    expect(next).toMatchObject({ outcome: 'printed', staleBefore: 'notClearable' });
    expect(link.staleData).toBe('none'); // acknowledged after the old rest: nothing can be left now
    const jobs = await sim.waitForJobs(2);
    expect(jobs[1]?.lines).toEqual(linesOf(bytesFor(nextResident, notClearing), notClearing));
  });

  it('cover opened mid-job on a clearing profile: same protection, and the technician call finds nothing left to do', async () => {
    await setUp(clearing);
    sim.failAfterLines(4, 'coverOpen');
    expect(await link.print(bytesFor(firstResident, clearing))).toMatchObject({ outcome: 'incomplete', after: { state: 'coverOpen' }, staleAfter: 'clearSent' });
    sim.setState('ready');
    expect(await link.clearStale()).toMatchObject({ handling: 'clearSent', status: { state: 'ready' } });
    expect(await link.clearStale()).toMatchObject({ handling: null });
    const [head] = await sim.waitForJobs(1);
    expect(head?.cut).toBe(false);
    expect(head?.lines).toHaveLength(4);
    expect(sim.jobs).toHaveLength(1);
  });
});
