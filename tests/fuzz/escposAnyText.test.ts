// Issue 15 §4: the ESC/POS encoder given any text (every code point, lone surrogates, controls, astral
// characters, combining marks) at any paper width (any column count a profile allows, 8 and up) with any
// font repertoire: the bytes always decode, command by command, as the printer would take them — no stray
// control byte, no line the printer must wrap itself, and no character outside the profile's repertoire.
// The layout property over the shipped profiles is in tests/printer/layout.property.test.ts.
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { encodeReceipt } from '../../devices/printer/encoder';
import { getProfile, printerProfileSchema, profileNames, repertoires } from '../../devices/printer/profiles';
import type { PrinterProfile } from '../../devices/printer/profiles';
import { pageText } from '../../devices/sim/printerPage';
import { receiptAligns, receiptSizes } from '../../src/domain/receipt';
import type { ReceiptLineInput } from '../../src/domain/receipt';
import { decodeJob } from '../printer/decodePage';

const profile: fc.Arbitrary<PrinterProfile> = fc
  .record({ base: fc.constantFrom(...profileNames), columns: fc.integer({ min: 8, max: 96 }), repertoire: fc.constantFrom(...repertoires) })
  .map(({ base, columns, repertoire }) => {
    const from = getProfile(base);
    return printerProfileSchema.parse({ ...from, name: `${base}-${columns}`, columns, dotsPerLine: columns * 12, chinese: { ...from.chinese, repertoire } });
  });

const anyChar = fc.oneof(
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)), // lone surrogates included
  fc.constantFrom('\n', '\r', '\t', '\x1b', '\x1d', '\x10', '\x00', '\u200b', '\u0301', '䶮', '𠮷', '¥', '中'),
);
const anyText = (maxLength: number) => fc.array(anyChar, { maxLength }).map((chars) => chars.join(''));

const line: fc.Arbitrary<ReceiptLineInput> = fc.oneof(
  fc.record({ type: fc.constant('text' as const), text: anyText(120), align: fc.constantFrom(...receiptAligns), bold: fc.boolean(), size: fc.constantFrom(...receiptSizes) }),
  fc.record({ type: fc.constant('row' as const), label: anyText(40), value: anyText(80), bold: fc.boolean(), valueAlign: fc.constantFrom('left' as const, 'right' as const) }),
  fc.record({ type: fc.constant('separator' as const), char: fc.constantFrom('-' as const, '=' as const, '*' as const, '.' as const, '_' as const, ' ' as const) }),
  fc.record({ type: fc.constant('feed' as const), lines: fc.integer({ min: 1, max: 10 }) }),
);

/** Bytes a printed character takes in GB18030; 4 means a four-byte sequence. */
const gbBytes = (char: string) => iconv.encode(char, 'gb18030').length;

describe('ESC/POS encoder, any text at any width', () => {
  it('always makes bytes the profile’s printer reads as intended', () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 6 }), profile, (lines, printer) => {
        const encoded = encodeReceipt({ lines }, printer, { acknowledge: false });
        const { pages, events } = decodeJob(encoded.bytes, printer);
        expect(events.filter((e) => e.t === 'unknown')).toEqual([]);
        for (const page of pages) expect(page.warnings).toEqual([]);
        for (const laidOut of encoded.lines) expect(laidOut.columns).toBeLessThanOrEqual(printer.columns);
        expect(pages.flatMap((page) => pageText(page))).toEqual(encoded.lines.map((l) => l.text));
        // Every character sent as text is one the font has (U+FFFD only when the text itself had one).
        const hadReplacement = JSON.stringify(lines).includes('\ufffd');
        for (const event of events) {
          if (event.t !== 'text') continue;
          for (const char of event.text) {
            if (!hadReplacement) expect(char).not.toBe('\ufffd'); // a byte sequence the printer could not read
            if (printer.chinese.repertoire !== 'gb18030') expect(gbBytes(char)).toBeLessThanOrEqual(2);
            if (printer.chinese.repertoire === 'gbk') expect(iconv.decode(iconv.encode(char, 'cp936'), 'cp936')).toBe(char);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
