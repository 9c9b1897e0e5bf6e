// The serial transport: one job at a time, status before and after each job, completion by `GS r 1`.
// Policy (spec §5.3, §6.5): refuse to start unless the printer reports ready (or near end); write and drain
// with a timeout; wait for the `GS r 1` reply, polling `DLE EOT` meanwhile so a paper-out mid-job is seen
// in well under a second instead of at the timeout; a job whose completion is unknown is NEVER retried here
// (a retry could print a second copy of a receipt; a reprint is the resident's choice and is marked 重打).
// A job cut short leaves its rest in the stopped printer, which prints it on recovery: the link sends
// `DLE ENQ 2` at once (real-time, taken while offline) and again before the next job, never the old job.
import { randomUUID } from 'node:crypto';
import { cmd } from './commands';
import type { ClearBuffersMode } from './profiles';
import { canPrint, classifyInbound, parseStatus } from './status';
import type { PrinterStatusReport, StatusBytes } from './status';
import { jobTimeoutMs, sleep, writeAndDrain } from './transportPort';
import type { PrinterPort } from './transportPort';
import { StaleTracker } from './transportStale';
import type { StaleData, StaleHandling } from './transportStale';

export { jobTimeoutMs } from './transportPort';
export type { PrinterPort } from './transportPort';
export type { StaleData, StaleHandling } from './transportStale';

export interface PrinterLinkOptions {
  /** Line speed, for the job time budget (default 9600). */
  baudRate?: number;
  /** Wait for one DLE EOT reply (default 500 ms; a printer answers within milliseconds, even offline). */
  statusTimeoutMs?: number;
  /** Least time a job may take before its completion is called unknown (default 10 000 ms). */
  minJobTimeoutMs?: number;
  /** Printing speed assumed for the budget, mm/s (default 50, the slowest 58 mm units). */
  printSpeedMmPerS?: number;
  /** How often the status is polled while waiting for the acknowledgement (default 400 ms). */
  pollIntervalMs?: number;
  /**
   * Unanswered polls in a row after which a job's completion is called unknown at once (default 3): a printer
   * answers DLE EOT even while busy or offline, so one that stops answering has lost power or its cable.
   */
  silentPollsToGiveUp?: number;
  /** How the model drops the rest of an interrupted job: the profile's `recovery.clearBuffers` (default `dleEnq2`). */
  clearBuffers?: ClearBuffersMode;
}

export type JobOutcome =
  /** Nothing was sent: the printer was not ready (see `before`). */
  | 'refused'
  /** The printer acknowledged the whole job (`GS r 1` answered after the cut). */
  | 'printed'
  /** Sent, and the printer reported a problem before acknowledging: part of a receipt may be out. */
  | 'incomplete'
  /** Sent, and no acknowledgement and no problem report: it may or may not have printed. */
  | 'unknown';

export interface JobResult {
  jobId: string;
  outcome: JobOutcome;
  before: PrinterStatusReport;
  after: PrinterStatusReport | null;
  bytes: number;
  durationMs: number;
  /** What was done, before this job's bytes, about the rest of an earlier interrupted job (null: none held). */
  staleBefore: StaleHandling | null;
  /** After this job: the printer may hold the rest of a job (this one or, on `notClearable`, an earlier one) and this was done at once (null: nothing held). */
  staleAfter: StaleHandling | null;
}

export interface ClearStaleResult {
  /** What was done (null: nothing held, or the printer did not answer; the next job tries again). */
  handling: StaleHandling | null;
  status: PrinterStatusReport;
}

interface Waiter {
  resolve(byte: number | null): void;
}

export class PrinterLink {
  private readonly options: Required<PrinterLinkOptions>;
  /** Takers of the next DLE EOT replies, oldest first (replies come back in the order asked). */
  private realtimeTakers: Array<(byte: number) => void> = [];
  private transmitWaiter: Waiter | null = null;
  private asbBytesToSkip = 0;
  private readonly stale = new StaleTracker();
  private queue: Promise<unknown> = Promise.resolve();
  private readonly onData = (chunk: Buffer) => {
    for (const byte of chunk) this.receive(byte);
  };

  constructor(
    private readonly port: PrinterPort,
    options: PrinterLinkOptions = {},
  ) {
    this.options = {
      baudRate: options.baudRate ?? 9600,
      statusTimeoutMs: options.statusTimeoutMs ?? 500,
      minJobTimeoutMs: options.minJobTimeoutMs ?? 10_000,
      printSpeedMmPerS: options.printSpeedMmPerS ?? 50,
      pollIntervalMs: options.pollIntervalMs ?? 400,
      silentPollsToGiveUp: options.silentPollsToGiveUp ?? 3,
      clearBuffers: options.clearBuffers ?? 'dleEnq2',
    };
    port.on('data', this.onData);
  }

  /** Stops listening (the port itself belongs to whoever opened it). */
  detach(): void {
    this.port.removeListener('data', this.onData);
  }

  /** DLE EOT 1..4, parsed; `noResponse` when the printer stays silent. Waits for a running job to finish. */
  queryStatus(): Promise<PrinterStatusReport> {
    return this.exclusive(() => this.readStatus());
  }

  /** Prints one job (bytes from the encoder, ending with `GS r 1`). Never retries; never throws for printer trouble. */
  print(bytes: Uint8Array, jobId: string = randomUUID()): Promise<JobResult> {
    return this.exclusive(() => this.runJob(bytes, jobId));
  }

  /** Whether the printer may hold the rest of an interrupted job (see `StaleData`). */
  get staleData(): StaleData {
    return this.stale.state;
  }

  /**
   * Sends `DLE ENQ 2` now if the printer may hold the rest of an interrupted job, for a technician tool or the
   * host's status poll (the next job does it first by itself). `force` clears even when this link knows of
   * nothing held: its memory does not survive a restart. Waits for a running job to finish.
   */
  clearStale(options: { force?: boolean } = {}): Promise<ClearStaleResult> {
    return this.exclusive(async () => {
      const status = await this.readStatus();
      if (options.force) this.stale.assumeHeld();
      if (this.stale.state !== 'held' || status.state === 'noResponse') return { handling: null, status };
      return this.sendClear(status);
    });
  }

  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private receive(byte: number): void {
    if (this.asbBytesToSkip > 0) {
      this.asbBytesToSkip--;
      return;
    }
    const kind = classifyInbound(byte);
    if (kind === 'realtime' && this.realtimeTakers.length > 0) {
      this.realtimeTakers.shift()?.(byte);
    } else if (kind === 'transmit' && this.transmitWaiter) {
      const waiter = this.transmitWaiter;
      this.transmitWaiter = null;
      waiter.resolve(byte);
    } else if (kind === 'asbStart') {
      this.asbBytesToSkip = 3; // automatic status back: 4 bytes; we poll instead (not all clones have ASB)
    }
    // Anything else (unsolicited status, XON/XOFF the OS let through, noise) is dropped on purpose.
  }

  private wait(slot: 'transmitWaiter', timeoutMs: number): { reply: Promise<number | null>; cancel(): void } {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let waiter: Waiter | undefined;
    const reply = new Promise<number | null>((resolve) => {
      waiter = {
        resolve: (byte) => {
          clearTimeout(timer);
          resolve(byte);
        },
      };
      this[slot] = waiter;
      timer = setTimeout(() => {
        if (this[slot] === waiter) this[slot] = null;
        resolve(null);
      }, timeoutMs);
    });
    return {
      reply,
      cancel: () => {
        if (this[slot] === waiter) this[slot] = null;
        waiter?.resolve(null);
      },
    };
  }

  private write(bytes: Uint8Array, timeoutMs: number): Promise<void> {
    return writeAndDrain(this.port, bytes, timeoutMs);
  }

  /**
   * DLE EOT 1, 2, 3 and 4 in one write (real-time commands are answered at once and in order), so a status
   * costs one round trip, not four. A reply missing at the deadline leaves that field null (= noResponse).
   */
  private async readStatus(): Promise<PrinterStatusReport> {
    const replies: number[] = [];
    let complete: () => void = () => undefined;
    const all = new Promise<void>((resolve) => (complete = resolve));
    const take = (byte: number) => {
      replies.push(byte);
      if (replies.length === 4) complete();
    };
    this.realtimeTakers = [take, take, take, take];
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const request = [1, 2, 3, 4].flatMap((n) => cmd.realtimeStatus(n as 1 | 2 | 3 | 4));
      await this.write(Uint8Array.from(request), this.options.statusTimeoutMs);
      await Promise.race([all, new Promise<void>((resolve) => (timer = setTimeout(resolve, this.options.statusTimeoutMs)))]);
    } catch {
      // A write that cannot drain: the printer holds the line (XOFF/CTS) or the port is gone; report silence.
    } finally {
      clearTimeout(timer);
      this.realtimeTakers = []; // a late reply must not be taken for the answer to a later question
    }
    const [printer = null, offlineCause = null, errorCause = null, paper = null] = replies;
    const report = parseStatus({ printer, offlineCause, errorCause, paper } satisfies StatusBytes);
    this.stale.observe(report);
    return report;
  }

  /**
   * DLE ENQ 2, when the profile has it; `status` is what the printer reported just before. When written, the
   * status is read again: a DLE EOT answered after the clear shows the printer has taken it (real-time
   * commands are taken in order), so nothing written later can be dropped by it.
   */
  private async sendClear(status: PrinterStatusReport): Promise<{ handling: StaleHandling; status: PrinterStatusReport }> {
    if (this.options.clearBuffers === 'none') return { handling: 'notClearable', status };
    try {
      await this.write(Uint8Array.from(cmd.clearBuffers), this.options.statusTimeoutMs);
    } catch {
      return { handling: 'clearNotSent', status: await this.readStatus() };
    }
    this.stale.clearSent(status);
    return { handling: 'clearSent', status: await this.readStatus() };
  }

  private async runJob(bytes: Uint8Array, jobId: string): Promise<JobResult> {
    const started = Date.now();
    let staleBefore: StaleHandling | null = null;
    const result = (outcome: JobOutcome, before: PrinterStatusReport, after: PrinterStatusReport | null, staleAfter: StaleHandling | null = null): JobResult => ({
      jobId,
      outcome,
      before,
      after,
      bytes: outcome === 'refused' ? 0 : bytes.length,
      durationMs: Date.now() - started,
      staleBefore,
      staleAfter,
    });
    // A printer that stopped mid-job is told to drop what it kept at once, while still offline: most printers
    // resume by themselves once paper is loaded and the cover closed, before any next job could clear it.
    const ended = async (outcome: JobOutcome, before: PrinterStatusReport, reported: PrinterStatusReport, after: PrinterStatusReport) => {
      this.stale.jobEnded(outcome === 'printed', reported);
      const cleared = this.stale.state === 'held' ? await this.sendClear(reported) : null;
      return result(outcome, before, after, cleared?.handling ?? null);
    };
    let before = await this.readStatus();
    if (this.stale.state === 'held' && before.state !== 'noResponse') {
      // The rest of an interrupted job is dropped before anything new is sent.
      ({ handling: staleBefore, status: before } = await this.sendClear(before));
    }
    if (!canPrint(before.state)) return result('refused', before, null);

    const budget = jobTimeoutMs(bytes.length, this.options);
    const deadline = started + budget;
    // No polling while the job is still on the wire: a DLE EOT would queue behind it (USB adapters and
    // ptys report "drained" long before the last byte reaches the printer) and its late reply could be
    // taken for the answer to a later question.
    const quietUntil = Date.now() + Math.ceil(((bytes.length * 10 * 1000) / this.options.baudRate) * 1.2) + this.options.pollIntervalMs;
    const ack = this.wait('transmitWaiter', budget);
    try {
      await this.write(bytes, budget);
    } catch {
      ack.cancel();
      const after = await this.readStatus();
      return ended('unknown', before, after, after);
    }
    let acknowledged = false;
    let problem: PrinterStatusReport | null = null;
    let silentPolls = 0;
    const acked = ack.reply.then((byte) => (acknowledged = byte !== null));
    while (!acknowledged && Date.now() < deadline) {
      const pause = Math.max(this.options.pollIntervalMs, quietUntil - Date.now());
      const tick = await Promise.race([acked.then(() => 'ack' as const), sleep(Math.min(pause, deadline - Date.now())).then(() => 'poll' as const)]);
      if (tick === 'ack') break;
      const polled = await this.readStatus();
      if (acknowledged) break;
      // An explicit paper-out or cover-open ends the wait; so does a printer that has stopped answering.
      silentPolls = polled.state === 'noResponse' ? silentPolls + 1 : 0;
      if (silentPolls >= this.options.silentPollsToGiveUp) break;
      if (polled.state !== 'noResponse' && !canPrint(polled.state)) {
        problem = polled;
        break;
      }
    }
    if (!acknowledged) ack.cancel();
    const after = await this.readStatus();
    if (acknowledged) return ended('printed', before, after, after);
    const reported = problem && after.state === 'noResponse' ? problem : after;
    const troubled = problem !== null || (after.state !== 'noResponse' && !canPrint(after.state));
    return ended(troubled ? 'incomplete' : 'unknown', before, problem ?? reported, reported);
  }
}
