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
