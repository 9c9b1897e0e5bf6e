// The DLE EOT bit tables of the printer spec (§2.6), both directions: what the transport makes of a printer's
// replies, and that the simulator answers each state with the bytes a real printer sends.
import { describe, expect, it } from 'vitest';
import { canPrint, classifyInbound, isRealtimeStatusByte, parsePaperStatus, parseStatus } from '../../devices/printer/status';
import type { PrinterState, StatusBytes } from '../../devices/printer/status';
import { statusReplies } from '../../devices/sim/printerSim';

const bytes = (printer: number | null, offlineCause: number | null, errorCause: number | null, paper: number | null): StatusBytes => ({ printer, offlineCause, errorCause, paper });

describe('DLE EOT replies → state', () => {
  it.each<[string, StatusBytes, PrinterState, Partial<ReturnType<typeof parseStatus>>]>([
    ['healthy', bytes(0x12, 0x12, 0x12, 0x12), 'ready', { online: true, paperOut: false, error: false }],
    ['healthy, drawer pin high', bytes(0x16, 0x12, 0x12, 0x12), 'ready', { online: true }],
    ['paper near end (n=4 bits 2,3)', bytes(0x12, 0x12, 0x12, 0x1e), 'paperNearEnd', { paperNearEnd: true, online: true }],
    ['paper end: 1A 32 7E', bytes(0x1a, 0x32, 0x12, 0x7e), 'paperOut', { paperOut: true, paperNearEnd: true, online: false }],
    ['paper end seen only by the sensor (n=4 bits 5,6)', bytes(0x12, 0x12, 0x12, 0x72), 'paperOut', { paperOut: true }],
    ['cover open (n=2 bit 2)', bytes(0x1a, 0x16, 0x12, 0x12), 'coverOpen', { coverOpen: true, online: false }],
    ['cover open and paper out: the cover first', bytes(0x1a, 0x36, 0x12, 0x7e), 'coverOpen', { coverOpen: true, paperOut: true }],
    ['autocutter error (n=3 bit 3)', bytes(0x1a, 0x52, 0x1a, 0x12), 'cutterError', { cutterError: true, error: true }],
    ['unrecoverable error (n=3 bit 5)', bytes(0x1a, 0x52, 0x32, 0x12), 'offline', { error: true, cutterError: false }],
    ['head overheat, auto-recoverable (n=3 bit 6)', bytes(0x1a, 0x12, 0x52, 0x12), 'offline', { error: true }],
    ['offline without a cause', bytes(0x1a, 0x12, 0x12, 0x12), 'offline', { online: false, error: false }],
    ['no reply at all', bytes(null, null, null, null), 'noResponse', { online: false }],
    ['replies stopped half-way', bytes(0x12, 0x12, null, null), 'noResponse', { online: false }],
  ])('%s', (_name, raw, state, flags) => {
    const report = parseStatus(raw);
    expect(report.state).toBe(state);
    expect(report).toMatchObject(flags);
  });

  it('lets a job start only when ready or near end', () => {
    expect(['ready', 'paperNearEnd', 'paperOut', 'coverOpen', 'offline', 'cutterError', 'noResponse'].filter((s) => canPrint(s as PrinterState))).toEqual(['ready', 'paperNearEnd']);
  });
});

describe('inbound byte identification', () => {
  it('accepts exactly the bytes with the DLE EOT fixed bits (b & 0x93 = 0x12)', () => {
    const valid = Array.from({ length: 256 }, (_, b) => b).filter(isRealtimeStatusByte);
    expect(valid).toHaveLength(16);
    for (const b of valid) expect(b & 0x93).toBe(0x12);
    expect(isRealtimeStatusByte(0x12)).toBe(true);
    expect(isRealtimeStatusByte(0x00)).toBe(false);
  });

  it.each([
    [0x12, 'realtime'],
    [0x7e, 'realtime'],
    [0x10, 'asbStart'],
    [0x00, 'transmit'],
    [0x0c, 'transmit'],
    [0x11, 'xon'],
    [0x13, 'xoff'],
    [0x80, 'unknown'],
  ] as const)('byte %i is %s', (byte, kind) => expect(classifyInbound(byte)).toBe(kind));

  it('never mistakes XON/XOFF for a status reply (so XON/XOFF flow control is safe)', () => {
    expect(isRealtimeStatusByte(0x11) || isRealtimeStatusByte(0x13)).toBe(false);
  });

  it('reads the GS r 1 paper bits', () => {
    expect(parsePaperStatus(0x00)).toEqual({ paperNearEnd: false, paperOut: false });
    expect(parsePaperStatus(0x03)).toEqual({ paperNearEnd: true, paperOut: false });
    expect(parsePaperStatus(0x0c)).toEqual({ paperNearEnd: false, paperOut: true });
  });
});

describe('the simulator answers like the spec', () => {
  it.each(Object.entries(statusReplies))('%s replies are valid DLE EOT bytes that parse back to that state', (state, replies) => {
    for (const b of replies) expect(isRealtimeStatusByte(b)).toBe(true);
    expect(parseStatus(bytes(...replies)).state).toBe(state);
  });

  it('a printer out of paper answers DLE EOT 1/2/4 with 1A 32 7E', () => {
    const [n1, n2, , n4] = statusReplies.paperOut;
    expect([n1, n2, n4]).toEqual([0x1a, 0x32, 0x7e]);
  });
});
