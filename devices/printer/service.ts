// The receipt printer's device service, named 'printer' (driver `printer/escpos-serial`, ./drivers.ts).
// It owns the serial port, encodes documents for the configured profile, runs one job at a time through
// the transport, and pushes 'printer.status' whenever the state changes. A printer in trouble is a state,
// never a hang and never a throw: the port is reopened on the next poll when it went away. A job cut short
// (paper out, cover open) may leave its rest in the printer: the transport clears it (DLE ENQ 2) where the
// profile allows; where it cannot, the status detail tells the technician to take that rest away.
import { randomUUID } from 'node:crypto';
import type { SerialPort } from 'serialport';
import type { EventHub } from '../../src/bridge/dispatcher';
import type { Handlers } from '../../src/bridge/contract';
import type { PrinterStatus } from '../../src/bridge/contract/printer';
import { err, ok } from '../../src/bridge/result';
import { markReprint } from '../../src/domain/receipt';
import { encodeReceipt } from './encoder';
import { createGlyphLineDrawer } from './glyphRaster';
import type { PrinterProfile } from './profiles';
import type { SerialFlow } from '../serial';
import { closeSerial, openSerial } from '../serial';
import { canPrint, stateWording } from './status';
import type { PrinterStatusReport } from './status';
import { PrinterLink } from './transport';
import type { JobResult } from './transport';
import type { DeviceLogger } from '../deviceError';
import type { DeviceService } from '../registry';

export interface PrinterServiceOptions {
  /** Serial port path (config `devices.printer.port`). */
  port: string;
  profile: PrinterProfile;
  /** Line speed (default: the profile's). */
  baudRate?: number;
  /** Flow control (default: the profile's). */
  flow?: SerialFlow;
  log: DeviceLogger;
  /** Wait for each status reply, ms (default 500). */
  statusTimeoutMs?: number;
  /** Least job time before completion is unknown, ms (default 10 000). */
  minJobTimeoutMs?: number;
  /** Status poll while idle, ms (default 15 000; 0 = none). */
  idlePollMs?: number;
  /** CJK font for the characters the printer's font lacks (default Debian's Noto Sans CJK; none there: □). */
  glyphFont?: string;
}

/** Said while a printer that cannot clear its buffers may still print the rest of an interrupted receipt. */
const unclearedRestWording = '打印机可能还留有上一张未打完的回执，恢复后会先打出，请取下销毁';

export function createPrinterService(options: PrinterServiceOptions): DeviceService {
  const { log, profile } = options;
  const drawLine = createGlyphLineDrawer(options.glyphFont ? { regular: options.glyphFont } : undefined);
  const baudRate = options.baudRate ?? profile.serial.baudRate;
  let port: SerialPort | null = null;
  let link: PrinterLink | null = null;
  let events: EventHub | null = null;
  let timer: ReturnType<typeof setInterval> | undefined;
  let last: PrinterStatus = { state: 'noResponse', detail: stateWording.noResponse };
  let stopped = false;
  let lastJob: { outcome: string; at: string } | null = null;
  /** The printer may hold the rest of an interrupted job, and its profile has no way to clear it. */
  const holdsUnclearableRest = () => link?.staleData === 'held' && profile.recovery.clearBuffers === 'none';
  const toStatus = (report: PrinterStatusReport): PrinterStatus => ({
    state: report.state,
    detail: holdsUnclearableRest() ? `${stateWording[report.state]}；${unclearedRestWording}` : stateWording[report.state],
  });
  /** No personal data: the rest's content is never read, only that it was (or could not be) dropped. */
  const logStale = (result: Pick<JobResult, 'jobId' | 'staleBefore' | 'staleAfter'>) => {
    if (result.staleBefore === 'clearSent') log.info('stale job data cleared', { jobId: result.jobId });
    if (result.staleBefore === 'notClearable') log.warn('stale job data may have printed before this job (profile cannot clear)', { jobId: result.jobId });
    if (result.staleAfter === 'clearSent') log.info('printer told to drop the rest of the interrupted job', { jobId: result.jobId });
    if (result.staleAfter === 'notClearable') log.warn('the rest of the interrupted job will print on recovery (profile cannot clear)', { jobId: result.jobId });
  };

  let emitted: PrinterStatus | null = null;
  const publish = (status: PrinterStatus) => {
    last = status;
    if (emitted?.state === status.state && emitted.detail === status.detail) return;
    log.info('printer state', { from: emitted?.state ?? null, to: status.state });
    emitted = status;
    events?.emit('printer.status', status);
  };

  let opening: Promise<PrinterLink | null> | null = null;
  /** The link, opening the port if needed (once, however many callers ask); null when it cannot be opened. */
  const ensureLink = (): Promise<PrinterLink | null> => {
    if (link && port?.isOpen) return Promise.resolve(link);
    opening ??= openLink().finally(() => (opening = null));
    return opening;
  };
  const openLink = async (): Promise<PrinterLink | null> => {
    link?.detach();
    link = null;
    try {
      port = await openSerial({ path: options.port, baudRate, flow: options.flow ?? profile.serial.flow });
      port.once('close', () => {
        link?.detach();
        link = null;
      });
      link = new PrinterLink(port, { baudRate, statusTimeoutMs: options.statusTimeoutMs, minJobTimeoutMs: options.minJobTimeoutMs, clearBuffers: profile.recovery.clearBuffers });
      log.info('printer port open', { profile: profile.name, baudRate });
      return link;
    } catch (error) {
      log.warn('printer port cannot be opened', { error });
      publish({ state: 'noResponse', detail: `${stateWording.noResponse}：串口无法打开` });
      return null;
    }
  };

  const refresh = async (): Promise<PrinterStatus> => {
    const current = await ensureLink();
    if (!current) return last;
    let report = await current.queryStatus();
    if (current.staleData === 'held' && canPrint(report.state) && profile.recovery.clearBuffers !== 'none') {
      // Back to ready with the rest of an interrupted job possibly kept: drop it now, not at the next job.
      const cleared = await current.clearStale();
      if (cleared.handling === 'clearSent') log.info('stale job data cleared', { on: 'status' });
      report = cleared.status;
    }
    const status = toStatus(report);
    publish(status);
    return status;
  };

  const handlers: Handlers = {
    'printer.status': async () => ok(await refresh()),
    'printer.clear': async () => {
      const current = await ensureLink();
      if (!current) return err('device', stateWording.noResponse);
      if (profile.recovery.clearBuffers === 'none') return err('device', '此型号不能清除中断的打印内容：请关闭打印机电源再打开，撕下并销毁它打出的内容');
      const result = await current.clearStale({ force: true });
      const status = toStatus(result.status);
      publish(status);
      if (result.handling === 'clearSent') log.info('stale job data cleared', { on: 'request' });
      return ok({ cleared: result.handling === 'clearSent', state: status.state });
    },
    'printer.print': async ({ document, reprint, jobId }) => {
      const current = await ensureLink();
      if (!current) return err('device', last.detail ?? stateWording.noResponse, last.state);
      const encoded = encodeReceipt(reprint ? markReprint(document) : document, profile, { drawLine });
      // Code points only: the text around them may be a name.
      if (encoded.drawn.length > 0) log.info('characters the printer font lacks were drawn as images', { codePoints: encoded.drawn.map((r) => r.codePoint) });
      if (encoded.replaced.length > 0) {
        log.warn('characters the printer cannot print were replaced', { count: encoded.replaced.length, codePoints: encoded.replaced.map((r) => r.codePoint) });
      }
      const id = jobId ?? randomUUID();
      const result = await current.print(encoded.bytes, id);
      log.info('print job', { jobId: id, outcome: result.outcome, bytes: result.bytes, durationMs: result.durationMs, reprint, before: result.before.state });
      logStale(result);
      if (result.outcome === 'refused') {
        publish(toStatus(result.before));
        return err('device', stateWording[result.before.state], result.before.state);
      }
      lastJob = { outcome: result.outcome, at: new Date().toISOString() };
      const after = result.after ?? result.before;
      publish(toStatus(after));
      return ok({ jobId: id, outcome: result.outcome, state: after.state, replacedCharacters: encoded.replaced.length });
    },
  };

  return {
    name: 'printer',
    handlers,
    health: () => ({
      state: last.state,
      detail: last.detail,
      facts: { port: options.port, profile: profile.name, baudRate, lastJob: lastJob?.outcome ?? null, lastJobAt: lastJob?.at ?? null, restHeld: holdsUnclearableRest() },
    }),
    async start(hub) {
      events = hub;
      await refresh();
      const every = options.idlePollMs ?? 15_000;
      if (every > 0) {
        timer = setInterval(() => {
          if (!stopped) void refresh().catch((error: unknown) => log.warn('printer status poll failed', { error }));
        }, every);
        timer.unref?.();
      }
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      link?.detach();
      link = null;
      if (port) await closeSerial(port);
      port = null;
    },
  };
}

/** The service for a printer that is not configured: status `unconfigured`, printing unavailable. */
export function createUnconfiguredPrinterService(detail = '未配置打印机'): DeviceService {
  const status: PrinterStatus = { state: 'unconfigured', detail };
  return {
    name: 'printer',
    health: () => ({ state: status.state, detail, facts: {} }),
    handlers: {
      'printer.status': () => ok(status),
      'printer.print': () => err('unavailable', detail, 'unconfigured'),
      'printer.clear': () => err('unavailable', detail, 'unconfigured'),
    },
    start(hub) {
      hub.emit('printer.status', status);
    },
    stop() {},
  };
}
