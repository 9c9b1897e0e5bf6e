// The one error type the device layers throw (both the ID-card reader and the receipt printer). `kind` tells
// the caller what to do: reopen the port (disconnected), re-probe or give up the exchange (timeout), retry the
// exchange (protocol) or wait for the previous command (busy). Messages carry command names and status codes
// only, never card contents or receipt text.

export const deviceErrorKinds = ['disconnected', 'timeout', 'protocol', 'busy'] as const;
export type DeviceErrorKind = (typeof deviceErrorKinds)[number];

export class DeviceError extends Error {
  readonly code = 'device_error';
  override readonly name = 'DeviceError';
  constructor(
    readonly kind: DeviceErrorKind,
    message: string,
    /** The device's own status byte (the ID-card reader's SW3), when the error is one of its answers. */
    readonly status?: number,
  ) {
    super(message);
  }
}

export const isDeviceError = (error: unknown, kind?: DeviceErrorKind): error is DeviceError =>
  error instanceof DeviceError && (kind === undefined || error.kind === kind);

/** The few logging calls a device layer makes; the host passes its redacting logger. */
export interface DeviceLogger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export const silentLogger: DeviceLogger = { debug() {}, info() {}, warn() {}, error() {} };
