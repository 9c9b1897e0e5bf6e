// The host's ID-card reader service, a HostService named 'idcard'. It runs the reader session
// (devices/idcard/readerSession.ts) and turns what happens into bridge events: reader.status, card.inserted,
// card.read, card.error, card.removed; it answers 'card.status'. Card contents go to the renderer only, never
// to a log line (the session logs codes and states; the logger redacts whatever slips through).
import type { EventHub } from '../../../src/bridge/dispatcher';
import type { ReaderStatus } from '../../../src/bridge/contract/card';
import { ok } from '../../../src/bridge/result';
import { isIdcardDriver, samSerialOptionsSchema, simOptionsSchema } from '../../../devices/idcard/drivers';
import type { SamSerialOptions } from '../../../devices/idcard/drivers';
import { createReaderSession } from '../../../devices/idcard/readerSession';
import type { ReaderEvent, ReaderSession } from '../../../devices/idcard/readerSession';
import type { OpenPort } from '../../../devices/idcard/serialPort';
import type { DeviceConfig } from '../config';
import type { HostService } from '../host';
import type { Logger } from '../log';
import { startInternalSimulator } from './internalSim';
import type { InternalSimulator } from './internalSim';

export interface IdcardServiceOptions extends Partial<SamSerialOptions> {
  /** Serial port path (config `devices.idcard.port`). */
  port: string;
  /** First line rate (config `devices.idcard.baud`, default 115200). */
  baud?: number;
  log: Logger;
  /** Opens the port (default: serialport); tests inject a fake. */
  openPort?: OpenPort;
}

export function createIdcardService(options: IdcardServiceOptions): HostService {
  const { log } = options;
  let status: ReaderStatus = { state: 'connecting', detail: options.port };
  let session: ReaderSession | null = null;

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
        events.emit('card.read', event.card);
        return;
      case 'error':
        events.emit('card.error', { reason: event.reason });
        return;
      case 'removed':
        events.emit('card.removed', {});
        return;
    }
  };

  return {
    name: 'idcard',
    handlers: { 'card.status': () => ok(status) },
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
export function createUnconfiguredIdcardService(detail = '未配置身份证阅读器'): HostService {
  const status: ReaderStatus = { state: 'unconfigured', detail };
  return {
    name: 'idcard',
    handlers: { 'card.status': () => ok(status) },
    start(events) {
      events.emit('reader.status', status);
    },
    stop() {},
  };
}

/** `idcard/sim`: the simulator on an internal pty pair, with the real driver on the other end. */
function createSimulatedIdcardService(options: Omit<IdcardServiceOptions, 'port'> & { card?: string; faults: string }): HostService {
  let sim: InternalSimulator | null = null;
  let inner: HostService | null = null;
  return {
    name: 'idcard',
    handlers: { 'card.status': (input) => (inner ? inner.handlers['card.status']!(input) : ok({ state: 'connecting' as const })) },
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

/**
 * The reader service a configuration asks for: `idcard/sam-serial` on a port, `idcard/sim`, or the
 * unconfigured stand-in (driver `none`, no port, an unknown driver or options failing its schema, logged).
 */
export function idcardServiceFromConfig(device: DeviceConfig, log: Logger): HostService {
  if (device.driver === 'none') return createUnconfiguredIdcardService();
  if (!isIdcardDriver(device.driver)) {
    log.error('unknown ID-card driver', { driver: device.driver });
    return createUnconfiguredIdcardService(`未知驱动 ${device.driver}`);
  }
  const schema = device.driver === 'idcard/sim' ? simOptionsSchema : samSerialOptionsSchema;
  const parsed = schema.safeParse(device.options);
  if (!parsed.success) {
    log.error('ID-card options invalid', { issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) });
    return createUnconfiguredIdcardService('身份证阅读器配置无效');
  }
  if (device.driver === 'idcard/sim') {
    const sim = simOptionsSchema.parse(device.options);
    return createSimulatedIdcardService({ ...sim, baud: device.baud, log });
  }
  if (!device.port) {
    log.error('ID-card driver has no port', { driver: device.driver });
    return createUnconfiguredIdcardService('未配置身份证阅读器串口');
  }
  return createIdcardService({ ...parsed.data, port: device.port, baud: device.baud, log });
}
