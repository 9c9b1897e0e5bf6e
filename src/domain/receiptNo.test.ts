import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatReceiptNo, nextReceiptSeq, normaliseReceiptInput, parseReceiptNo, receiptClockSeq, receiptEpochMs } from './receiptNo';

const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const seqArb = fc.integer({ min: 0, max: 32 ** 7 - 1 });

describe('receipt numbers', () => {
  it('looks like site-body+check and is short enough to read aloud', () => {
    const no = formatReceiptNo('420102-001', receiptClockSeq(Date.UTC(2026, 4, 1, 9, 30)));
    expect(no).toMatch(/^420102-001-[0-9A-HJKMNP-TV-Z]{7}$/);
    expect(no.length).toBe(18);
  });

  it('round-trips every sequence value', () => {
    fc.assert(
      fc.property(seqArb, (seq) => {
        const no = formatReceiptNo('420102-001', seq);
        expect(parseReceiptNo(no)).toEqual({ receiptNo: no, prefix: '420102-001', seq });
      }),
    );
  });

  it('accepts what a person types: lower case, spaces, I/L for 1 and O for 0', () => {
    const no = formatReceiptNo('420102-001', 123_456_789);
    const sloppy = no.toLowerCase().replaceAll('1', 'l').replaceAll('0', 'o').replace('-', ' - ');
    expect(normaliseReceiptInput(sloppy)).toBe(no);
    expect(parseReceiptNo(sloppy)?.receiptNo).toBe(no);
  });

  it('refuses every single wrong character', () => {
    fc.assert(
      fc.property(seqArb, fc.nat(), fc.integer({ min: 1, max: 31 }), (seq, at, shift) => {
        const no = formatReceiptNo('420102-001', seq);
        const positions = [...no].map((c, i) => (c === '-' ? -1 : i)).filter((i) => i >= 0);
        const pos = positions[at % positions.length] as number;
        const wrong = alphabet[(alphabet.indexOf(no[pos] as string) + shift) % 32] as string;
        const typo = no.slice(0, pos) + wrong + no.slice(pos + 1);
        // A wrong digit in the site part may still form a valid-looking prefix, but the check char refuses it.
        expect(parseReceiptNo(typo)).toBeNull();
      }),
    );
  });

  it('refuses a swap of two neighbouring different characters in the body', () => {
    const no = formatReceiptNo('420102-001', 98_765_432);
    let refused = 0;
    let swaps = 0;
    for (let i = no.length - 7; i < no.length - 1; i++) {
      if (no[i] === no[i + 1]) continue;
      swaps++;
      const swapped = no.slice(0, i) + no[i + 1] + no[i] + no.slice(i + 2);
      if (parseReceiptNo(swapped) === null) refused++;
    }
    expect(swaps).toBeGreaterThan(3);
    expect(refused).toBe(swaps);
  });

  it('stays unique and rising when the clock stands still or steps back', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5_000, max: 5_000 }), { minLength: 1, maxLength: 200 }), (steps) => {
        let now = receiptEpochMs + 1_000_000_000;
        let last: number | null = null;
        const seen = new Set<string>();
        for (const step of steps) {
          now += step;
          const seq = nextReceiptSeq(last, now);
          if (last !== null) expect(seq).toBeGreaterThan(last);
          last = seq;
          seen.add(formatReceiptNo('420102-001', seq));
        }
        expect(seen.size).toBe(steps.length);
      }),
    );
  });

  it('refuses junk', () => {
    for (const junk of ['', '-', '420102-001', '420102-001-', 'ABC-12', '420102-001-0K3M9Q!', '420102-001-UUUUUUU']) {
      expect(parseReceiptNo(junk)).toBeNull();
    }
    expect(() => formatReceiptNo('bad prefix', 1)).toThrow(/prefix/);
    expect(() => formatReceiptNo('420102-001', -1)).toThrow(/sequence/);
  });
});
