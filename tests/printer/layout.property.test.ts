// Property: whatever mix of hanzi and ASCII a document holds, in any size, alignment or row, no printed line
// is wider than the printer's columns — so the printer never wraps on its own — and what it prints is what
// the encoder laid out. Arbitrary Unicode never yields a byte the decoder cannot place.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeReceipt } from '../../devices/printer/encoder';
import { getProfile, profileNames } from '../../devices/printer/profiles';
import { pageText } from '../../devices/sim/printerPage';
import { receiptAligns, receiptSizes } from '../../src/domain/receipt';
import type { ReceiptLineInput } from '../../src/domain/receipt';
import { decodeJob } from './decodePage';

/** Printer columns, counted here independently of the encoder: printable ASCII 1, anything else 2. */
const columnsOf = (text: string) => Array.from(text).reduce((sum, c) => sum + (/^[\x20-\x7e]$/.test(c) ? 1 : 2), 0);

const hanzi = fc.constantFrom(...Array.from('中文张三办事回执政务小屋䶮镕堃，。：（）“”￥·—①'));
const ascii = fc.constantFrom(...Array.from(' abcXYZ0123456789-:/.?=@,()'));
const mixed = (maxLength: number) => fc.array(fc.oneof({ arbitrary: hanzi, weight: 3 }, { arbitrary: ascii, weight: 3 }, { arbitrary: fc.constant('\n'), weight: 1 }), { maxLength }).map((a) => a.join(''));

const line: fc.Arbitrary<ReceiptLineInput> = fc.oneof(
  fc.record({ type: fc.constant('text' as const), text: mixed(150), align: fc.constantFrom(...receiptAligns), bold: fc.boolean(), size: fc.constantFrom(...receiptSizes) }),
  fc.record({ type: fc.constant('row' as const), label: mixed(40), value: mixed(120), bold: fc.boolean(), valueAlign: fc.constantFrom('left' as const, 'right' as const) }),
  fc.record({ type: fc.constant('separator' as const), char: fc.constantFrom('-' as const, '=' as const, '*' as const) }),
);

describe('layout property', () => {
  it('no line exceeds the column count, for any mix of hanzi and ASCII, on every profile', () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 8 }), fc.constantFrom(...profileNames), (lines, name) => {
        const profile = getProfile(name);
        const encoded = encodeReceipt({ lines }, profile);
        for (const laidOut of encoded.lines) {
          expect(laidOut.columns).toBeLessThanOrEqual(profile.columns);
          expect(laidOut.text).not.toContain('\n');
        }
        const { pages, events } = decodeJob(encoded.bytes, profile);
        expect(events.filter((e) => e.t === 'unknown')).toEqual([]);
        const page = pages[0];
        expect(page?.warnings ?? []).toEqual([]); // the printer never had to wrap a line itself
        // Counted here, independently of the encoder, from what the printer decoded: characters × width factor.
        for (const block of page?.blocks ?? []) {
          if (block.kind === 'text') expect(block.segments.reduce((sum, s) => sum + columnsOf(s.text) * s.width, 0)).toBeLessThanOrEqual(profile.columns);
        }
        expect(page ? pageText(page) : []).toEqual(encoded.lines.map((l) => l.text));
      }),
      { numRuns: 300 },
    );
  });

  it('arbitrary Unicode prints as GB18030 or visible replacements, never as stray bytes', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), fc.constantFrom(...profileNames), (text, name) => {
        const profile = getProfile(name);
        const encoded = encodeReceipt({ lines: [{ type: 'text', text }] }, profile, { acknowledge: false });
        const { pages, events } = decodeJob(encoded.bytes, profile);
        expect(events.filter((e) => e.t === 'unknown')).toEqual([]);
        expect(pageText(pages[0]!)).toEqual(encoded.lines.map((l) => l.text));
        for (const laidOut of encoded.lines) expect(columnsOf(laidOut.text)).toBeLessThanOrEqual(profile.columns);
      }),
      { numRuns: 300 },
    );
  });
});
