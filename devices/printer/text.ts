// Text for a printer in Chinese mode: what it can print, how wide it is, and its GB18030 bytes (spec §2.3).
// Every string goes through `sanitize` first, so that layout measures exactly what will be sent: a character
// the device font lacks is replaced *visibly* (and reported) before wrapping, never sent as UTF-8, and a
// control byte inside user text can never turn into a printer command.
import iconv from 'iconv-lite';
import type { Repertoire } from './profiles';

/** Shown instead of a character the printer cannot print; a 2-byte GB2312 glyph, two columns like a hanzi. */
export const replacementChar = '□';
/** Shown instead of control and format characters (they have no glyph at all). */
export const controlReplacement = '?';

export interface Replacement {
  /** `U+4DAE`: the code point, never the surrounding text (which may be a name). */
  codePoint: string;
  /** Why it could not be printed. */
  reason: 'control' | 'repertoire' | 'unpaired' | 'private';
}

export interface Sanitized {
  text: string;
  replaced: Replacement[];
}

const isPrintableAscii = (cp: number) => cp >= 0x20 && cp <= 0x7e;
// Control, format, surrogate, unassigned and combining characters: no printable glyph of their own.
const noGlyph = /^[\p{Cc}\p{Cf}\p{Cn}\p{M}]$/u;
const privateUse = /^\p{Co}$/u;
const hex = (cp: number) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

function gb18030Length(char: string): number {
  return iconv.encode(char, 'gb18030').length;
}

function inRepertoire(char: string, repertoire: Repertoire): boolean {
  if (repertoire === 'gb18030') return true;
  const length = gb18030Length(char);
  if (length > 2) return false;
  if (repertoire === 'gb18030-2b') return true;
  // cp936 (what most "GBK" fonts cover; iconv-lite's `gbk` adds GB18030's extra 2-byte codes such as 䶮)
  // turns what it lacks into "?": a character is in the table when it survives the round trip.
  return iconv.decode(iconv.encode(char, 'cp936'), 'cp936') === char;
}

/**
 * Normalises (NFC, tabs to spaces) and replaces what the printer cannot show. `\n` is kept only when
 * `keepNewlines` is set (text lines split on it); in labels and values it becomes a space.
 */
export function sanitize(text: string, repertoire: Repertoire, keepNewlines = false): Sanitized {
  const replaced: Replacement[] = [];
  let out = '';
  for (const char of text.normalize('NFC').replace(/\r\n?/g, '\n').replace(/\t/g, ' ')) {
    const cp = char.codePointAt(0) ?? 0;
    if (char === '\n') {
      out += keepNewlines ? '\n' : ' ';
    } else if (isPrintableAscii(cp)) {
      out += char;
    } else if (cp >= 0xd800 && cp <= 0xdfff) {
      replaced.push({ codePoint: hex(cp), reason: 'unpaired' });
      out += controlReplacement;
    } else if (noGlyph.test(char)) {
      replaced.push({ codePoint: hex(cp), reason: 'control' });
      out += controlReplacement;
    } else if (privateUse.test(char)) {
      // GB18030 editions map a few code points differently through the PUA: never guess which one the font has.
      replaced.push({ codePoint: hex(cp), reason: 'private' });
      out += replacementChar;
    } else if (!inRepertoire(char, repertoire)) {
      replaced.push({ codePoint: hex(cp), reason: 'repertoire' });
      out += replacementChar;
    } else {
      out += char;
    }
  }
  return { text: out, replaced };
}

/** Printer columns of one character: ASCII 1, everything else (hanzi, ·, —, é, full-width ￥) 2. */
export function charColumns(char: string): number {
  return isPrintableAscii(char.codePointAt(0) ?? 0) ? 1 : 2;
}

export function textColumns(text: string): number {
  let columns = 0;
  for (const char of text) columns += charColumns(char);
  return columns;
}

/** GB18030 bytes of sanitized text (the only encoding that ever reaches the printer). */
export function encodeGb18030(text: string): Uint8Array {
  return new Uint8Array(iconv.encode(text, 'gb18030'));
}

export function decodeGb18030(bytes: Uint8Array): string {
  return iconv.decode(Buffer.from(bytes), 'gb18030');
}
