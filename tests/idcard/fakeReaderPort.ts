// An in-memory reader for unit tests of the reader session: a SamPort whose replies come from the
// simulator's responder, answering only at the baud rates it is told to.
import { EventEmitter } from 'node:events';
import { parseRequests } from '../../devices/idcard/frame';
import type { RequestFrame } from '../../devices/idcard/frame';
import type { OpenSerial } from '../../devices/serial';
import { DeviceError } from '../../devices/deviceError';
import type { SamPort } from '../../devices/idcard/transport';
import type { IdcardResponder } from '../../devices/sim/idcardResponder';

export interface FakeReaderOptions {
  /** Rates at which the reader answers (default [115200]). */
  answersAt?: number[];
  /** Replaces the responder's answer to one request (return undefined to keep it). */
  override?: (request: RequestFrame, count: number) => Uint8Array[] | undefined;
}

export class FakeReaderPort extends EventEmitter implements SamPort {
  isOpen = true;
  readonly requests: RequestFrame[] = [];
  constructor(
    private readonly responder: IdcardResponder,
    private readonly baud: number,
    private readonly options: FakeReaderOptions,
  ) {
    super();
  }

  write(data: Uint8Array, callback?: (error: Error | null | undefined) => void): boolean {
    if (!this.isOpen) {
      callback?.(new Error('port is closed'));
      return false;
    }
    callback?.(null);
    if (!(this.options.answersAt ?? [115200]).includes(this.baud)) return true;
    for (const request of parseRequests(data).frames) {
      this.requests.push(request);
      const replies = this.options.override?.(request, this.requests.length) ?? this.responder.handle(request).frames;
      for (const reply of replies) setImmediate(() => this.isOpen && this.emit('data', Buffer.from(reply)));
    }
    return true;
  }

  close(callback?: (error?: Error | null) => void): void {
    if (this.isOpen) {
      this.isOpen = false;
      this.emit('close');
    }
    callback?.(null);
  }

  /** Like a USB reader being pulled out. */
  unplug(): void {
    this.isOpen = false;
    this.emit('close', new Error('device disconnected'));
  }
}

export interface FakeOpener {
  open: OpenSerial<SamPort>;
  /** Every port opened so far, with its rate. */
  ports: { baud: number; port: FakeReaderPort }[];
  /** While false, opening fails like a missing device node. */
  present: boolean;
}

export function fakeOpener(responder: IdcardResponder, options: FakeReaderOptions = {}): FakeOpener {
  const opener: FakeOpener = {
    ports: [],
    present: true,
    open: async ({ path, baudRate: baud }) => {
      if (!opener.present) throw new DeviceError('disconnected', `cannot open ${path}: ENOENT`);
      const port = new FakeReaderPort(responder, baud, options);
      opener.ports.push({ baud, port });
      return port;
    },
  };
  return opener;
}
