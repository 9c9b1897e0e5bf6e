// How the reader session opens its port (8N1, no flow control). A function type so that tests can hand the
// transport any port-like object.
import { openSerial } from '../serial';
import type { SerialPortLike } from './transport';

export type OpenPort = (path: string, baud: number) => Promise<SerialPortLike>;

export const openSerialPort: OpenPort = (path, baud) => openSerial({ path, baudRate: baud });
