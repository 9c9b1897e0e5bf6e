// Checks the claims of docs/adr/0002-receipt-printer-encoder.md against node-thermal-printer 4.6.1 itself:
// its buffer-producing API is run with no printer attached, and the bytes it produces are compared with the
// measurements in the printer spec (§1.6) and with what our encoder sends for the same content. If an
// upgrade fixes a defect, the matching test fails and the ADR has to be revisited.
import { readFileSync } from 'node:fs';
import { CharacterSet, PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import { describe, expect, it, vi } from 'vitest';
import { EscPosDecoder } from '../../devices/printer/decoder';
import { encodeReceipt } from '../../devices/printer/encoder';
import { getProfile } from '../../devices/printer/profiles';
import { PageBuilder, pageText } from '../../devices/sim/printerPage';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex').replace(/(..)(?=.)/g, '$1 ');

function printer(config: { characterSet?: CharacterSet; width?: number; lineCharacter?: string } = {}) {
  return new ThermalPrinter({ type: PrinterTypes.EPSON, interface: '/dev/null', ...config });
}

function bufferOf(build: (p: ThermalPrinter) => void, config?: Parameters<typeof printer>[0]): string {
  const p = printer(config);
  build(p);
  return hex(p.getBuffer());
}

describe('node-thermal-printer 4.6.1 (the version the ADR measured)', () => {
  it('is the version installed', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../node_modules/node-thermal-printer/package.json', import.meta.url), 'utf8')) as { version: string };
    expect(pkg.version).toBe('4.6.1');
  });

  it('selects "China" with ESC R 15 and never sends FS & (Chinese mode)', () => {
    const bytes = bufferOf((p) => p.print('中文：张三'), { characterSet: CharacterSet.CHINA });
    expect(bytes).toBe('1b 52 0f d6 d0 ce c4 a3 ba d5 c5 c8 fd');
    expect(bytes).not.toContain('1c 26');
  });

  it('without a character set, encodes common hanzi as EUC-JP (wrong characters on a GB printer)', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(bufferOf((p) => p.print('中国'))).toBe('1b 52 08 c3 e6 b9 f1');
    error.mockRestore();
  });

  it('cannot encode 䶮 (GB18030 FE 9F) or 𠮷 (4 bytes): they become "?", the latter with a code-page switch', () => {
    expect(bufferOf((p) => p.print('䶮'), { characterSet: CharacterSet.CHINA })).toBe('1b 52 0f 3f');
    expect(bufferOf((p) => p.print('𠮷'), { characterSet: CharacterSet.CHINA })).toBe('1b 52 0f 1b 74 00 3f 3f');
    expect(bufferOf((p) => p.print('¥12'), { characterSet: CharacterSet.CHINA })).toBe('1b 52 0f 1b 74 00 9d 31 32');
  });

  it('writes the QR store length in characters, not bytes: a printer stores 10 of 22 bytes and prints the rest as text', () => {
    const p = printer();
    p.printQR('办事编号:A1 张三');
    const bytes = new Uint8Array(p.getBuffer());
    expect(hex(bytes)).toContain('1d 28 6b 0d 00 31 50 30'); // pL = 13 = 10 characters + 3
    expect(Buffer.byteLength('办事编号:A1 张三')).toBe(22);

    // What a printer makes of it (our decoder follows the command lengths as a printer does):
    const builder = new PageBuilder(48);
    let stored = -1;
    for (const event of new EscPosDecoder(true).push(bytes)) {
      if (event.t === 'qr' && event.fn === 0x50) stored = event.params.length - 1;
      builder.apply(event);
    }
    const page = builder.finish();
    expect(stored).toBe(10);
    expect(pageText(page).join('')).not.toBe(''); // the other 12 bytes were printed as (garbled) text
  });

  it('lays out by UTF-16 code units: 姓名/张三 on 16 columns takes 20, and 40 hanzi at width 32 wrap after 64 columns', () => {
    const leftRight = bufferOf((p) => p.leftRight('姓名', '张三'), { characterSet: CharacterSet.CHINA, width: 16 });
    const line = leftRight.replace(/^1b 52 0f /, '').replace(/ 0a$/, '').split(' ');
    expect(line.length).toBe(20); // 4 + 12 spaces + 4: 20 printer columns on a 16-column line

    const wrapped = bufferOf((p) => p.println('中'.repeat(40)), { characterSet: CharacterSet.CHINA, width: 32 });
    const firstLine = wrapped.replace(/^1b 52 0f /, '').split(' 0a')[0] as string;
    expect(firstLine.split(' ').length).toBe(64); // 32 hanzi = 64 columns on a 32-column (58 mm) printer
  });

  it('bypasses the encoder for drawLine: a non-ASCII line character goes out as UTF-8', () => {
    expect(bufferOf((p) => p.drawLine(), { lineCharacter: '—', width: 2 })).toBe('e2 80 94 e2 80 94 0a');
  });

  it('getStatus only appends GS r 1 to the buffer; the file interface never reads a reply', () => {
    const p = printer() as ThermalPrinter & { getStatus(): void };
    p.getStatus();
    expect(hex(p.getBuffer())).toBe('1d 72 01');
    const fileInterface = readFileSync(new URL('../../node_modules/node-thermal-printer/lib/interfaces/file.js', import.meta.url), 'utf8');
    expect(fileInterface).not.toMatch(/\.read\(|on\(['"]data/);
    expect(fileInterface).toMatch(/writeFile/);
  });

  it('has no serial transport: only tcp, printer-driver and file interfaces exist', () => {
    const index = readFileSync(new URL('../../node_modules/node-thermal-printer/lib/interfaces/index.js', import.meta.url), 'utf8');
    expect(index).not.toMatch(/serialport|baud/i);
  });
});

describe('our encoder for the same content', () => {
  const profile = getProfile('epson-80');

  it('sends FS & and GB18030, including 䶮 as FE 9F', () => {
    const { bytes, replaced } = encodeReceipt({ lines: [{ type: 'text', text: '䶮' }] }, profile, { acknowledge: false });
    expect(hex(bytes)).toContain('1c 26');
    expect(hex(bytes)).toContain('fe 9f 0a');
    expect(replaced).toEqual([]);
  });

  it('writes the QR store length in bytes', () => {
    const { bytes } = encodeReceipt({ lines: [{ type: 'qr', data: 'ID:A0001' }] }, profile, { acknowledge: false });
    expect(hex(bytes)).toContain('1d 28 6b 0b 00 31 50 30 49 44 3a 41 30 30 30 31'); // the spec's example
  });
});
