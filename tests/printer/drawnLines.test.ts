// Rare characters the device font lacks (生僻字, spec §2.3): with a line drawer, the line that holds one goes out
// as a `GS v 0` raster drawn from Noto Sans CJK at the printer's cell geometry — no □, nothing lost, the code
// point reported as drawn — and the lines around it keep their alignment. Without a font, □ as before.
import { describe, expect, it } from 'vitest';
import { encodeReceipt } from '../../devices/printer/encoder';
import type { LineDrawer } from '../../devices/printer/encoder';
import { createGlyphLineDrawer } from '../../devices/printer/glyphRaster';
import { getProfile } from '../../devices/printer/profiles';
import type { PrinterProfile } from '../../devices/printer/profiles';
import type { PageBlock } from '../../devices/sim/printerPage';
import { pageText } from '../../devices/sim/printerPage';
import { decodeJob } from './decodePage';

const drawLine = createGlyphLineDrawer();
const gbkFont: PrinterProfile = { ...getProfile('clone-80'), name: 'gbk-80', chinese: { repertoire: 'gbk', sendFsAmp: true } };
type Raster = Extract<PageBlock, { kind: 'raster' }>;

/** Dark dots of a raster inside columns [from, to) of 12-dot cells (scaled by `widthFactor`). */
function inkInColumns(raster: Raster, from: number, to: number, widthFactor = 1): number {
  let ink = 0;
  for (let y = 0; y < raster.heightDots; y++) {
    for (let x = from * 12 * widthFactor; x < to * 12 * widthFactor; x++) {
      if (((raster.bits[y * raster.widthBytes + (x >> 3)] ?? 0) & (0x80 >> (x & 7))) !== 0) ink++;
    }
  }
  return ink;
}

const rastersOf = (bytes: Uint8Array, profile: PrinterProfile) => decodeJob(bytes, profile).pages[0]!.blocks.filter((b): b is Raster => b.kind === 'raster');

describe('lines the device font cannot print', () => {
  it.each([
    ['clone-80', getProfile('clone-80'), '申请人：王𠮷', 'U+20BB7'],
    ['clone-58', getProfile('clone-58'), '申请人：王𠮷', 'U+20BB7'],
    ['a GBK-font model', gbkFont, '申请人：李䶮', 'U+4DAE'],
  ])('%s: the line is drawn where it would be printed, nothing replaced', (_name, profile, text, codePoint) => {
    const encoded = encodeReceipt({ lines: [{ type: 'text', text }] }, profile, { acknowledge: false, drawLine });
    expect(encoded.replaced).toEqual([]);
    expect(encoded.drawn).toEqual([{ codePoint, reason: 'repertoire' }]);
    expect(encoded.lines).toEqual([{ text, columns: 12, drawn: true }]);
    const [raster, ...others] = rastersOf(encoded.bytes, profile);
    expect(others).toEqual([]);
    expect(raster).toMatchObject({ widthBytes: profile.dotsPerLine / 8, heightDots: 30, qrPayload: null });
    // Ink in each of the six two-column cells, none to their right (left-aligned, as the text line would be).
    for (let cell = 0; cell < 6; cell++) expect(inkInColumns(raster!, cell * 2, cell * 2 + 2)).toBeGreaterThan(10);
    expect(inkInColumns(raster!, 10, 12)).toBeGreaterThan(60); // the rare character itself, a full glyph
    expect(inkInColumns(raster!, 12, profile.columns)).toBe(0);
    expect(Buffer.from(encoded.bytes).includes(Buffer.from('□', 'utf8'))).toBe(false);
  });

  it('draws a centered double-size bold line centered and twice as large, then centers the next text line again', () => {
    const profile = getProfile('clone-80');
    const encoded = encodeReceipt(
      {
        lines: [
          { type: 'text', text: '王𠮷', align: 'center', bold: true, size: 'double' },
          { type: 'text', text: '受理回执', align: 'center' },
        ],
      },
      profile,
      { acknowledge: false, drawLine },
    );
    const [raster] = rastersOf(encoded.bytes, profile);
    expect(raster?.heightDots).toBe(24 * 2 + 6);
    // Two hanzi at double width take 8 columns' worth of dots, centred on 48 columns: cells 20–27.
    expect(inkInColumns(raster!, 0, 20)).toBe(0);
    expect(inkInColumns(raster!, 20, 28)).toBeGreaterThan(200);
    expect(inkInColumns(raster!, 28, 48)).toBe(0);
    const text = decodeJob(encoded.bytes, profile).pages[0]!.blocks.filter((b) => b.kind === 'text');
    expect(text).toMatchObject([{ align: 1 }]);
    expect(pageText(decodeJob(encoded.bytes, profile).pages[0]!)).toEqual(['受理回执']);
  });

  it('keeps a label/value row aligned: the drawn row has its value in the value column', () => {
    const profile = getProfile('clone-58');
    const encoded = encodeReceipt(
      {
        lines: [
          { type: 'row', label: '申请人', value: '王𠮷' },
          { type: 'row', label: '受理编号', value: 'WH-0001' },
        ],
      },
      profile,
      { acknowledge: false, drawLine },
    );
    expect(encoded.lines.map((l) => l.text)).toEqual(['申请人  王𠮷', '受理编号WH-0001']);
    const [raster] = rastersOf(encoded.bytes, profile);
    expect(inkInColumns(raster!, 6, 8)).toBe(0); // the padding between label and value
    expect(inkInColumns(raster!, 8, 12)).toBeGreaterThan(40); // the value, in the value column
  });

  it('prints □ and reports it when the drawer fails (no font) or draws something that does not fit', () => {
    const profile = getProfile('clone-80');
    const failing: LineDrawer = () => {
      throw new Error('no CJK font');
    };
    const tooWide: LineDrawer = () => ({ bits: new Uint8Array(100 * 30), widthBytes: 100, heightDots: 30 });
    for (const drawer of [failing, tooWide]) {
      const encoded = encodeReceipt({ lines: [{ type: 'text', text: '申请人：王𠮷' }] }, profile, { acknowledge: false, drawLine: drawer });
      expect(encoded.drawn).toEqual([]);
      expect(encoded.replaced).toEqual([{ codePoint: 'U+20BB7', reason: 'repertoire' }]);
      expect(pageText(decodeJob(encoded.bytes, profile).pages[0]!)).toEqual(['申请人：王□']);
      expect(rastersOf(encoded.bytes, profile)).toEqual([]);
    }
  });

  it('prints □ for a character the drawing font lacks as well, rather than drawing the font’s empty box', () => {
    const profile = getProfile('clone-80');
    const encoded = encodeReceipt({ lines: [{ type: 'text', text: '王\u{2A6D6}' }] }, profile, { acknowledge: false, drawLine });
    expect(encoded.drawn).toEqual([]);
    expect(encoded.replaced).toEqual([{ codePoint: 'U+2A6D6', reason: 'repertoire' }]);
    expect(pageText(decodeJob(encoded.bytes, profile).pages[0]!)).toEqual(['王□']);
  });

  it('never draws a line the font can print, nor one only a control character spoiled', () => {
    const profile = getProfile('clone-80');
    const encoded = encodeReceipt({ lines: [{ type: 'text', text: '政务小屋\u0007打印' }] }, profile, { acknowledge: false, drawLine });
    expect(encoded.drawn).toEqual([]);
    expect(rastersOf(encoded.bytes, profile)).toEqual([]);
    expect(pageText(decodeJob(encoded.bytes, profile).pages[0]!)).toEqual(['政务小屋?打印']);
  });
});
