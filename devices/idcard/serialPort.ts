// Opens a real serial port with `serialport` (8N1, no flow control). Kept apart from the transport so that
// tests can hand the transport any port-like object.
import { SerialPort } from 'serialport';
import { DeviceError } from './deviceError';
import type { SerialPortLike } from './transport';

export type OpenPort = (path: string, baud: number) => Promise<SerialPortLike>;

export const openSerialPort: OpenPort = (path, baud) =>
  new Promise((resolve, reject) => {
    const port = new SerialPort({ path, baudRate: baud, dataBits: 8, parity: 'none', stopBits: 1, rtscts: false, autoOpen: false });
    port.open((error) => {
      if (error) reject(new DeviceError('disconnected', `cannot open ${path}: ${error.message}`));
      else resolve(port);
    });
  });
