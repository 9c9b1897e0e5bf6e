// The port side of the printer transport: the slice of `serialport` it needs, a write that can never hang,
// and the job time budget. Split from transport.ts to keep that module about the job policy.
import { DeviceError } from '../deviceError';
import type { SerialLink } from '../serial';

/** The part of the serial port (devices/serial.ts) the transport uses (tests may pass anything shaped like it). */
export type PrinterPort = Pick<SerialLink, 'write' | 'drain' | 'on' | 'removeListener'>;

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface JobBudgetOptions {
  /** Line speed (default 9600). */
  baudRate?: number;
  /** Least budget (default 10 000 ms). */
  minJobTimeoutMs?: number;
  /** Printing speed, mm/s (default 50, the slowest 58 mm units). */
  printSpeedMmPerS?: number;
}

/** Time budget for a job: transmit time (10 bits a byte) plus printing ~180 mm, times three, at least the minimum. */
export function jobTimeoutMs(bytes: number, options: JobBudgetOptions = {}): number {
  const transmit = (bytes * 10 * 1000) / (options.baudRate ?? 9600);
  const print = (180 / (options.printSpeedMmPerS ?? 50)) * 1000;
  return Math.max(options.minJobTimeoutMs ?? 10_000, Math.ceil(3 * (transmit + print)));
}

/** Writes and waits for the OS to transmit, or throws a `DeviceError` (`disconnected`, `timeout`). */
export async function writeAndDrain(port: PrinterPort, bytes: Uint8Array, timeoutMs: number): Promise<void> {
  port.write(Buffer.from(bytes));
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      new Promise<void>((resolve, reject) => port.drain((error) => (error ? reject(new DeviceError('disconnected', `write failed: ${error.message}`)) : resolve()))),
      new Promise<never>((_, reject) => {
        // Under flow control, drain can block for ever (printer holding XOFF/CTS): never let it.
        timer = setTimeout(() => reject(new DeviceError('timeout', `write not drained after ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
