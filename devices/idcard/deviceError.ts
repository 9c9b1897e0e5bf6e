// The one error type a device layer throws. `kind` tells the caller what to do: reopen the port
// (disconnected), re-probe (timeout), retry the exchange (protocol) or wait for the previous command (busy).
// Messages carry command names and status codes only, never card contents.

export const deviceErrorKinds = ['disconnected', 'timeout', 'protocol', 'busy'] as const;
export type DeviceErrorKind = (typeof deviceErrorKinds)[number];

export class DeviceError extends Error {
  readonly code = 'device_error';
  override readonly name = 'DeviceError';
  constructor(
    readonly kind: DeviceErrorKind,
    message: string,
    /** The reader's SW3 status byte, when the error is one of its answers. */
    readonly sw3?: number,
  ) {
    super(message);
  }
}

export const isDeviceError = (error: unknown, kind?: DeviceErrorKind): error is DeviceError =>
  error instanceof DeviceError && (kind === undefined || error.kind === kind);

/** Card contents that fail the layout's rules (a corrupted or unexpected read); `field` names the place, never the value. */
export class CardDataError extends Error {
  readonly code = 'card_data';
  override readonly name = 'CardDataError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** The few logging calls a device layer makes; the host passes its redacting logger. */
export interface DeviceLogger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export const silentLogger: DeviceLogger = { debug() {}, info() {}, warn() {}, error() {} };
