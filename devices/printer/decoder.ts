// An ESC/POS decoder for the command subset this kiosk emits, plus what others commonly send (spec §4.2).
// Streaming (`push` any chunk, split anywhere), pure, and strict: unknown commands and stray bytes become
// `unknown` events instead of being guessed at, so a parameter-length mistake (node-thermal-printer's QR
// length) shows up as text where none should be. Text in Chinese mode is decoded as GB18030.
import iconv from 'iconv-lite';

export type EscPosEvent =
  | { t: 'text'; text: string; bytes: number }
  | { t: 'lf' }
  | { t: 'init' }
  | { t: 'chinese'; on: boolean }
  | { t: 'lineSpacing'; dots: number | null }
  | { t: 'align'; align: 0 | 1 | 2 }
  | { t: 'bold'; on: boolean }
  | { t: 'size'; width: number; height: number }
  | { t: 'printMode'; n: number }
  | { t: 'feedLines'; n: number }
  | { t: 'feedDots'; n: number }
  | { t: 'cut'; partial: boolean; feed: boolean }
  | { t: 'qr'; fn: number; params: Uint8Array }
  | { t: 'raster'; mode: number; widthBytes: number; heightDots: number; bits: Uint8Array }
  | { t: 'transmitStatus'; n: number }
  | { t: 'realtimeStatus'; n: number }
  | { t: 'realtimeRecover'; n: number }
  | { t: 'setting'; name: string; params: number[] }
  | { t: 'unknown'; bytes: number[]; reason: string };

type Step = { events: EscPosEvent[]; used: number } | 'more';

const ESC = 0x1b;
const GS = 0x1d;
const FS = 0x1c;
const DLE = 0x10;

/** Bytes after the command bytes that a fixed-length command takes, keyed by `prefix << 8 | letter`. */
const fixed: Record<number, [string, number]> = {
  [(ESC << 8) | 0x52]: ['internationalCharset', 1], // ESC R n
  [(ESC << 8) | 0x74]: ['codeTable', 1], // ESC t n
  [(ESC << 8) | 0x42]: ['buzzer', 2], // ESC B n t (clones)
  [(ESC << 8) | 0x2d]: ['underline', 1], // ESC - n
  [(ESC << 8) | 0x4d]: ['font', 1], // ESC M n
  [(FS << 8) | 0x21]: ['kanjiPrintMode', 1], // FS ! n
  [(FS << 8) | 0x43]: ['kanjiCodeSystem', 1], // FS C n
  [(FS << 8) | 0x57]: ['kanjiQuadruple', 1], // FS W n
  [(GS << 8) | 0x61]: ['automaticStatusBack', 1], // GS a n
  [(GS << 8) | 0x49]: ['printerId', 1], // GS I n
  [(GS << 8) | 0x48]: ['hriPosition', 1], // GS H n
  [(GS << 8) | 0x66]: ['hriFont', 1], // GS f n
  [(GS << 8) | 0x77]: ['barcodeWidth', 1], // GS w n
  [(GS << 8) | 0x68]: ['barcodeHeight', 1], // GS h n
};

export class EscPosDecoder {
  private buffer = new Uint8Array(0);
  /** Chinese (Kanji) mode: bytes ≥ 0x81 lead multi-byte characters. */
  chinese: boolean;

  constructor(private readonly chineseAtPowerOn = false) {
    this.chinese = chineseAtPowerOn;
  }

  /** Decodes as much as is complete; an incomplete command waits for the next chunk. */
  push(chunk: Uint8Array): EscPosEvent[] {
    const joined = new Uint8Array(this.buffer.length + chunk.length);
    joined.set(this.buffer);
    joined.set(chunk, this.buffer.length);
    const events: EscPosEvent[] = [];
    let at = 0;
    while (at < joined.length) {
      const step = this.step(joined, at);
      if (step === 'more') break;
      events.push(...step.events);
      at += step.used;
    }
    this.buffer = joined.slice(at);
    return events;
  }

  /** Bytes received but not yet decodable (an unfinished command or character). */
  get pending(): number {
    return this.buffer.length;
  }

  /** Forgets an unfinished command or character (a printer's receive buffer cleared by DLE ENQ 2); modes stay. */
  discardPending(): void {
    this.buffer = new Uint8Array(0);
  }

  private step(b: Uint8Array, at: number): Step {
    const byte = b[at] as number;
    if (byte >= 0x20 && byte !== 0x7f) return this.text(b, at);
    const need = (n: number) => at + n <= b.length;
    if (byte === 0x0a) return { events: [{ t: 'lf' }], used: 1 };
    if (byte === 0x0d) return { events: [], used: 1 }; // CR: ignored by ESC/POS printers in standard mode
    if (byte === DLE) {
      if (!need(3)) return 'more';
      const [fn, n] = [b[at + 1] as number, b[at + 2] as number];
      if (fn === 0x04) return { events: [{ t: 'realtimeStatus', n }], used: 3 };
      if (fn === 0x05) return { events: [{ t: 'realtimeRecover', n }], used: 3 };
      return { events: [{ t: 'unknown', bytes: [byte], reason: 'stray DLE' }], used: 1 };
    }
    if (byte === ESC || byte === GS || byte === FS) {
      if (!need(2)) return 'more';
      return this.command(b, at);
    }
    return { events: [{ t: 'unknown', bytes: [byte], reason: 'control byte' }], used: 1 };
  }

  private text(b: Uint8Array, at: number): Step {
    let end = at;
    while (end < b.length) {
      const byte = b[end] as number;
      if (byte < 0x20 || byte === 0x7f) break;
      if (byte < 0x81 || byte === 0xff || !this.chinese) {
        end++;
        continue;
      }
      // GB18030: lead 81–FE, then 2-byte trail 40–7E/80–FE, or 30–39 81–FE 30–39 for 4 bytes. Like a
      // printer, the byte after a lead is taken as its trail whatever it is (a stray lead eats the LF).
      if (end + 1 >= b.length) break;
      const second = b[end + 1] as number;
      if (second >= 0x30 && second <= 0x39) {
        if (end + 3 >= b.length) break;
        end += 4;
      } else {
        end += 2;
      }
    }
    // A multi-byte character cut by the end of the chunk waits for the rest.
    if (end === at) return 'more';
    const bytes = b.subarray(at, end);
    const text = this.chinese ? iconv.decode(Buffer.from(bytes), 'gb18030') : iconv.decode(Buffer.from(bytes), 'cp437');
    return { events: [{ t: 'text', text, bytes: bytes.length }], used: end - at };
  }

  private command(b: Uint8Array, at: number): Step {
    const [prefix, letter] = [b[at] as number, b[at + 1] as number];
    const param = (i: number) => b[at + 2 + i] as number;
    const has = (n: number) => at + 2 + n <= b.length;
    const one = (event: EscPosEvent): Step => (has(1) ? { events: [event], used: 3 } : 'more');
    const key = (prefix << 8) | letter;
    if (prefix === ESC) {
      switch (letter) {
        case 0x40:
          this.chinese = this.chineseAtPowerOn;
          return { events: [{ t: 'init' }], used: 2 };
        case 0x32:
          return { events: [{ t: 'lineSpacing', dots: null }], used: 2 };
        case 0x33:
          return one({ t: 'lineSpacing', dots: param(0) });
        case 0x61:
          return one({ t: 'align', align: (param(0) % 48) as 0 | 1 | 2 });
        case 0x45:
          return one({ t: 'bold', on: (param(0) & 1) === 1 });
        case 0x21:
          return one({ t: 'printMode', n: param(0) });
        case 0x64:
          return one({ t: 'feedLines', n: param(0) });
        case 0x4a:
          return one({ t: 'feedDots', n: param(0) });
      }
    }
    if (prefix === FS && (letter === 0x26 || letter === 0x2e)) {
      this.chinese = letter === 0x26;
      return { events: [{ t: 'chinese', on: this.chinese }], used: 2 };
    }
    if (prefix === GS) {
      switch (letter) {
        case 0x21:
          return one({ t: 'size', width: (param(0) >> 4) + 1, height: (param(0) & 0x0f) + 1 });
        case 0x72:
          return one({ t: 'transmitStatus', n: param(0) });
        case 0x56: {
          if (!has(1)) return 'more';
          const m = param(0);
          if (m === 0x41 || m === 0x42) return has(2) ? { events: [{ t: 'cut', partial: m === 0x42, feed: true }], used: 4 } : 'more';
          return { events: [{ t: 'cut', partial: m === 1 || m === 0x31, feed: false }], used: 3 };
        }
        case 0x28:
          return this.gsParen(b, at);
        case 0x76:
          return this.raster(b, at);
      }
    }
    const known = fixed[key];
    if (known) {
      const [name, count] = known;
      if (!has(count)) return 'more';
      return { events: [{ t: 'setting', name, params: Array.from(b.subarray(at + 2, at + 2 + count)) }], used: 2 + count };
    }
    return { events: [{ t: 'unknown', bytes: [prefix, letter], reason: 'unsupported command' }], used: 2 };
  }

  /** GS ( k (QR) and other GS ( x functions: pL pH then that many bytes. */
  private gsParen(b: Uint8Array, at: number): Step {
    if (at + 5 > b.length) return 'more';
    const kind = b[at + 2] as number;
    const length = (b[at + 3] as number) + 256 * (b[at + 4] as number);
    if (at + 5 + length > b.length) return 'more';
    const body = b.slice(at + 5, at + 5 + length);
    const used = 5 + length;
    if (kind === 0x6b && body[0] === 0x31 && body.length >= 2) return { events: [{ t: 'qr', fn: body[1] as number, params: body.slice(2) }], used };
    return { events: [{ t: 'unknown', bytes: Array.from(b.subarray(at, at + 5)), reason: `GS ( ${String.fromCharCode(kind)} not supported` }], used };
  }

  private raster(b: Uint8Array, at: number): Step {
    if (at + 8 > b.length) return 'more';
    if (b[at + 2] !== 0x30 && b[at + 2] !== 0x00) return { events: [{ t: 'unknown', bytes: [GS, 0x76], reason: 'GS v without 0' }], used: 2 };
    const mode = b[at + 3] as number;
    const widthBytes = (b[at + 4] as number) + 256 * (b[at + 5] as number);
    const heightDots = (b[at + 6] as number) + 256 * (b[at + 7] as number);
    const size = widthBytes * heightDots;
    if (at + 8 + size > b.length) return 'more';
    return { events: [{ t: 'raster', mode, widthBytes, heightDots, bits: b.slice(at + 8, at + 8 + size) }], used: 8 + size };
  }
}
