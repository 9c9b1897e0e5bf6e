// Opening the printer's serial port with explicit options (spec §5.1–5.2): 8N1, the profile's baud and flow
// control. Never rely on whatever the OS tty was left at: the binding opens raw (no LF → CR LF mangling).
import { SerialPort } from 'serialport';
import type { SerialFlow } from './profiles';

export interface PrinterSerialOptions {
  path: string;
  baudRate: number;
  /** xonxoff → the host obeys XOFF from the printer (IXON); rtscts → CTS (printer DTR/BUSY wired to host CTS). */
  flow: SerialFlow;
}

export async function openPrinterPort(options: PrinterSerialOptions): Promise<SerialPort> {
  const port = new SerialPort({
    path: options.path,
    baudRate: options.baudRate,
    dataBits: 8,
    parity: 'none',
    stopBits: 1,
    rtscts: options.flow === 'rtscts',
    xon: options.flow === 'xonxoff',
    xoff: false,
    autoOpen: false,
  });
  await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
  // An error event with no listener would crash the process; the transport notices a dead port by silence.
  port.on('error', () => undefined);
  return port;
}

export async function closePort(port: SerialPort): Promise<void> {
  if (!port.isOpen) return;
  await new Promise<void>((resolve) => port.close(() => resolve()));
}
