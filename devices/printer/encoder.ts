// The ESC/POS encoder: a pure function from a receipt document and a printer profile to bytes (spec §6.2).
// Job = prologue (ESC @, FS &, ESC 2, left, normal size, bold off), then the lines, then the optional
// acknowledgement request (GS r 1). Text is GB18030 only, laid out by printer columns; QR is native
// `GS ( k` with the byte length, or a host raster (`GS v 0`) where the profile has no native QR. A line with a
// character the device font lacks is drawn by the host as a raster when a LineDrawer is given, else printed
// with □ in its place (spec §2.3); either way the code point is reported, never the text.
import { receiptDocumentSchema } from '../../src/domain/receipt';
import type { ReceiptAlign, ReceiptDocument, ReceiptDocumentInput, ReceiptLine, ReceiptSize } from '../../src/domain/receipt';
import { cmd, qrNative, rasterImage } from './commands';
import { labelColumnWidth, layoutRow, wrapParagraphs } from './layout';
import type { PrinterProfile } from './profiles';
import { qrBitmap, qrMatrix } from './qrMatrix';
import { encodeGb18030, sanitize, textColumns } from './text';
import type { Replacement } from './text';

/** One laid-out line to draw as an image, with what it needs to look like its printed neighbours. */
export interface LineToDraw {
  text: string;
  align: ReceiptAlign;
  bold: boolean;
  widthFactor: 1 | 2;
  heightFactor: 1 | 2;
  /** The bitmap's width: the profile's printable dots. */
  dotsPerLine: number;
}

/** 1-bit rows, most significant bit leftmost, as `GS v 0` takes them. */
export interface LineBitmap {
  bits: Uint8Array;
  widthBytes: number;
  heightDots: number;
}

/** Draws a line on the host (./glyphRaster on Node); may throw (no font), and the line then prints with □. */
export type LineDrawer = (line: LineToDraw) => LineBitmap;

export interface EncodeOptions {
  /** Append `GS r 1`, whose reply tells the transport the printer processed the whole job (default true). */
  acknowledge?: boolean;
  /** Draws the lines the device font cannot print (default none: □ instead). */
  drawLine?: LineDrawer;
}

export interface LaidOutLine {
  text: string;
  /** Columns the line takes on paper (character widths × the width multiplier). */
  columns: number;
  /** Sent as a raster image because the device font lacks one of its characters. */
  drawn?: true;
}

export interface EncodedReceipt {
  bytes: Uint8Array;
  /** Characters replaced because the printer cannot print them (code points only, no text). */
  replaced: Replacement[];
  /** Characters the device font lacks that went out drawn as images (code points only). */
  drawn: Replacement[];
  /** Every printed text line, as laid out. */
  lines: LaidOutLine[];
  /** How each QR symbol was sent. */
  qr: Array<'native' | 'raster'>;
}

const alignByte: Record<ReceiptAlign, 0 | 1 | 2> = { left: 0, center: 1, right: 2 };
const sizeFactors: Record<ReceiptSize, [1 | 2, 1 | 2]> = {
  normal: [1, 1],
  doubleHeight: [1, 2],
  doubleWidth: [2, 1],
  double: [2, 2],
};

/** Byte writer that only emits a mode command when the mode changes. */
class JobWriter {
  private readonly out: number[] = [];
  private align: ReceiptAlign = 'left';
  private bold = false;
  private size: ReceiptSize = 'normal';

  constructor(private readonly profile: PrinterProfile) {
    this.push(cmd.initialize);
    if (profile.chinese.sendFsAmp) this.push(cmd.chineseOn);
    this.push(cmd.defaultLineSpacing, cmd.align(0), cmd.size(1, 1), cmd.bold(false));
  }

  push(...parts: ReadonlyArray<number>[]): void {
    for (const part of parts) for (const byte of part) this.out.push(byte);
  }

  mode(align: ReceiptAlign, bold: boolean, size: ReceiptSize): void {
    if (align !== this.align) this.push(cmd.align(alignByte[align]));
    if (bold !== this.bold) this.push(cmd.bold(bold));
    if (size !== this.size) this.push(cmd.size(...sizeFactors[size]));
    this.align = align;
    this.bold = bold;
    this.size = size;
  }

  /** A raster line as wide as the paper: sent left-aligned, so the next mode() sets alignment again. */
  image(bitmap: LineBitmap): void {
    if (this.align !== 'left') this.push(cmd.align(0));
    this.align = 'left';
    this.push(rasterImage(bitmap.bits, bitmap.widthBytes, bitmap.heightDots));
  }

  line(text: string): void {
    for (const byte of encodeGb18030(text)) this.out.push(byte);
    this.out.push(0x0a);
  }

  bytes(): Uint8Array {
    return Uint8Array.from(this.out);
  }
}

export function encodeReceipt(input: ReceiptDocument | ReceiptDocumentInput, profile: PrinterProfile, options: EncodeOptions = {}): EncodedReceipt {
  const document = receiptDocumentSchema.parse(input);
  const w = new JobWriter(profile);
  const replaced: Replacement[] = [];
  const drawn: Replacement[] = [];
  const lines: LaidOutLine[] = [];
  const qr: EncodedReceipt['qr'] = [];
  // Control and private-use characters go at once; what only the device font lacks is kept through layout
  // (two columns, like the □ that may replace it) and decided line by line in `emit`.
  const clean = (text: string, keepNewlines = false) => {
    const result = sanitize(text, 'gb18030', keepNewlines);
    replaced.push(...result.replaced);
    return result.text;
  };
  const emit = (text: string, style: { align: ReceiptAlign; bold: boolean; size: ReceiptSize }) => {
    const [widthFactor, heightFactor] = sizeFactors[style.size];
    const columns = textColumns(text) * widthFactor;
    const printable = sanitize(text, profile.chinese.repertoire);
    if (printable.replaced.length > 0 && options.drawLine) {
      const bitmap = tryDraw(options.drawLine, { text, ...style, widthFactor, heightFactor, dotsPerLine: profile.dotsPerLine });
      if (bitmap) {
        w.image(bitmap);
        drawn.push(...printable.replaced);
        lines.push({ text, columns, drawn: true });
        return;
      }
    }
    replaced.push(...printable.replaced);
    w.line(printable.text);
    lines.push({ text: printable.text, columns });
  };

  const items = document.lines;
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as ReceiptLine;
    switch (item.type) {
      case 'text': {
        const [widthFactor] = sizeFactors[item.size];
        for (const text of wrapParagraphs(clean(item.text, true), Math.floor(profile.columns / widthFactor))) {
          w.mode(item.align, item.bold, item.size);
          emit(text, item);
        }
        break;
      }
      case 'row': {
        // Consecutive rows form one group with a shared label column, so their values line up.
        let end = i;
        while (items[end + 1]?.type === 'row') end++;
        const group = items.slice(i, end + 1) as Extract<ReceiptLine, { type: 'row' }>[];
        const rows = group.map((r) => ({ label: clean(r.label), value: clean(r.value), valueAlign: r.valueAlign, bold: r.bold }));
        const labelWidth = labelColumnWidth(
          rows.map((r) => r.label),
          profile.columns,
        );
        for (const row of rows) {
          const style = { align: 'left', bold: row.bold, size: 'normal' } as const;
          for (const text of layoutRow(row, labelWidth, profile.columns)) {
            w.mode(style.align, style.bold, style.size);
            emit(text, style);
          }
        }
        i = end;
        break;
      }
      case 'separator':
        w.mode('left', false, 'normal');
        emit(item.char.repeat(profile.columns).replace(/ +$/, ''), { align: 'left', bold: false, size: 'normal' });
        break;
      case 'qr':
        w.mode(item.align, false, 'normal');
        qr.push(encodeQr(w, item.data, profile));
        break;
      case 'feed':
        w.push(cmd.feedLines(item.lines));
        break;
      case 'cut':
        w.mode('left', false, 'normal');
        if (profile.cut.mode === 'none') {
          w.push(cmd.feedLines(profile.cut.feedLines + 4)); // no cutter: feed past the tear bar
        } else {
          if (profile.cut.feedLines > 0) w.push(cmd.feedLines(profile.cut.feedLines));
          w.push(cmd.cut(profile.cut.mode === 'partial'));
        }
        break;
    }
  }
  if (options.acknowledge ?? true) w.push(cmd.transmitPaperStatus);
  return { bytes: w.bytes(), replaced, drawn, lines, qr };
}

function tryDraw(drawLine: LineDrawer, line: LineToDraw): LineBitmap | null {
  try {
    const bitmap = drawLine(line);
    return bitmap.widthBytes * 8 <= line.dotsPerLine && bitmap.bits.length === bitmap.widthBytes * bitmap.heightDots ? bitmap : null;
  } catch {
    return null; // no font on this machine: the line prints with □, reported in `replaced`
  }
}

function encodeQr(w: JobWriter, data: string, profile: PrinterProfile): 'native' | 'raster' {
  const bytes = new TextEncoder().encode(data); // printable ASCII by the schema: one byte per character
  if (profile.qr.native && bytes.length <= profile.qr.maxBytes) {
    // The printer draws the symbol edge to edge; the quiet zone (4 modules) above and below is ours to feed.
    const quiet = cmd.feedDots(4 * profile.qr.moduleDots);
    w.push(quiet, qrNative(bytes, profile.qr.moduleDots, profile.qr.ecc), quiet);
    return 'native';
  }
  const matrix = qrMatrix(data, profile.qr.ecc);
  // Shrink the modules if the symbol would not fit the paper (long payloads on 58 mm).
  let moduleDots = profile.qr.moduleDots;
  while (moduleDots > 1 && (matrix.size + 4) * moduleDots > profile.dotsPerLine) moduleDots--;
  const bitmap = qrBitmap(matrix, moduleDots); // carries 2 modules of quiet zone; 2 more are fed
  const quiet = cmd.feedDots(2 * moduleDots);
  w.push(quiet, rasterImage(bitmap.bits, bitmap.widthBytes, bitmap.heightDots), quiet);
  return 'raster';
}
