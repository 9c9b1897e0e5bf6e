// Every request the kiosk sends (spec §2) and how long to wait for its answer (spec §5.3).
import { encodeRequestFrame } from './frame';

/** PARA of `60 xx` per rate (softs.im; 02 = 38400 confirmed twice). */
export const baudParas = { 115200: 0x00, 57600: 0x01, 38400: 0x02, 19200: 0x03, 9600: 0x04 } as const;
export type BaudRate = keyof typeof baudParas;
export const supportedBauds = Object.keys(baudParas).map(Number) as BaudRate[];
export const isBaudRate = (n: number): n is BaudRate => Object.hasOwn(baudParas, n);

/** The plain commands: fixed CMD/PARA, no data. */
export const plainCommands = {
  reset: { cmd: 0x10, para: 0xff },
  samStatus: { cmd: 0x11, para: 0xff },
  samId: { cmd: 0x12, para: 0xff },
  find: { cmd: 0x20, para: 0x01 },
  select: { cmd: 0x20, para: 0x02 },
  readBase: { cmd: 0x30, para: 0x01 },
  readBaseFingerprint: { cmd: 0x30, para: 0x10 },
  readAdditionalAddress: { cmd: 0x30, para: 0x03 },
  readChipNumber: { cmd: 0x30, para: 0x05 },
} as const;
export type PlainCommandName = keyof typeof plainCommands;

export type Command =
  | { name: PlainCommandName }
  | { name: 'setBaud'; baud: BaudRate }
  /** `61 FF n`: maximum RF frame bytes (hevz sends 0x50 once after the first status check). */
  | { name: 'setMaxRf'; bytes: number };
export type CommandName = Command['name'];

export const command = (name: PlainCommandName): Command => ({ name });

export function commandBytes(c: Command): { cmd: number; para: number; data: number[] } {
  switch (c.name) {
    case 'setBaud':
      return { cmd: 0x60, para: baudParas[c.baud], data: [] };
    case 'setMaxRf':
      if (!Number.isInteger(c.bytes) || c.bytes < 0 || c.bytes > 0xff) throw new RangeError('setMaxRf takes one byte');
      return { cmd: 0x61, para: 0xff, data: [c.bytes] };
    default:
      return { ...plainCommands[c.name], data: [] };
  }
}

/** The request frame for a command, e.g. find → AA AA AA 96 69 00 03 20 01 22. */
export function encodeRequest(c: Command): Uint8Array {
  const { cmd, para, data } = commandBytes(c);
  return encodeRequestFrame(cmd, para, data);
}

/** Names a received request (the simulator's view); null for a CMD/PARA pair the kiosk never sends. */
export function identifyRequest(cmd: number, para: number, data: Uint8Array): Command | null {
  if (cmd === 0x60) {
    const baud = supportedBauds.find((b) => baudParas[b] === para);
    return baud === undefined ? null : { name: 'setBaud', baud };
  }
  if (cmd === 0x61 && para === 0xff && data.length === 1) return { name: 'setMaxRf', bytes: data[0]! };
  for (const [name, bytes] of Object.entries(plainCommands) as [PlainCommandName, { cmd: number; para: number }][]) {
    if (bytes.cmd === cmd && bytes.para === para) return { name };
  }
  return null;
}

/** 8N1 = 10 bit-times per byte. */
export const transferMs = (bytes: number, baud: number): number => (bytes * 10 * 1000) / baud;

/** Largest reply per command, for the transfer-time allowance below 115200. */
const largestReply: Record<CommandName, number> = {
  reset: 11, samStatus: 11, samId: 27, find: 15, select: 19, readBase: 1295, readBaseFingerprint: 2321,
  readAdditionalAddress: 81, readChipNumber: 64, setBaud: 11, setMaxRf: 11,
};

/**
 * Answer timeout per command (spec §5.3): 1000 ms for status/find/select/baud, 4000 ms for 30 01, 5000 ms for
 * 30 10, 2000 ms for 30 03; below 115200 the transfer time of the largest reply is added.
 */
export function commandTimeoutMs(c: Command, baud: number = 115200): number {
  const base = c.name === 'readBase' ? 4000 : c.name === 'readBaseFingerprint' ? 5000 : c.name === 'readAdditionalAddress' || c.name === 'readChipNumber' ? 2000 : 1000;
  return baud >= 115200 ? base : Math.ceil(base + transferMs(largestReply[c.name] + 10, baud));
}
