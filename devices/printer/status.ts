// Printer status bytes (spec §2.6): the real-time `DLE EOT n` replies, the `GS r 1` transmit-status reply,
// and how to tell inbound bytes apart. Pure; the transport feeds it what the serial port delivers.

export const printerStates = ['ready', 'paperNearEnd', 'paperOut', 'coverOpen', 'offline', 'cutterError', 'noResponse'] as const;
export type PrinterState = (typeof printerStates)[number];

/** Replies to DLE EOT 1 (printer), 2 (offline cause), 3 (error cause), 4 (roll paper sensor); null = no reply. */
export interface StatusBytes {
  printer: number | null;
  offlineCause: number | null;
  errorCause: number | null;
  paper: number | null;
}

export interface PrinterStatusReport {
  state: PrinterState;
  online: boolean;
  paperOut: boolean;
  paperNearEnd: boolean;
  coverOpen: boolean;
  /** Any error cause: autocutter, unrecoverable, auto-recoverable (head overheat). */
  error: boolean;
  cutterError: boolean;
  /** The replies as received, for the technician screen and logs. */
  raw: StatusBytes;
}

const bit = (value: number | null, mask: number) => value !== null && (value & mask) !== 0;

/** Every DLE EOT reply has bit1 = 1, bit4 = 1, bit0 = 0, bit7 = 0. */
export const isRealtimeStatusByte = (byte: number): boolean => (byte & 0x93) === 0x12;

export type InboundKind = 'realtime' | 'asbStart' | 'transmit' | 'xon' | 'xoff' | 'unknown';

/** Identification of send status (Epson/Citizen): which kind of reply an inbound byte is. */
export function classifyInbound(byte: number): InboundKind {
  if (byte === 0x11) return 'xon';
  if (byte === 0x13) return 'xoff';
  if (isRealtimeStatusByte(byte)) return 'realtime';
  if ((byte & 0x93) === 0x10) return 'asbStart'; // 0**1**00: first of 4 automatic-status-back bytes
  if ((byte & 0x90) === 0) return 'transmit'; // 0**0****: GS r, GS I, ASB bytes 2–4
  return 'unknown';
}

/** Turns the four DLE EOT replies into one state; the worst problem wins, in the order a technician fixes them. */
export function parseStatus(raw: StatusBytes): PrinterStatusReport {
  const answered = raw.printer !== null && raw.offlineCause !== null && raw.errorCause !== null && raw.paper !== null;
  const coverOpen = bit(raw.offlineCause, 0x04);
  const paperOut = bit(raw.offlineCause, 0x20) || bit(raw.paper, 0x60);
  const paperNearEnd = bit(raw.paper, 0x0c);
  const cutterError = bit(raw.errorCause, 0x08);
  // Offline cause bit 6 "error occurred" and the error-cause bits: unrecoverable (5), auto-recoverable (6).
  const error = cutterError || bit(raw.errorCause, 0x60) || bit(raw.offlineCause, 0x40);
  const offline = bit(raw.printer, 0x08);
  let state: PrinterState;
  if (!answered) state = 'noResponse';
  else if (coverOpen) state = 'coverOpen';
  else if (paperOut) state = 'paperOut';
  else if (cutterError) state = 'cutterError';
  else if (offline || error) state = 'offline';
  else if (paperNearEnd) state = 'paperNearEnd';
  else state = 'ready';
  return { state, online: answered && !offline, paperOut, paperNearEnd, coverOpen, error, cutterError, raw };
}

/** A state in which a job may start (near end still prints; the technician is told). */
export const canPrint = (state: PrinterState): boolean => state === 'ready' || state === 'paperNearEnd';

/** GS r 1 reply: bits 0,1 paper near end; bits 2,3 paper end. */
export function parsePaperStatus(byte: number): { paperNearEnd: boolean; paperOut: boolean } {
  return { paperNearEnd: (byte & 0x03) !== 0, paperOut: (byte & 0x0c) !== 0 };
}

/** What the resident screen and the technician see for each state (plain Chinese, no codes). */
export const stateWording: Record<PrinterState, string> = {
  ready: '打印机就绪',
  paperNearEnd: '打印纸即将用完',
  paperOut: '打印机缺纸',
  coverOpen: '打印机盖未合上',
  offline: '打印机脱机或故障',
  cutterError: '切纸刀故障',
  noResponse: '打印机无响应（检查电源、连线和波特率）',
};
