// Probe rules without a serial line: what each kind's probe accepts, and how results become an assignment.
import { describe, expect, it } from 'vitest';
import { assignDevices } from './detect';
import type { DetectResult } from './detect';
import { idcardKind } from './idcard/drivers';
import { encodeResponse } from './idcard/frame';
import { printerKind } from './printer/drivers';
import type { ProbeLine } from './probe';

/** A line that answers each request with the next scripted reply, recording what was sent. */
function scriptedLine(replies: number[][]): ProbeLine & { sent: number[][] } {
  const sent: number[][] = [];
  return {
    sent,
    exchange: async (bytes) => {
      sent.push([...bytes]);
      return Uint8Array.from(replies.shift() ?? []);
    },
  };
}

describe('printer probe', () => {
  it('recognises four status bytes, sending only DLE EOT 1..4, and reads the state from them', async () => {
    const line = scriptedLine([[0x16], [0x12], [0x12], [0x12]]);
    expect(await printerKind.probe!.identify(line, 400)).toEqual({ detail: '打印机就绪' });
    expect(line.sent).toEqual([[0x10, 0x04, 1], [0x10, 0x04, 2], [0x10, 0x04, 3], [0x10, 0x04, 4]]);
  });

  it('ignores XON/XOFF and refuses silence, a second byte, or a byte that is not a status byte', async () => {
    expect(await printerKind.probe!.identify(scriptedLine([[0x11, 0x16], [0x12], [0x13, 0x12], [0x12]]), 400)).not.toBeNull();
    expect(await printerKind.probe!.identify(scriptedLine([]), 400)).toBeNull();
    expect(await printerKind.probe!.identify(scriptedLine([[0x16, 0x16]]), 400)).toBeNull();
    expect(await printerKind.probe!.identify(scriptedLine([[0x41]]), 400)).toBeNull();
  });

  it('runs before the reader probe, whose SAM frame is not a printer command', () => {
    expect(printerKind.probe!.order).toBeLessThan(idcardKind.probe!.order);
  });
});

describe('reader probe', () => {
  it('recognises any well-formed SAM reply to 11 FF and refuses noise', async () => {
    const line = scriptedLine([[0x00, ...encodeResponse(0x90)]]);
    expect(await idcardKind.probe!.identify(line, 400)).toEqual({ detail: 'SAM 操作成功' });
    expect(line.sent).toEqual([[0xaa, 0xaa, 0xaa, 0x96, 0x69, 0x00, 0x03, 0x11, 0xff, 0xed]]);
    expect(await idcardKind.probe!.identify(scriptedLine([[0xaa, 0xaa, 0xaa, 0x96, 0x69, 0x00, 0x04, 0, 0, 0x90, 0x00]]), 400)).toBeNull();
  });
});

describe('assignment', () => {
  const result = (port: string, kind: string | null): DetectResult => ({ port, kind, driver: kind ? `${kind}/x` : null, baud: kind ? 9600 : null, detail: '' });
  it('assigns a kind found on one port and leaves a kind found on two to the technician', () => {
    expect(assignDevices([result('/a', 'printer'), result('/b', 'idcard'), result('/c', 'idcard'), result('/d', null)])).toEqual({ printer: { driver: 'printer/x', port: '/a', baud: 9600 } });
  });
});
