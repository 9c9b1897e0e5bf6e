// The ESC/POS encoder: a pure function from a receipt document and a printer profile to bytes (spec §6.2).
// Job = prologue (ESC @, FS &, ESC 2, left, normal size, bold off), then the lines, then the optional
// acknowledgement request (GS r 1). Text is GB18030 only, laid out by printer columns; QR is native
// `GS ( k` with the byte length, or a host raster (`GS v 0`) where the profile has no native QR.
import { receiptDocumentSchema } from '../../src/domain/receipt';
import type { ReceiptAlign, ReceiptDocument, ReceiptDocumentInput, ReceiptLine, ReceiptSize } from '../../src/domain/receipt';
import { cmd, qrNative, rasterImage } from './commands';
import { labelColumnWidth, layoutRow, wrapParagraphs } from './layout';
import type { PrinterProfile } from './profiles';
import { qrBitmap, qrMatrix } from './qrMatrix';
import { encodeGb18030, sanitize, textColumns } from './text';
import type { Replacement } from './text';

export interface EncodeOptions {
  /** Append `GS r 1`, whose reply tells the transport the printer processed the whole job (default true). */
  acknowledge?: boolean;
}

export interface LaidOutLine {
  text: string;
  /** Columns the line takes on paper (character widths × the width multiplier). */
  columns: number;
}

export interface EncodedReceipt {
  bytes: Uint8Array;
  /** Characters replaced because the printer cannot print them (code points only, no text). */
  replaced: Replacement[];
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
  const lines: LaidOutLine[] = [];
  const qr: EncodedReceipt['qr'] = [];
  const clean = (text: string, keepNewlines = false) => {
    const result = sanitize(text, profile.chinese.repertoire, keepNewlines);
    replaced.push(...result.replaced);
    return result.text;
  };
  const emit = (text: string, widthFactor: number) => {
    w.line(text);
    lines.push({ text, columns: textColumns(text) * widthFactor });
  };

  const items = document.lines;
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as ReceiptLine;
    switch (item.type) {
      case 'text': {
        const [widthFactor] = sizeFactors[item.size];
        w.mode(item.align, item.bold, item.size);
        for (const text of wrapParagraphs(clean(item.text, true), Math.floor(profile.columns / widthFactor))) emit(text, widthFactor);
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
          w.mode('left', row.bold, 'normal');
          for (const text of layoutRow(row, labelWidth, profile.columns)) emit(text, 1);
        }
        i = end;
        break;
      }
      case 'separator':
        w.mode('left', false, 'normal');
        emit(item.char.repeat(profile.columns).replace(/ +$/, ''), 1);
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
  return { bytes: w.bytes(), replaced, lines, qr };
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
