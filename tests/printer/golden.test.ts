// Golden bytes per profile. The small job is written out by hand from the command tables in the printer
// spec (§2.1–2.5), so it checks the encoder against the spec, not against itself; the full receipts are
// regression files (UPDATE_GOLDEN=1 rewrites them, after a reviewed change).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { encodeReceipt } from '../../devices/printer/encoder';
import { getProfile, profileNames } from '../../devices/printer/profiles';
import type { ReceiptDocumentInput } from '../../src/domain/receipt';
import { buildApplicationReceipt } from '../../src/domain/receiptTemplate';
import { hex, sampleReceipt } from './fixtures';

const small: ReceiptDocumentInput = {
  lines: [
    { type: 'text', text: '办事回执', align: 'center', bold: true, size: 'double' },
    { type: 'row', label: '姓名：', value: '张*三' },
    { type: 'qr', data: 'ID:A0001' },
    { type: 'cut' },
  ],
};

const prologue = '1B 40 1C 26 1B 32 1B 61 00 1D 21 00 1B 45 00'; // ESC @, FS &, ESC 2, left, GS ! 0, bold off
const title = '1B 61 01 1B 45 01 1D 21 11 B0 EC CA C2 BB D8 D6 B4 0A'; // centre, bold, double, 办事回执, LF
const row = '1B 61 00 1B 45 00 1D 21 00 D0 D5 C3 FB A3 BA D5 C5 2A C8 FD 0A'; // 姓名：张*三
const nativeQr = (module: string, quiet: string) =>
  [
    `1B 61 01 1B 4A ${quiet}`, // centre, quiet zone feed (4 modules)
    '1D 28 6B 04 00 31 41 32 00', // model 2
    `1D 28 6B 03 00 31 43 ${module}`, // module size
    '1D 28 6B 03 00 31 45 31', // ECC M
    '1D 28 6B 0B 00 31 50 30 49 44 3A 41 30 30 30 31', // store "ID:A0001": pL = 8 bytes + 3 (spec example)
    '1D 28 6B 03 00 31 51 30', // print
    `1B 4A ${quiet}`,
  ].join(' ');
const cutAndAck = '1B 61 00 1B 64 03 1D 56 42 00 1D 72 01'; // left, ESC d 3, GS V 66 0 (feed + partial cut), GS r 1

describe('golden bytes, written from the spec', () => {
  it('epson-80 and clone-80: native QR, 6-dot modules', () => {
    const expected = [prologue, title, row, nativeQr('06', '18'), cutAndAck].join(' ');
    expect(hex(encodeReceipt(small, getProfile('epson-80')).bytes)).toBe(expected);
    expect(hex(encodeReceipt(small, getProfile('clone-80')).bytes)).toBe(expected);
  });

  it('epson-58: native QR, 5-dot modules', () => {
    expect(hex(encodeReceipt(small, getProfile('epson-58')).bytes)).toBe([prologue, title, row, nativeQr('05', '14'), cutAndAck].join(' '));
  });

  it('clone-58: the QR is a host raster (GS v 0), 25×5 = 125 dots square, 16 bytes a row', () => {
    const bytes = hex(encodeReceipt(small, getProfile('clone-58')).bytes);
    const rasterHeader = '1B 61 01 1B 4A 0A 1D 76 30 00 10 00 7D 00';
    expect(bytes.startsWith([prologue, title, row, rasterHeader].join(' ') + ' ')).toBe(true);
    const afterHeader = bytes.slice([prologue, title, row, rasterHeader].join(' ').length + 1).split(' ');
    expect(afterHeader.length).toBe(16 * 125 + 3 + 13);
    expect(afterHeader.slice(16 * 125).join(' ')).toBe(`1B 4A 0A ${cutAndAck}`);
    expect(bytes).not.toContain('1D 28 6B');
  });

  it('wraps by printer width: 20 hanzi are one line on 80 mm and 16 + 4 on 58 mm', () => {
    const doc: ReceiptDocumentInput = { lines: [{ type: 'text', text: '中'.repeat(20) }] };
    const lines = (profile: string) => encodeReceipt(doc, getProfile(profile), { acknowledge: false }).lines.map((l) => l.text.length);
    expect(lines('epson-80')).toEqual([20]);
    expect(lines('clone-58')).toEqual([16, 4]);
  });

  it('leaves GS r 1 out when no acknowledgement is wanted', () => {
    expect(hex(encodeReceipt(small, getProfile('epson-80'), { acknowledge: false }).bytes).endsWith('1D 56 42 00')).toBe(true);
  });
});

describe('golden bytes, full receipt (regression)', () => {
  const dir = new URL('./golden/', import.meta.url);
  it.each(profileNames)('%s', (name) => {
    const file = new URL(`receipt-${name}.hex`, dir);
    const actual = hex(encodeReceipt(buildApplicationReceipt(sampleReceipt), getProfile(name)).bytes).replace(/((?:[0-9A-F]{2} ){31}[0-9A-F]{2}) /g, '$1\n') + '\n';
    if (process.env.UPDATE_GOLDEN === '1') {
      mkdirSync(dir, { recursive: true });
      writeFileSync(file, actual);
    }
    expect(existsSync(file), `missing ${file.pathname}; run with UPDATE_GOLDEN=1 once and review it`).toBe(true);
    expect(actual).toBe(readFileSync(file, 'utf8'));
  });
});
