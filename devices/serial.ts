// Opening a serial port for a device or a simulator, always with explicit line settings (8N1 and the flow
// control asked for): never rely on whatever the OS tty was left at.
import { SerialPort } from 'serialport';
import { DeviceError } from './deviceError';

export const serialFlows = ['xonxoff', 'rtscts', 'none'] as const;
export type SerialFlow = (typeof serialFlows)[number];

export interface SerialOptions {
  path: string;
  baudRate: number;
  /** xonxoff: the host obeys XOFF from the device (IXON); rtscts: CTS handshake. Default none. */
  flow?: SerialFlow;
}

/**
 * The one serial port interface every device uses: the slice of `serialport`'s SerialPort the transports,
 * the prober and the simulators need. Each transport takes a `Pick` of it, so tests hand in small fakes.
 */
export interface SerialLink {
  readonly isOpen: boolean;
  readonly path: string;
  write(data: Uint8Array, callback?: (error: Error | null | undefined) => void): boolean;
  drain(callback: (error?: Error | null) => void): void;
  /** Drops what the OS holds in both directions (tcflush). */
  flush(callback?: (error?: Error | null) => void): void;
  on(event: 'data', listener: (chunk: Buffer) => void): unknown;
  on(event: 'close', listener: (error?: Error | null) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  removeListener(event: 'data', listener: (chunk: Buffer) => void): unknown;
  removeAllListeners(event?: string): unknown;
  close(callback?: (error?: Error | null) => void): void;
}

/** How drivers open their port; tests inject a fake with the part of the shape the driver uses. */
export type OpenSerial<Port = SerialLink> = (options: SerialOptions) => Promise<Port>;

/** Opens the port; a port that cannot be opened is a `DeviceError('disconnected')` naming the path. */
export async function openSerial({ path, baudRate, flow = 'none' }: SerialOptions): Promise<SerialPort> {
  const port = new SerialPort({
    path,
    baudRate,
    dataBits: 8,
    parity: 'none',
    stopBits: 1,
    rtscts: flow === 'rtscts',
    xon: flow === 'xonxoff',
    xoff: false,
    autoOpen: false,
  });
  await new Promise<void>((resolve, reject) =>
    port.open((error) => (error ? reject(new DeviceError('disconnected', `cannot open ${path}: ${error.message}`)) : resolve())),
  );
  // An 'error' event with no listener would crash the process; the transports notice a dead port by 'close'
  // and by silence.
  port.on('error', () => undefined);
  return port;
}

export async function closeSerial(port: Pick<SerialLink, 'isOpen' | 'close'>): Promise<void> {
  if (!port.isOpen) return;
  await new Promise<void>((resolve) => port.close(() => resolve()));
}
