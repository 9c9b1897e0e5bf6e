// The reader session (spec §2.13, §5.3): open the port, check the SAM, then poll find → select → read and
// report what happens as events. It never throws out of its loop: a fault becomes a status, and the loop
// reconnects with backoff, so an unplugged and replugged reader comes back without a restart. A card is
// reported only from a complete, checksum-valid, well-formed reply; anything else is read again.
import { chinaToday, systemClock } from '../../src/domain/clock';
import type { Clock } from '../../src/domain/clock';
import type { IdentityCard } from '../../src/domain/card';
import type { CardExtras } from './card';
import { decodeCard } from './card';
import type { Command, PlainCommandName } from './commands';
import { command } from './commands';
import type { DeviceLogger } from '../deviceError';
import { DeviceError, isDeviceError, silentLogger } from '../deviceError';
import { CardDataError } from './cardDataError';
import { toHex } from './frame';
import { decodeAdditionalAddress, decodeReadReply, decodeSamId } from './replies';
import type { OpenSerial } from '../serial';
import { openSerial } from '../serial';
import { statusLabel } from './status';
import type { SamPort, SamReply } from './transport';
import { SamTransport } from './transport';

export type ReaderState = 'connecting' | 'ready' | 'disconnected' | 'error';
export interface ReaderStatus {
  state: ReaderState;
  /** Plain reason for the technician (port, baud, status code); never card contents. */
  detail?: string;
}
export type CardErrorReason = 'unreadable' | 'protocol' | 'timeout';

export type ReaderEvent =
  | { type: 'status'; status: ReaderStatus }
  | { type: 'inserted' }
  | { type: 'read'; card: IdentityCard; extras: CardExtras }
  | { type: 'error'; reason: CardErrorReason; detail: string }
  | { type: 'removed' };

export interface ReaderSessionOptions {
  path: string;
  /** First line rate tried (default 115200). */
  baud?: number;
  /** Rates probed in turn when the first gets no answer to `11 FF` (default [9600]; the spec lists 57600…9600). */
  fallbackBauds?: number[];
  /** Start-to-start interval of find polls, 300–1000 ms (default 400; readers want ≥ 300). */
  pollIntervalMs?: number;
  /** Pause before reading a present card again after a failed read (default 100 ms). */
  retryDelayMs?: number;
  /** Failed reads of one card before `card.error` is reported; reading goes on while it is present (default 3). */
  errorAfterFailures?: number;
  /** Use `30 10` (text + photo + fingerprint) instead of `30 01`; falls back when the reader answers 21 (default false). */
  readFingerprint?: boolean;
  /** After a read, ask `30 03` for an appended (newer) address and show it instead (default false; rare since GA 490-2013). */
  readAdditionalAddress?: boolean;
  /** Reconnect backoff: first delay and cap, doubling in between (default 250 and 5000 ms). */
  reconnectMinMs?: number;
  reconnectMaxMs?: number;
  /** Consecutive command timeouts before the port is reopened (default 2). */
  timeoutsBeforeReopen?: number;
  /** Opens the port (default: serialport). */
  openPort?: OpenSerial<SamPort>;
  log?: DeviceLogger;
  /** "Now" for the ID-number birth-date rule, whose day is China's (default: the system clock). */
  clock?: Clock;
}

export interface ReaderSession {
  readonly status: ReaderStatus;
  /** The SAM ID once connected (a device identifier, not personal data). */
  readonly samId: string | null;
  /** Line statistics of the current connection (bytes each way), for benchmarks and diagnostics. */
  readonly stats: { bytesIn: number; bytesOut: number; frames: number; garbageBytes: number; badFrames: number } | null;
  start(): void;
  stop(): Promise<void>;
  /** True while a card answers the find poll. */
  readonly cardPresent: boolean;
  /**
   * Reads the card that lies on the reader once more at the next poll (find 9F → select → read, spec §2.13),
   * for a visit that starts with the card already there. False when no card is present.
   */
  readAgain(): boolean;
}

const clampPoll = (ms: number) => Math.min(1000, Math.max(300, ms));

/** Cancellable sleep: stop() wakes every sleeper at once. */
function createSleeper() {
  const wakers = new Set<() => void>();
  return {
    sleep(ms: number, isStopped: () => boolean) {
      return new Promise<void>((resolve) => {
        if (isStopped()) return resolve();
        const done = () => {
          clearTimeout(timer);
          wakers.delete(done);
          resolve();
        };
        const timer = setTimeout(done, Math.max(0, ms));
        wakers.add(done);
      });
    },
    wakeAll() {
      for (const w of [...wakers]) w();
    },
  };
}

export function createReaderSession(options: ReaderSessionOptions, onEvent: (event: ReaderEvent) => void): ReaderSession {
  const log = options.log ?? silentLogger;
  const openPort = options.openPort ?? openSerial;
  const pollMs = clampPoll(options.pollIntervalMs ?? 400);
  const retryMs = options.retryDelayMs ?? 100;
  const errorAfter = options.errorAfterFailures ?? 3;
  const reconnectMin = options.reconnectMinMs ?? 250;
  const reconnectMax = options.reconnectMaxMs ?? 5000;
  const timeoutsBeforeReopen = options.timeoutsBeforeReopen ?? 2;
  const bauds = [options.baud ?? 115200, ...(options.fallbackBauds ?? [9600]).filter((b) => b !== (options.baud ?? 115200))];
  const clock = options.clock ?? systemClock;
  const sleeper = createSleeper();

  let status: ReaderStatus = { state: 'connecting' };
  let stopped = false;
  let running: Promise<void> | null = null;
  let transport: SamTransport | null = null;
  let samId: string | null = null;
  let useFingerprint = options.readFingerprint ?? false;

  const emit = (event: ReaderEvent) => {
    try {
      onEvent(event);
    } catch (error) {
      log.error('reader event listener failed', { error });
    }
  };
  const setStatus = (next: ReaderStatus) => {
    if (next.state === status.state && next.detail === status.detail) return;
    status = next;
    log.info('reader status', { state: next.state, detail: next.detail });
    emit({ type: 'status', status: next });
  };

  /** One exchange; a host-frame error (10/11) is resent once, as the spec recommends. */
  async function exchange(t: SamTransport, c: Command): Promise<SamReply> {
    const reply = await t.request(c);
    if (reply.status.kind !== 'hostFrameError') return reply;
    log.warn('reader reported a host frame error, resending', { command: c.name, sw3: statusLabel(reply.sw3) });
    return t.request(c);
  }

  /** Opens the port and checks the SAM, trying each baud rate; throws DeviceError with a plain reason. */
  async function connect(): Promise<SamTransport> {
    const tried: string[] = [];
    for (const baud of bauds) {
      const port = await openPort({ path: options.path, baudRate: baud });
      const t = new SamTransport(port, { baud, log });
      transport = t; // so that stop() can close it mid-probe
      try {
        let reply = await exchange(t, command('samStatus'));
        if (reply.status.kind === 'samFault') {
          log.warn('SAM fault, resetting', { sw3: statusLabel(reply.sw3) });
          await exchange(t, command('reset'));
          reply = await exchange(t, command('samStatus'));
        }
        if (reply.status.kind !== 'ok') throw new DeviceError('protocol', `SAM status answered ${statusLabel(reply.sw3)}`, reply.sw3);
        try {
          const id = await exchange(t, command('samId'));
          samId = id.status.kind === 'ok' ? decodeSamId(id.data).text : null;
        } catch (error) {
          if (isDeviceError(error, 'disconnected')) throw error;
          samId = null; // the SAM ID is informational; a reader that cannot give it can still read cards
        }
        log.info('reader connected', { path: options.path, baud, samId });
        return t;
      } catch (error) {
        await t.close();
        transport = null;
        if (isDeviceError(error, 'timeout') && !stopped) {
          tried.push(String(baud));
          continue;
        }
        throw error;
      }
    }
    throw new DeviceError('timeout', `no answer to SAM status at ${tried.join(', ')} baud`);
  }

  // Per-connection card state.
  let present = false;
  let readDone = false;
  let failures = 0;
  let errorReported = false;
  let suspect: string | null = null;
  let timeouts = 0;

  const resetCard = () => {
    present = false;
    readDone = false;
    failures = 0;
    errorReported = false;
    suspect = null;
  };

  function readFailed(reason: CardErrorReason, detail: string): 'retry' {
    failures++;
    log.warn('card read failed', { reason, detail, attempt: failures });
    if (failures >= errorAfter && !errorReported) {
      errorReported = true;
      emit({ type: 'error', reason, detail });
    }
    return 'retry';
  }

  /** One find → select → read cycle. 'retry' asks for a quick next cycle. */
  async function cycle(t: SamTransport): Promise<'idle' | 'retry'> {
    const found = await exchange(t, command('find'));
    timeouts = 0;
    if (found.status.kind === 'noCard') {
      if (present) {
        resetCard();
        emit({ type: 'removed' });
      }
      return 'idle';
    }
    if (found.status.kind === 'samFault') throw new DeviceError('protocol', `find answered ${statusLabel(found.sw3)}`, found.sw3);
    if (found.status.kind !== 'cardFound') return present ? readFailed('protocol', `find answered ${statusLabel(found.sw3)}`) : 'idle';
    if (!present) {
      present = true;
      emit({ type: 'inserted' });
    }
    if (readDone) return 'idle';

    const selected = await exchange(t, command('select'));
    if (selected.status.kind !== 'ok') return readFailed('unreadable', `select answered ${statusLabel(selected.sw3)}`);
    const readName: PlainCommandName = useFingerprint ? 'readBaseFingerprint' : 'readBase';
    const read = await exchange(t, command(readName));
    if (read.status.kind === 'commandError' && useFingerprint) {
      log.info('reader has no fingerprint read; using 30 01');
      useFingerprint = false;
      return 'retry';
    }
    if (read.status.kind === 'samFault') throw new DeviceError('protocol', `read answered ${statusLabel(read.sw3)}`, read.sw3);
    if (read.status.kind !== 'ok') return readFailed('unreadable', `read answered ${statusLabel(read.sw3)}`);

    let decoded;
    try {
      const blocks = decodeReadReply(read.data, readName === 'readBaseFingerprint');
      decoded = decodeCard(blocks.text, { photoBytes: blocks.photo.length, today: chinaToday(clock) });
      if (!decoded.card.idNumberValid) {
        // A number that fails its own rules is either a genuinely odd card or a corruption the XOR missed.
        // Deliver it (flagged) only when a second read gives the same bytes.
        const fingerprint = toHex(blocks.text);
        if (suspect !== fingerprint) {
          const first = suspect === null;
          suspect = fingerprint;
          if (first) {
            log.warn('ID number failed its rules; reading again to confirm');
            return 'retry';
          }
          return readFailed('protocol', 'two reads of the card disagree');
        }
      }
    } catch (error) {
      if (error instanceof CardDataError) return readFailed('protocol', `malformed card data (${error.field})`);
      throw error;
    }
    if (options.readAdditionalAddress && decoded.card.cardType !== 'foreigner') {
      const extra = await exchange(t, command('readAdditionalAddress'));
      if (extra.status.kind === 'ok') {
        try {
          const address = decodeAdditionalAddress(extra.data);
          if (address) decoded.card.address = address;
        } catch (error) {
          if (!(error instanceof CardDataError)) throw error;
          return readFailed('protocol', 'malformed additional address');
        }
      }
    }
    readDone = true;
    failures = 0;
    log.info('card read', { cardType: decoded.card.cardType, idNumberValid: decoded.card.idNumberValid });
    emit({ type: 'read', card: decoded.card, extras: decoded.extras });
    return 'idle';
  }

  async function pollLoop(t: SamTransport): Promise<void> {
    resetCard();
    timeouts = 0;
    while (!stopped) {
      const started = Date.now();
      let next: 'idle' | 'retry';
      try {
        next = await cycle(t);
      } catch (error) {
        if (!isDeviceError(error) || error.kind === 'disconnected') throw error;
        if (error.kind === 'timeout') {
          timeouts++;
          if (timeouts >= timeoutsBeforeReopen) throw error;
        }
        // A protocol fault from the SAM (sw3 set) needs a reset, which connect() does.
        if (error.kind === 'protocol' && error.status !== undefined) throw error;
        next = present && !readDone ? readFailed(error.kind === 'timeout' ? 'timeout' : 'protocol', error.message) : 'idle';
      }
      const wait = next === 'retry' && failures < errorAfter * 2 ? retryMs : pollMs - (Date.now() - started);
      await sleeper.sleep(wait, () => stopped);
    }
  }

  async function run(): Promise<void> {
    let backoff = reconnectMin;
    while (!stopped) {
      setStatus({ state: 'connecting', detail: options.path });
      try {
        transport = await connect();
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        if (stopped) break;
        setStatus({ state: isDeviceError(error, 'protocol') ? 'error' : 'disconnected', detail: reason });
        await sleeper.sleep(backoff, () => stopped);
        backoff = Math.min(reconnectMax, backoff * 2);
        continue;
      }
      backoff = reconnectMin;
      setStatus({ state: 'ready', detail: `${options.path} @ ${transport.baud}` });
      let reason = 'stopped';
      try {
        await pollLoop(transport);
      } catch (error) {
        reason = error instanceof Error ? error.message : String(error);
        if (!stopped) setStatus({ state: isDeviceError(error, 'protocol') ? 'error' : 'disconnected', detail: reason });
      }
      await transport.close();
      transport = null;
      if (present) {
        // The card can no longer be seen; consumers must not keep waiting for its removal.
        resetCard();
        emit({ type: 'removed' });
      }
      if (!stopped) {
        log.warn('reader connection lost; reconnecting', { reason });
        await sleeper.sleep(backoff, () => stopped);
        backoff = Math.min(reconnectMax, backoff * 2);
      }
    }
  }

  return {
    get status() {
      return status;
    },
    get samId() {
      return samId;
    },
    get stats() {
      return transport ? { ...transport.stats } : null;
    },
    get cardPresent() {
      return present;
    },
    readAgain() {
      if (!present) return false;
      readDone = false;
      failures = 0;
      errorReported = false;
      sleeper.wakeAll();
      return true;
    },
    start() {
      if (running) return;
      stopped = false;
      running = run().catch((error: unknown) => {
        // run() handles every device error itself; reaching here is a bug, reported as a status.
        log.error('reader session crashed', { error });
        setStatus({ state: 'error', detail: 'internal error in the reader session' });
      });
    },
    async stop() {
      stopped = true;
      sleeper.wakeAll();
      await transport?.close();
      await running;
      running = null;
    },
  };
}
