// One request, one reply (spec §1.1): the transport writes a request frame and resolves with the next valid
// reply frame, reassembled from whatever chunks the port delivers. The port is injected, so tests run on
// @serialport/binding-mock, an in-memory fake or a real pseudo-terminal.
import type { Command } from './commands';
import { commandTimeoutMs, encodeRequest } from './commands';
import { DeviceError } from '../deviceError';
import type { SerialLink } from '../serial';
import type { DeviceLogger } from '../deviceError';
import { silentLogger } from '../deviceError';
import type { ResponseFrame } from './frame';
import { parseFrames } from './frame';
import type { SamStatus } from './status';
import { describeStatus } from './status';

/** The part of the serial port (devices/serial.ts) the transport uses. */
export type SamPort = Pick<SerialLink, 'isOpen' | 'write' | 'on' | 'removeAllListeners' | 'close'>;

export interface SamReply extends ResponseFrame {
  status: SamStatus;
}

export interface TransportOptions {
  /** The line rate, for timeouts below 115200 (default 115200). */
  baud?: number;
  log?: DeviceLogger;
  /**
   * After a corrupted frame, how long the line must stay quiet before the request fails as `protocol`
   * (default 30 ms). A valid frame arriving in that window (noise that only looked like a preamble) still wins.
   */
  settleMs?: number;
  /** Called once when the port closes or fails (unplug); pending and later requests fail `disconnected`. */
  onDisconnect?: (reason: string) => void;
}

interface Pending {
  name: string;
  resolve(reply: SamReply): void;
  reject(error: DeviceError): void;
  timer: ReturnType<typeof setTimeout>;
  settle?: ReturnType<typeof setTimeout>;
}

export interface TransportStats {
  bytesOut: number;
  bytesIn: number;
  frames: number;
  garbageBytes: number;
  badFrames: number;
}

export class SamTransport {
  private buffer: Uint8Array = new Uint8Array(0);
  private pending: Pending | null = null;
  private closedReason: string | null = null;
  private readonly log: DeviceLogger;
  readonly stats: TransportStats = { bytesOut: 0, bytesIn: 0, frames: 0, garbageBytes: 0, badFrames: 0 };

  constructor(
    private readonly port: SamPort,
    private readonly options: TransportOptions = {},
  ) {
    this.log = options.log ?? silentLogger;
    port.on('data', (chunk) => this.onData(chunk));
    port.on('close', (error) => this.markClosed(error ? `port closed: ${error.message}` : 'port closed'));
    port.on('error', (error) => this.markClosed(`port error: ${error.message}`));
    if (!port.isOpen) this.markClosed('port is not open');
  }

  get isClosed(): boolean {
    return this.closedReason !== null;
  }

  get baud(): number {
    return this.options.baud ?? 115200;
  }

  /** Sends one command and waits for its reply (default timeout: the spec's per-command value). */
  request(command: Command, timeoutMs = commandTimeoutMs(command, this.baud)): Promise<SamReply> {
    if (this.closedReason) return Promise.reject(new DeviceError('disconnected', this.closedReason));
    if (this.pending) return Promise.reject(new DeviceError('busy', `${command.name} sent while ${this.pending.name} is unanswered`));
    // Whatever is still buffered belongs to an earlier exchange that failed; the protocol has no request IDs.
    this.buffer = new Uint8Array(0);
    const frame = encodeRequest(command);
    return new Promise<SamReply>((resolve, reject) => {
      const timer = setTimeout(() => this.fail(new DeviceError('timeout', `no reply to ${command.name} within ${timeoutMs} ms`)), timeoutMs);
      this.pending = { name: command.name, resolve, reject, timer };
      this.stats.bytesOut += frame.length;
      this.port.write(frame, (error) => {
        if (error) {
          this.markClosed(`write failed: ${error.message}`);
        }
      });
    });
  }

  /** Closes the port; a pending request fails `disconnected`. */
  close(): Promise<void> {
    this.markClosed('closed by the driver');
    return new Promise((resolve) => {
      if (!this.port.isOpen) return resolve();
      this.port.close(() => resolve());
    });
  }

  private onData(chunk: Uint8Array): void {
    this.stats.bytesIn += chunk.length;
    const joined = new Uint8Array(this.buffer.length + chunk.length);
    joined.set(this.buffer);
    joined.set(chunk, this.buffer.length);
    const { frames, rest, errors } = parseFrames(joined);
    this.buffer = rest;
    let corrupted = false;
    for (const e of errors) {
      if (e.kind === 'garbage') this.stats.garbageBytes += e.bytes;
      else {
        this.stats.badFrames++;
        corrupted = true;
        this.log.debug('dropped a corrupted frame', { kind: e.kind, len: e.len });
      }
    }
    const pending = this.pending;
    if (!pending) {
      if (frames.length > 0) this.log.debug('ignored an unsolicited frame', { count: frames.length });
      this.buffer = new Uint8Array(0);
      return;
    }
    const frame = frames[0];
    if (frame) {
      this.stats.frames++;
      if (frames.length > 1 || rest.length > 0) this.log.debug('extra bytes after a reply were dropped', { frames: frames.length, rest: rest.length });
      this.buffer = new Uint8Array(0);
      this.finish();
      pending.resolve({ ...frame, status: describeStatus(frame.sw3) });
      return;
    }
    if (corrupted || pending.settle) {
      // The reader sends exactly one frame per request: once a corrupted one has arrived and the line goes
      // quiet, no valid reply is coming. Fail fast instead of waiting for the full command timeout.
      if (pending.settle) clearTimeout(pending.settle);
      pending.settle = setTimeout(() => this.fail(new DeviceError('protocol', `corrupted reply to ${pending.name}`)), this.options.settleMs ?? 30);
    }
  }

  private finish(): void {
    const pending = this.pending;
    if (!pending) return;
    clearTimeout(pending.timer);
    if (pending.settle) clearTimeout(pending.settle);
    this.pending = null;
  }

  private fail(error: DeviceError): void {
    const pending = this.pending;
    if (!pending) return;
    this.finish();
    this.buffer = new Uint8Array(0);
    pending.reject(error);
  }

  private markClosed(reason: string): void {
    if (this.closedReason) return;
    this.closedReason = reason;
    this.fail(new DeviceError('disconnected', reason));
    this.options.onDisconnect?.(reason);
  }
}
