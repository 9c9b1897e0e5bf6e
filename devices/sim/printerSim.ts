// The receipt-printer simulator: a byte-exact ESC/POS printer on one end of a pseudo-terminal. It answers
// DLE EOT at once (even inside other data, even offline, as real printers do), answers GS r in order, stops
// processing while "offline" and resumes where it stopped when the state is set back (a half receipt, then the
// rest: exactly the hazard spec §5.3 describes) — unless DLE ENQ 2 (real-time, like DLE EOT) has cleared what it
// kept, on a profile that supports it (`recovery.clearBuffers`). Every finished page is written to `outDir` as
// NNNN.png (the picture), NNNN.txt (transcript) and NNNN.json (decoded text and QR payloads, for e2e tests).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openSerial } from '../serial';
import { EscPosDecoder } from '../printer/decoder';
import type { EscPosEvent } from '../printer/decoder';
import { getProfile } from '../printer/profiles';
import type { PrinterProfile } from '../printer/profiles';
import { PageBuilder, pageText } from './printerPage';
import type { Page } from './printerPage';
import { pageTranscript, renderPage } from './printerRender';

export const simStates = ['ready', 'paperNearEnd', 'paperOut', 'coverOpen', 'offline', 'cutterError', 'silent'] as const;
export type SimState = (typeof simStates)[number];

/** DLE EOT 1..4 replies per state (spec §2.6 bit tables); `silent` answers nothing. */
export const statusReplies: Record<Exclude<SimState, 'silent'>, [number, number, number, number]> = {
  ready: [0x12, 0x12, 0x12, 0x12],
  paperNearEnd: [0x12, 0x12, 0x12, 0x1e],
  paperOut: [0x1a, 0x32, 0x12, 0x7e],
  coverOpen: [0x1a, 0x16, 0x12, 0x12],
  offline: [0x1a, 0x12, 0x12, 0x12],
  cutterError: [0x1a, 0x52, 0x1a, 0x12],
};

const printing = (state: SimState) => state === 'ready' || state === 'paperNearEnd';

export interface SimJobRecord {
  seq: number;
  /** Finished by a cut (false: the page ended at ESC @ or at close). */
  cut: boolean;
  lines: string[];
  qr: Array<{ source: 'native' | 'raster'; payload: string | null; bytes: number | null }>;
  reprint: boolean;
  warnings: string[];
  pngPath: string;
  txtPath: string;
  jsonPath: string;
}

export interface PrinterSimulatorOptions {
  /** The pseudo-terminal end to open (socat's second link). */
  path: string;
  /** Where pages are written (created if missing). */
  outDir: string;
  /** Initial state (default ready). */
  state?: SimState;
  /**
   * Paper width, power-on Chinese mode and whether DLE ENQ 2 clears the buffers come from this profile, by
   * name or as an object (a test's variant of a shipped profile) (default epson-80).
   */
  profile?: string | PrinterProfile;
  /** Fault: the paper runs out after this many printed lines of the next job (default: never). */
  paperOutAfterLines?: number;
  /** Skip the PNG (faster tests that only read the JSON; default false). */
  skipPng?: boolean;
  /**
   * Take bytes in no faster than this line speed, 10 bits a byte (default: as fast as the pseudo-terminal
   * delivers them). A pty has no baud rate; this makes timing at 9600 baud observable (bench/printer.ts).
   */
  paceBaud?: number;
}

export interface PrinterSimulator {
  readonly jobs: SimJobRecord[];
  readonly state: SimState;
  /** Bytes received so far (a job sent twice would show here). */
  readonly bytesReceived: number;
  setState(state: SimState): void;
  /** Arms a mid-job fault: after `lines` more printed lines the printer goes to `state` (default paperOut). */
  failAfterLines(lines: number, state?: SimState): void;
  /** Resolves when `count` jobs have been written (or rejects after `timeoutMs`, default 10 s). */
  waitForJobs(count: number, timeoutMs?: number): Promise<SimJobRecord[]>;
  close(): Promise<void>;
}

export async function startPrinterSimulator(options: PrinterSimulatorOptions): Promise<PrinterSimulator> {
  const profile: PrinterProfile = typeof options.profile === 'object' ? options.profile : getProfile(options.profile);
  mkdirSync(options.outDir, { recursive: true });
  const port = await openSerial({ path: options.path, baudRate: profile.serial.baudRate });

  let state: SimState = options.state ?? 'ready';
  let fault: { linesLeft: number; state: SimState } | null = options.paperOutAfterLines ? { linesLeft: options.paperOutAfterLines, state: 'paperOut' } : null;
  let bytesReceived = 0;
  const decoder = new EscPosDecoder(profile.chineseAtPowerOn);
  const builder = new PageBuilder(profile.columns);
  const pending: EscPosEvent[] = [];
  const jobs: SimJobRecord[] = [];
  const waiters: Array<() => void> = [];
  let realtime: number[] = []; // the tail of a DLE EOT / DLE ENQ split across chunks

  const reply = (byte: number) => {
    if (state !== 'silent') port.write(Buffer.from([byte]));
  };

  /**
   * Real-time commands are recognised in the raw stream, wherever they fall (spec §2.7). DLE EOT is answered
   * here; true is returned when the byte completes a DLE ENQ 2 this model honours, so that the caller clears
   * the buffers at exactly this point of the stream.
   */
  const scanRealtime = (byte: number): boolean => {
    realtime.push(byte);
    if (realtime[0] !== 0x10) {
      realtime = [];
      return false;
    }
    if (realtime.length === 2 && realtime[1] !== 0x04 && realtime[1] !== 0x05) realtime = byte === 0x10 ? [0x10] : [];
    if (realtime.length < 3) return false;
    const [, fn] = realtime;
    realtime = [];
    if (state === 'silent') return false;
    if (fn === 0x04 && byte >= 1 && byte <= 4) reply(statusReplies[state][byte - 1] as number);
    // DLE ENQ 1 (restart from the error line) changes nothing here: no recoverable error is modelled.
    return fn === 0x05 && byte === 2 && profile.recovery.clearBuffers === 'dleEnq2';
  };

  /**
   * DLE ENQ 2: the receive buffer (queued events, an unfinished command) and the print buffer (the line not
   * yet printed) are dropped. What is already on paper stays: a half receipt becomes an uncut page now, since
   * its rest will never come.
   */
  const clearBuffers = () => {
    pending.length = 0;
    decoder.discardPending();
    builder.discardLine();
    if (builder.hasContent) writePage(builder.finish(null));
  };

  let pagesCut = 0;
  const writePage = (page: Page) => {
    const seq = ++pagesCut;
    const base = join(options.outDir, String(seq).padStart(4, '0'));
    const lines = pageText(page);
    const qr = page.blocks.flatMap((b): SimJobRecord['qr'] =>
      b.kind === 'qr' ? [{ source: 'native', payload: b.payload, bytes: b.bytes }] : b.kind === 'raster' ? [{ source: 'raster', payload: b.qrPayload, bytes: null }] : [],
    );
    const record: SimJobRecord = {
      seq,
      cut: page.cut !== null,
      lines,
      qr,
      reprint: lines.some((l) => l.includes('重打')),
      warnings: page.warnings,
      pngPath: `${base}.png`,
      txtPath: `${base}.txt`,
      jsonPath: `${base}.json`,
    };
    // The picture is drawn after the bytes still queued behind the cut (a GS r 1, a DLE EOT) are answered: a
    // real printer keeps answering while its paper moves, and drawing blocks this process's event loop for
    // long enough on a loaded machine that a host would take the printer for silent.
    setImmediate(() => {
      if (!options.skipPng) {
        try {
          writeFileSync(record.pngPath, renderPage(page, profile.dotsPerLine).png);
        } catch (error) {
          // No CJK font on this machine (fonts-noto-cjk): the transcript and JSON still tell what was printed.
          record.warnings = [...record.warnings, `no PNG: ${(error as Error).message}`];
        }
      }
      writeFileSync(record.txtPath, pageTranscript(page, profile.columns));
      writeFileSync(record.jsonPath, JSON.stringify({ ...record, profile: profile.name }, null, 2) + '\n');
      jobs.push(record);
      for (const wake of waiters.splice(0)) wake();
    });
  };

  /** Applies queued events while the printer is printing; stops (keeping the rest) when it is not. */
  const pump = () => {
    while (pending.length > 0 && printing(state)) {
      const event = pending.shift() as EscPosEvent;
      if (event.t === 'init' && builder.hasContent) writePage(builder.finish(null)); // a job without a cut
      if (event.t === 'transmitStatus') {
        reply(state === 'paperNearEnd' ? 0x03 : 0x00); // GS r 1: paper sensor, answered in order
        continue;
      }
      const before = builder.printedLines;
      const page = builder.apply(event);
      if (page) writePage(page);
      if (fault) {
        fault.linesLeft -= builder.printedLines - before;
        if (fault.linesLeft <= 0) {
          state = fault.state;
          fault = null;
        }
      }
    }
  };

  const take = (bytes: Buffer) => {
    if (state === 'silent' || bytes.length === 0) return; // powered off / wrong baud: the bytes are lost
    pending.push(...decoder.push(bytes));
    pump();
  };
  const receive = (chunk: Buffer) => {
    bytesReceived += chunk.length;
    let from = 0;
    for (let at = 0; at < chunk.length; at++) {
      if (!scanRealtime(chunk[at] as number)) continue;
      take(chunk.subarray(from, at + 1)); // what came before the clear is received (and printed if online) first
      clearBuffers();
      from = at + 1;
    }
    take(chunk.subarray(from));
  };
  const paced = options.paceBaud ? pacedReceiver(options.paceBaud, receive) : null;
  port.on('data', (chunk: Buffer) => (paced ? paced.push(chunk) : receive(chunk)));

  return {
    jobs,
    get state() {
      return state;
    },
    get bytesReceived() {
      return bytesReceived;
    },
    setState(next) {
      state = next;
      pump(); // back online: the printer resumes with what it kept
    },
    failAfterLines(lines, next = 'paperOut') {
      fault = { linesLeft: lines, state: next };
    },
    waitForJobs(count, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`printer simulator: ${jobs.length} of ${count} jobs after ${timeoutMs} ms`)), timeoutMs);
        const check = () => {
          if (jobs.length >= count) {
            clearTimeout(timer);
            resolve(jobs.slice());
          } else waiters.push(check);
        };
        check();
      });
    },
    async close() {
      paced?.stop();
      if (builder.hasContent) writePage(builder.finish(null));
      if (port.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
    },
  };
}

/** Hands bytes on at `baud` / 10 bytes a second, in small slices, like a serial line would deliver them. */
function pacedReceiver(baud: number, deliver: (chunk: Buffer) => void): { push(chunk: Buffer): void; stop(): void } {
  const queue: Buffer[] = [];
  let credit = 0;
  let last = performance.now();
  let timer: ReturnType<typeof setInterval> | undefined;
  const tick = () => {
    const now = performance.now();
    credit += ((now - last) * baud) / 10 / 1000;
    last = now;
    while (queue.length > 0 && credit >= 1) {
      const head = queue[0] as Buffer;
      const take = Math.min(head.length, Math.floor(credit));
      deliver(head.subarray(0, take));
      credit -= take;
      if (take === head.length) queue.shift();
      else queue[0] = head.subarray(take);
    }
    if (queue.length === 0) {
      clearInterval(timer);
      timer = undefined;
      credit = 0; // an idle line saves no time for later
    }
  };
  return {
    push(chunk) {
      queue.push(chunk);
      if (!timer) {
        last = performance.now();
        timer = setInterval(tick, 2);
      }
    },
    stop() {
      clearInterval(timer);
    },
  };
}
