// The transport against a scripted printer (no pty): the byte-level cases a real line produces — replies
// split one byte per chunk, unsolicited status and ASB frames, a line held by XOFF so drain never ends.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { PrinterLink } from './transport';
import type { PrinterPort } from './transport';

/** A fake port: `respond` sees every write and may answer (bytes are delivered one per data event). */
class ScriptedPort extends EventEmitter implements PrinterPort {
  written: number[] = [];
  drainBlocked = false;
  constructor(private readonly respond: (data: number[], port: ScriptedPort) => number[]) {
    super();
  }
  write(data: Buffer): boolean {
    this.written.push(...data);
    const reply = this.respond([...data], this);
    setTimeout(() => reply.forEach((b) => this.emit('data', Buffer.of(b))), 1);
    return true;
  }
  drain(callback: (error?: Error | null) => void): void {
    if (!this.drainBlocked) setTimeout(() => callback(null), 0);
  }
}

/** A healthy printer: 0x12 to every DLE EOT, 0x00 to GS r 1. */
const healthy = (data: number[]): number[] => {
  const out: number[] = [];
  for (let i = 0; i + 2 < data.length; i++) {
    if (data[i] === 0x10 && data[i + 1] === 0x04) out.push(0x12);
    if (data[i] === 0x1d && data[i + 1] === 0x72 && data[i + 2] === 0x01) out.push(0x00);
  }
  return out;
};

// A fast imaginary printer (1 m/s) keeps the job budget at the 600 ms minimum.
const options = { statusTimeoutMs: 100, minJobTimeoutMs: 600, pollIntervalMs: 50, printSpeedMmPerS: 1000 };
const job = Uint8Array.from([0x1b, 0x40, 0x41, 0x0a, 0x1d, 0x72, 0x01]);

describe('PrinterLink', () => {
  it('assembles DLE EOT replies that arrive one byte per chunk', async () => {
    const link = new PrinterLink(new ScriptedPort(healthy), options);
    expect((await link.queryStatus()).state).toBe('ready');
  });

  it('ignores unsolicited status bytes and skips automatic-status-back frames', async () => {
    const port = new ScriptedPort((data) => [0x10, 0x08, 0x00, 0x00, ...healthy(data)]); // ASB frame first
    const link = new PrinterLink(port, options);
    port.emit('data', Buffer.of(0x1a)); // an unsolicited "offline" before anyone asked
    expect((await link.queryStatus()).state).toBe('ready');
  });

  it('runs one job at a time and stamps it with its id', async () => {
    const port = new ScriptedPort(healthy);
    const link = new PrinterLink(port, options);
    const [a, b] = await Promise.all([link.print(job, 'a'), link.print(job, 'b')]);
    expect([a.jobId, a.outcome, b.jobId, b.outcome]).toEqual(['a', 'printed', 'b', 'printed']);
    const jobsWritten = port.written.filter((byte, i) => byte === 0x1b && port.written[i + 1] === 0x40).length;
    expect(jobsWritten).toBe(2);
  });

  it('a line held by XOFF (drain never ends): status is noResponse, not a hang', async () => {
    const port = new ScriptedPort(() => []);
    port.drainBlocked = true;
    const link = new PrinterLink(port, options);
    expect((await link.queryStatus()).state).toBe('noResponse');
  });

  it('a job whose bytes never drain: unknown, written once, never retried', async () => {
    const port = new ScriptedPort((data, self) => {
      if (data[0] === 0x1b && data[1] === 0x40) self.drainBlocked = true; // the job itself stalls
      return self.drainBlocked ? [] : healthy(data);
    });
    const link = new PrinterLink(port, options);
    const result = await link.print(job, 'stalled');
    expect(result.outcome).toBe('unknown');
    expect(port.written.filter((byte, i) => byte === 0x1b && port.written[i + 1] === 0x40)).toHaveLength(1);
  });

  it('no acknowledgement but a printer that still says ready: unknown at the deadline', async () => {
    const port = new ScriptedPort((data) => healthy(data).filter((b) => b !== 0x00)); // never answers GS r
    const link = new PrinterLink(port, options);
    const result = await link.print(job);
    expect(result).toMatchObject({ outcome: 'unknown', after: { state: 'ready' } });
  });
});

/** A printer whose paper runs out when a job arrives (and stays out until `paper` is set back). */
function paperOutPrinter() {
  const printer = { paper: true, jobs: 0 };
  const respond = (data: number[]): number[] => {
    if (data[0] === 0x1b && data[1] === 0x40) {
      printer.jobs++;
      if (printer.jobs === 1) printer.paper = false; // the first job stops half-way
    }
    const out: number[] = [];
    for (let i = 0; i + 2 < data.length; i++) {
      if (data[i] === 0x10 && data[i + 1] === 0x04) out.push(printer.paper ? 0x12 : ([0x1a, 0x32, 0x12, 0x7e][(data[i + 2] as number) - 1] as number));
      if (printer.paper && data[i] === 0x1d && data[i + 1] === 0x72 && data[i + 2] === 0x01) out.push(0x00);
    }
    return out;
  };
  return { printer, respond };
}

const clear = '100502';
/** The written bytes as hex, one DLE EOT 1..4 request as `S`, so the order of things reads at a glance. */
const trace = (port: ScriptedPort) => Buffer.from(port.written).toString('hex').replaceAll('100401100402100403100404', 'S.').replaceAll(clear, 'C.');

describe('PrinterLink: the rest of an interrupted job', () => {
  it('paper out mid-job: DLE ENQ 2 at once (offline) and again first thing before the next job, never the old job', async () => {
    const { printer, respond } = paperOutPrinter();
    const port = new ScriptedPort(respond);
    const link = new PrinterLink(port, options);
    const first = await link.print(job, 'first');
    expect(first).toMatchObject({ outcome: 'incomplete', staleBefore: null, staleAfter: 'clearSent', after: { state: 'paperOut' } });
    expect(link.staleData).toBe('held'); // an offline clear is not trusted alone: some models ignore it then
    const jobHex = Buffer.from(job).toString('hex');
    expect(trace(port)).toMatch(new RegExp(`^S\\.${jobHex}(S\\.)+C\\.S\\.$`)); // the status after the clear: proof it was taken

    printer.paper = true;
    port.written = [];
    const second = await link.print(job, 'second');
    expect(second).toMatchObject({ outcome: 'printed', staleBefore: 'clearSent', staleAfter: null });
    expect(trace(port)).toMatch(new RegExp(`^S\\.C\\.S\\.${jobHex}(S\\.)*$`)); // the clear, proof it was taken, then the job
    expect(link.staleData).toBe('none');
    expect(printer.jobs).toBe(2);

    port.written = [];
    expect(await link.print(job)).toMatchObject({ outcome: 'printed', staleBefore: null });
    expect(trace(port)).not.toContain('C.');
  });

  it("profile 'none': nothing is sent, and every result says the rest may print", async () => {
    const { printer, respond } = paperOutPrinter();
    const port = new ScriptedPort(respond);
    const link = new PrinterLink(port, { ...options, clearBuffers: 'none' });
    expect(await link.print(job)).toMatchObject({ outcome: 'incomplete', staleAfter: 'notClearable' });
    printer.paper = true;
    expect(await link.clearStale()).toMatchObject({ handling: 'notClearable', status: { state: 'ready' } });
    expect(await link.print(job)).toMatchObject({ outcome: 'printed', staleBefore: 'notClearable', staleAfter: null });
    expect(link.staleData).toBe('none'); // acknowledged: everything before the GS r, the old rest included, is out
    expect(trace(port)).not.toContain('C.');
  });

  it('no acknowledgement and no problem: suspect, not cleared (it may still be printing); a later problem report makes it held', async () => {
    const printer = { paper: true };
    const port = new ScriptedPort((data) => (printer.paper ? healthy(data).filter((b) => b !== 0x00) : data.some((b) => b === 0x04) ? [0x1a, 0x32, 0x12, 0x7e] : []));
    const link = new PrinterLink(port, options);
    expect(await link.print(job)).toMatchObject({ outcome: 'unknown', staleAfter: null });
    expect(link.staleData).toBe('suspect');
    expect(await link.clearStale()).toMatchObject({ handling: null });
    printer.paper = false;
    expect((await link.queryStatus()).state).toBe('paperOut');
    expect(link.staleData).toBe('held');
    printer.paper = true;
    port.written = [];
    expect(await link.clearStale()).toMatchObject({ handling: 'clearSent', status: { state: 'ready' } });
    expect(trace(port)).toBe('S.C.S.');
    expect(link.staleData).toBe('none');
  });

  it('clearStale({ force }) clears what a restarted link cannot know about', async () => {
    const port = new ScriptedPort(healthy);
    const link = new PrinterLink(port, options);
    expect(await link.clearStale()).toMatchObject({ handling: null });
    expect(await link.clearStale({ force: true })).toMatchObject({ handling: 'clearSent' });
    expect(trace(port)).toBe('S.S.C.S.');
  });
});
