// What a printer may still hold of a job it did not finish (spec §5.3, §6.5). A printer that stops on paper
// end or an open cover keeps the bytes it has not printed and prints them when it recovers: the rest of one
// resident's receipt (masked name, receipt number) in front of the next person, followed by the reprint.
// Pure bookkeeping for `PrinterLink`, which sends the bytes; never a reason to resend the old job.
import { canPrint } from './status';
import type { PrinterStatusReport } from './status';

/**
 * - `none`: nothing of an earlier job can be waiting (the last job was acknowledged, or none was sent);
 * - `suspect`: a job was sent and not acknowledged, and no problem was reported: it may still be printing,
 *   so clearing now could cut a receipt that is coming out normally;
 * - `held`: a job was cut short by a reported problem: the printer may keep its rest and print it on recovery.
 */
export type StaleData = 'none' | 'suspect' | 'held';

/**
 * What the link did about a held rest:
 * - `clearSent`: `DLE ENQ 2` was written (real-time, so taken even while the printer is offline);
 * - `clearNotSent`: the write did not drain (line held by XOFF/CTS, or the port is gone); tried again later;
 * - `notClearable`: the profile says `recovery.clearBuffers: 'none'`: the rest may print before the next job.
 */
export type StaleHandling = 'clearSent' | 'clearNotSent' | 'notClearable';

/** A reported problem that stops printing (silence is not a report: a printer without power holds nothing). */
export const isProblemReport = (report: PrinterStatusReport): boolean => report.state !== 'noResponse' && !canPrint(report.state);

export class StaleTracker {
  private current: StaleData = 'none';

  get state(): StaleData {
    return this.current;
  }

  /** Every status read: an unacknowledged job followed by a reported problem may have left its rest behind. */
  observe(report: PrinterStatusReport): void {
    if (this.current === 'suspect' && isProblemReport(report)) this.current = 'held';
  }

  /** A job ended; `reported` is the problem seen while waiting, or the status after. */
  jobEnded(acknowledged: boolean, reported: PrinterStatusReport): void {
    // GS r 1 is processed in order: its reply means everything before it, an older rest included, is done.
    if (acknowledged) this.current = 'none';
    else if (isProblemReport(reported)) this.current = 'held';
    else if (this.current === 'none') this.current = 'suspect';
  }

  /**
   * A clear was written while the printer reported `status`. Only one written while it reports ready settles
   * the matter: some models ignore DLE ENQ while the paper is out (spec §2.6: "recoverable errors"), so one
   * sent while offline is sent again once the printer is back.
   */
  clearSent(status: PrinterStatusReport): void {
    if (canPrint(status.state)) this.current = 'none';
  }

  /** A technician forces a clear: treat whatever may be there as held. */
  assumeHeld(): void {
    this.current = 'held';
  }
}
