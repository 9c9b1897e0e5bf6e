// The byte-exact ID-card reader simulator on one end of a pseudo-terminal (or any serial port). It parses
// requests like a reader (10 for a bad checksum, 11 for a bad length or a frame cut short), answers through
// idcardResponder, and injects line faults on demand: split chunks, garbage between frames, pacing at the
// configured baud rate, unplug (closing its end).
import type { SerialPort } from 'serialport';
import { openSerial } from '../serial';
import type { DeviceLogger } from '../deviceError';
import { silentLogger } from '../deviceError';
import { HEADER_BYTES, parseRequests, PREAMBLE } from '../idcard/frame';
import { transferMs } from '../idcard/commands';
import type { SimCard } from './idcardCard';
import type { ResponderFaults } from './idcardResponder';
import { createIdcardResponder } from './idcardResponder';
import { parseFaults } from './idcardFaults';
import type { SimFaults } from './idcardFaults';

export interface IdcardSimulatorOptions {
  /** The pty end (or serial port) the simulator opens. */
  path: string;
  /** The card lying on the reader at start (null: none). */
  card: SimCard | null;
  /** Faults, as a list (`['split', 'err41:2']`), a comma-separated string, or parsed (default none). */
  faults?: string | string[] | SimFaults;
  /** Line rate used for pacing (`pace` fault) (default 115200). */
  baud?: number;
  log?: DeviceLogger;
  /** Random source for split sizes and garbage (default Math.random); tests pass a seeded one. */
  random?: () => number;
  /** Silence after which an incomplete request is answered 11 and dropped (default 200 ms). */
  incompleteRequestMs?: number;
  /** Called with each well-formed request as it arrives (benchmarks time the exchange from here). */
  onRequest?: (cmd: number, para: number) => void;
}

export interface SimStats {
  bytesIn: number;
  bytesOut: number;
  requests: number;
}

export interface IdcardSimulator {
  /** Places a card on the reader, or lifts it (null). */
  setCard(card: SimCard | null): void;
  readonly stats: SimStats;
  /** Resolves once every reply queued so far has been written. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function startIdcardSimulator(options: IdcardSimulatorOptions): Promise<IdcardSimulator> {
  const faults: SimFaults = typeof options.faults === 'object' && !Array.isArray(options.faults) ? options.faults : parseFaults(options.faults ?? []);
  const log = options.log ?? silentLogger;
  const random = options.random ?? Math.random;
  let baud = options.baud ?? 115200;
  const responderFaults: ResponderFaults = { nocard: faults.nocard, badchecksum: faults.badchecksum, err41: faults.err41, err31: faults.err31, nofp: faults.nofp };
  const responder = createIdcardResponder(options.card, responderFaults);
  const stats: SimStats = { bytesIn: 0, bytesOut: 0, requests: 0 };

  let port: SerialPort | null = null;
  let closed = false;
  let buffer: Uint8Array = new Uint8Array(0);
  let incompleteTimer: ReturnType<typeof setTimeout> | null = null;
  let writing: Promise<void> = Promise.resolve();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };

  const writeRaw = (bytes: Uint8Array) =>
    new Promise<void>((resolve) => {
      if (!port?.isOpen || bytes.length === 0) return resolve();
      stats.bytesOut += bytes.length;
      port.write(Buffer.from(bytes), () => resolve());
    });

  async function writePaced(bytes: Uint8Array): Promise<void> {
    const start = performance.now();
    let sent = 0;
    while (sent < bytes.length) {
      const due = Math.min(bytes.length, Math.floor(((performance.now() - start) * baud) / 10_000) + 1);
      if (due > sent) {
        await writeRaw(bytes.subarray(sent, due));
        sent = due;
      }
      if (sent < bytes.length) await sleep(1);
    }
    // The last byte is due one byte-time after it started.
    const end = start + transferMs(bytes.length, baud);
    if (performance.now() < end) await sleep(end - performance.now());
  }

  async function writeSplit(bytes: Uint8Array): Promise<void> {
    let offset = 0;
    while (offset < bytes.length) {
      const size = 1 + Math.floor(random() * 64);
      await writeRaw(bytes.subarray(offset, offset + size));
      offset += size;
      await sleep(1);
    }
  }

  function garbage(): Uint8Array {
    // Noise that includes preamble fragments, so the host must resynchronise rather than skip to 0xAA.
    const noise = Array.from({ length: 1 + Math.floor(random() * 12) }, () => Math.floor(random() * 256));
    const fragment = Array.from(PREAMBLE.subarray(0, 1 + Math.floor(random() * 4)));
    return Uint8Array.from([...noise, ...fragment, 0x00]);
  }

  function send(frame: Uint8Array): void {
    const bytes = faults.garbage ? Uint8Array.from([...garbage(), ...frame]) : frame;
    writing = writing.then(async () => {
      if (faults.pace) await writePaced(bytes);
      else if (faults.split) await writeSplit(bytes);
      else await writeRaw(bytes);
    });
  }

  function onData(chunk: Buffer): void {
    stats.bytesIn += chunk.length;
    const joined = new Uint8Array(buffer.length + chunk.length);
    joined.set(buffer);
    joined.set(chunk, buffer.length);
    const { frames, rest, errors } = parseRequests(joined);
    buffer = rest;
    for (const e of errors) {
      if (e.kind === 'badChecksum') send(responder.frameError('checksum'));
      else if (e.kind === 'badLength') send(responder.frameError('length'));
    }
    for (const request of frames) {
      stats.requests++;
      options.onRequest?.(request.cmd, request.para);
      const { frames: replies, event } = responder.handle(request);
      for (const r of replies) send(r);
      if (event?.type === 'baud') {
        // The acknowledgement goes out at the old rate; switch once it has been written.
        writing = writing.then(() => {
          baud = event.baud;
        });
      }
    }
    if (incompleteTimer) clearTimeout(incompleteTimer);
    incompleteTimer = null;
    if (buffer.length >= HEADER_BYTES) {
      // A LEN that promises more bytes than ever come: answer 11 once the line has been quiet.
      incompleteTimer = setTimeout(() => {
        incompleteTimer = null;
        buffer = new Uint8Array(0);
        send(responder.frameError('length'));
      }, options.incompleteRequestMs ?? 200);
    }
  }

  async function open(): Promise<void> {
    const p = await openSerial({ path: options.path, baudRate: baud });
    // Requests written while the simulator was "unplugged" are not for this session.
    await new Promise<void>((r) => p.flush(() => r()));
    p.on('data', onData);
    p.on('error', (error) => log.warn('simulator port error', { error: error.message }));
    port = p;
    log.info('ID-card simulator listening', { path: options.path, baud, faults: Object.keys(faults).join(',') || 'none' });
  }

  async function closePort(): Promise<void> {
    const p = port;
    port = null;
    buffer = new Uint8Array(0);
    if (p?.isOpen) await new Promise<void>((r) => p.close(() => r()));
  }

  await open();
  if (faults.unplug) {
    const { afterMs, reopenMs } = faults.unplug;
    later(afterMs, () => {
      log.info('simulating unplug: closing the simulator end', { afterMs });
      void closePort().then(() => {
        if (reopenMs === undefined || closed) return;
        later(reopenMs, () => {
          if (closed) return;
          open().catch((error: unknown) => log.error('simulator could not reopen its port', { error: (error as Error).message }));
        });
      });
    });
  }

  return {
    setCard(card) {
      responder.setCard(card);
    },
    stats,
    idle: () => writing,
    async close() {
      closed = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      if (incompleteTimer) clearTimeout(incompleteTimer);
      await writing.catch(() => undefined);
      await closePort();
    },
  };
}
