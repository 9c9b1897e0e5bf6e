// What a printer would put on paper, rebuilt from decoded ESC/POS events (spec §4.3): the simulator's model of
// a receipt. It renders the decoded bytes, not the source document, so a preview shows what the bytes say —
// including the printer's own auto-wrap when a line is too wide, which it records as a warning.
import jsQR from 'jsqr';
import { EscPosDecoder } from '../printer/decoder';
import type { EscPosEvent } from '../printer/decoder';
import type { PrinterProfile } from '../printer/profiles';
import { bitmapToRgba } from '../printer/qrMatrix';
import { charColumns } from '../printer/text';

export interface PageSegment {
  text: string;
  bold: boolean;
  width: number;
  height: number;
}

export type PageBlock =
  | { kind: 'text'; align: 0 | 1 | 2; segments: PageSegment[]; columns: number; spacingDots: number }
  | { kind: 'qr'; align: 0 | 1 | 2; payload: string; bytes: number; moduleDots: number; ecc: 'L' | 'M' | 'Q' | 'H' }
  | { kind: 'raster'; align: 0 | 1 | 2; widthBytes: number; heightDots: number; bits: Uint8Array; qrPayload: string | null }
  | { kind: 'feed'; dots: number };

export interface Page {
  blocks: PageBlock[];
  cut: 'partial' | 'full' | null;
  warnings: string[];
}

const eccNames = ['L', 'M', 'Q', 'H'] as const;
/** Default line spacing in dots (ESC 2): 30 dots ≈ 3.75 mm at 203 dpi. */
export const defaultSpacingDots = 30;

export class PageBuilder {
  private page: Page = { blocks: [], cut: null, warnings: [] };
  private align: 0 | 1 | 2 = 0;
  private bold = false;
  private width = 1;
  private height = 1;
  private spacing = defaultSpacingDots;
  private qrModule = 3;
  private qrEcc: (typeof eccNames)[number] = 'L';
  private qrData: Uint8Array | null = null;
  private line: PageSegment[] = [];
  private lineAlign: 0 | 1 | 2 = 0;
  private lineColumns = 0;
  /** Text lines printed so far on this page (the simulator's paper-out fault counts them). */
  printedLines = 0;

  constructor(private readonly columns: number) {}

  /** True when something has been printed or is waiting in the line buffer. */
  get hasContent(): boolean {
    return this.page.blocks.length > 0 || this.line.length > 0;
  }

  /** Applies one event; returns the finished page when the event was a cut. */
  apply(event: EscPosEvent): Page | null {
    switch (event.t) {
      case 'text':
        for (const char of event.text) this.addChar(char);
        return null;
      case 'lf':
        this.flushLine(true);
        return null;
      case 'init':
        this.align = 0;
        this.bold = false;
        this.width = this.height = 1;
        this.spacing = defaultSpacingDots;
        this.qrData = null;
        this.line = []; // ESC @ clears the print buffer: an unfinished line is lost
        this.lineColumns = 0;
        return null;
      case 'lineSpacing':
        this.spacing = event.dots ?? defaultSpacingDots;
        return null;
      case 'align':
        this.align = event.align;
        return null;
      case 'bold':
        this.bold = event.on;
        return null;
      case 'size':
        this.width = event.width;
        this.height = event.height;
        return null;
      case 'printMode': // ESC !: clones apply it to hanzi too
        this.bold = (event.n & 0x08) !== 0;
        this.height = event.n & 0x10 ? 2 : 1;
        this.width = event.n & 0x20 ? 2 : 1;
        return null;
      case 'feedLines':
        this.flushLine(false);
        this.page.blocks.push({ kind: 'feed', dots: event.n * this.spacing });
        return null;
      case 'feedDots':
        this.flushLine(false);
        this.page.blocks.push({ kind: 'feed', dots: event.n });
        return null;
      case 'cut':
        this.flushLine(false);
        return this.finish(event.partial ? 'partial' : 'full');
      case 'qr':
        this.applyQr(event.fn, event.params);
        return null;
      case 'raster':
        this.flushLine(false);
        this.page.blocks.push({ kind: 'raster', align: this.align, widthBytes: event.widthBytes, heightDots: event.heightDots, bits: event.bits, qrPayload: decodeRasterQr(event) });
        return null;
      case 'unknown':
        this.page.warnings.push(`${event.reason}: ${event.bytes.map((b) => b.toString(16).padStart(2, '0')).join(' ')}`);
        return null;
      default:
        return null; // status requests, chinese mode, settings: no mark on paper
    }
  }

  /** The page so far, when no cut will come (ESC @ of the next job, or the simulator closing). */
  finish(cut: Page['cut'] = null): Page {
    this.flushLine(false);
    const page = { ...this.page, cut };
    this.page = { blocks: [], cut: null, warnings: [] };
    this.printedLines = 0;
    return page;
  }

  /** Drops the line not yet printed (the print buffer cleared by DLE ENQ 2); what is on paper stays. */
  discardLine(): void {
    this.line = [];
    this.lineColumns = 0;
    this.lineAlign = this.align;
  }

  private addChar(char: string): void {
    const columns = charColumns(char) * this.width;
    if (this.lineColumns + columns > this.columns) {
      // What a real printer does with an over-long line: wraps it itself. The layout should never let it.
      this.page.warnings.push(`line wider than ${this.columns} columns was wrapped by the printer`);
      this.flushLine(true);
    }
    if (this.line.length === 0) this.lineAlign = this.align; // ESC a takes effect at the start of a line
    const last = this.line[this.line.length - 1];
    if (last && last.bold === this.bold && last.width === this.width && last.height === this.height) last.text += char;
    else this.line.push({ text: char, bold: this.bold, width: this.width, height: this.height });
    this.lineColumns += columns;
  }

  private flushLine(blankIfEmpty: boolean): void {
    if (this.line.length === 0 && !blankIfEmpty) return;
    this.page.blocks.push({ kind: 'text', align: this.lineAlign, segments: this.line, columns: this.lineColumns, spacingDots: this.spacing });
    this.line = [];
    this.lineColumns = 0;
    this.lineAlign = this.align;
    this.printedLines++;
  }

  private applyQr(fn: number, params: Uint8Array): void {
    if (fn === 0x43) this.qrModule = params[0] ?? 3;
    else if (fn === 0x45) this.qrEcc = eccNames[(params[0] ?? 0x30) - 0x30] ?? 'L';
    else if (fn === 0x50) this.qrData = params.slice(1);
    else if (fn === 0x51) {
      this.flushLine(false);
      if (!this.qrData) {
        this.page.warnings.push('QR print without stored data');
        return;
      }
      const payload = Buffer.from(this.qrData).toString('latin1');
      this.page.blocks.push({ kind: 'qr', align: this.align, payload, bytes: this.qrData.length, moduleDots: this.qrModule, ecc: this.qrEcc });
    }
  }
}

function decodeRasterQr(event: Extract<EscPosEvent, { t: 'raster' }>): string | null {
  const widthDots = event.widthBytes * 8;
  if (widthDots < 21 || event.heightDots < 21) return null;
  const rgba = bitmapToRgba({ widthDots, widthBytes: event.widthBytes, heightDots: event.heightDots, bits: event.bits });
  return jsQR(rgba, widthDots, event.heightDots)?.data ?? null;
}

/** The plain text of every printed line (what a resident can read), in order. */
export function pageText(page: Page): string[] {
  return page.blocks.flatMap((b) => (b.kind === 'text' ? [b.segments.map((s) => s.text).join('')] : []));
}

/**
 * Bytes → the pages a printer would print. Chinese mode is off at "power-on" (as on an Epson CN model), so a
 * job must switch it on itself with FS &.
 */
export function decodePages(bytes: Uint8Array, profile: PrinterProfile): { pages: Page[]; events: EscPosEvent[] } {
  const events = new EscPosDecoder(false).push(bytes);
  const builder = new PageBuilder(profile.columns);
  const pages: Page[] = [];
  for (const event of events) {
    const page = builder.apply(event);
    if (page) pages.push(page);
  }
  if (builder.hasContent) pages.push(builder.finish(null));
  return { pages, events };
}
