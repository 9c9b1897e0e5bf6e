// The ID-card reader's device service, named 'idcard' (created by the drivers in ./drivers.ts). It runs the reader session
// (devices/idcard/readerSession.ts) and turns what happens into bridge events: reader.status, card.inserted,
// card.read, card.error, card.removed; it answers 'card.status'. Card contents go to the renderer only, never
// to a log line (the session logs codes and states; the logger redacts whatever slips through).
import type { EventHub } from '../../src/bridge/dispatcher';
import type { ReaderStatus } from '../../src/bridge/contract/card';
import { ok } from '../../src/bridge/result';
import type { SamSerialOptions } from './options';
import { createReaderSession } from './readerSession';
import type { ReaderEvent, ReaderSession } from './readerSession';
import type { DeviceLogger } from '../deviceError';
import type { OpenSerial } from '../serial';
import type { SamPort } from './transport';
import type { DeviceService } from '../registry';
import { startInternalSimulator } from './internalSim';
import type { InternalSimulator } from './internalSim';

export interface IdcardServiceOptions extends Partial<SamSerialOptions> {
  /** Serial port path (config `devices.idcard.port`). */
  port: string;
  /** First line rate (config `devices.idcard.baud`, default 115200). */
  baud?: number;
  log: DeviceLogger;
  /** Opens the port (default: serialport); tests inject a fake. */
  openPort?: OpenSerial<SamPort>;
}

export function createIdcardService(options: IdcardServiceOptions): DeviceService {
  const { log } = options;
  let status: ReaderStatus = { state: 'connecting', detail: options.port };
  let session: ReaderSession | null = null;
  // Counters for the health panel; only times and counts, never what was read.
  const counts = { reads: 0, readErrors: 0 };
  let lastReadAt: string | null = null;

  const forward = (events: EventHub) => (event: ReaderEvent) => {
    switch (event.type) {
      case 'status':
        status = { state: event.status.state, ...(event.status.detail === undefined ? {} : { detail: event.status.detail }) };
        events.emit('reader.status', status);
        return;
      case 'inserted':
        events.emit('card.inserted', {});
        return;
      case 'read':
        counts.reads++;
        lastReadAt = new Date().toISOString();
        events.emit('card.read', event.card);
        return;
      case 'error':
        counts.readErrors++;
        events.emit('card.error', { reason: event.reason });
        return;
      case 'removed':
        events.emit('card.removed', {});
        return;
    }
  };

  return {
    name: 'idcard',
    handlers: {
      'card.status': () => ok({ ...status, cardPresent: session?.cardPresent ?? false }),
      'card.readAgain': () => ok({ present: session?.readAgain() ?? false }),
    },
    health: () => ({ state: status.state, detail: status.detail, facts: { port: options.port, samId: session?.samId ?? null, lastReadAt, ...counts } }),
    start(events) {
      session = createReaderSession(
        {
          path: options.port,
          baud: options.baud,
          fallbackBauds: options.fallbackBauds,
          pollIntervalMs: options.pollIntervalMs,
          readFingerprint: options.readFingerprint,
          readAdditionalAddress: options.readAdditionalAddress,
          errorAfterFailures: options.errorAfterFailures,
          retryDelayMs: options.retryDelayMs,
          openPort: options.openPort,
          log,
        },
        forward(events),
      );
      session.start();
    },
    async stop() {
      await session?.stop();
      session = null;
    },
  };
}

/** The stand-in when no reader is configured: status `unconfigured`. */
export function createUnconfiguredIdcardService(detail = '未配置身份证阅读器'): DeviceService {
  const status: ReaderStatus = { state: 'unconfigured', detail };
  return {
    name: 'idcard',
    handlers: { 'card.status': () => ok(status) },
    health: () => ({ state: status.state, detail, facts: {} }),
    start(events) {
      events.emit('reader.status', status);
    },
    stop() {},
  };
}

/** `idcard/sim`: the simulator on an internal pty pair, with the real driver on the other end. */
export function createSimulatedIdcardService(options: Omit<IdcardServiceOptions, 'port'> & { card?: string; faults: string }): DeviceService {
  let sim: InternalSimulator | null = null;
  let inner: DeviceService | null = null;
  return {
    name: 'idcard',
    handlers: {
      'card.status': (input) => (inner ? inner.handlers['card.status']!(input) : ok({ state: 'connecting' as const })),
      'card.readAgain': (input) => (inner ? inner.handlers['card.readAgain']!(input) : ok({ present: false })),
    },
    health: () => inner?.health() ?? { state: 'connecting', facts: {} },
    async start(events) {
      sim = await startInternalSimulator({ card: options.card, faults: options.faults, log: options.log });
      inner = createIdcardService({ ...options, port: sim.devicePath });
      await inner.start(events);
    },
    async stop() {
      await inner?.stop();
      await sim?.close();
    },
  };
}
