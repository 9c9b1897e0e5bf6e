// Issue 15 §4: hostile bytes on the ID-card line. Whatever arrives — noise, half frames, frames with random
// bodies, random text blocks — the frame parser only returns frames that were really in the stream with a good
// checksum, never throws, and the text-block decoder either refuses with a CardDataError (which the reader
// session turns into a failed read) or gives a card that keeps every rule a card must keep. Any other
// exception would escape the session. The codec's own properties (real cards survive chunking and noise) are
// in devices/idcard/codec.property.test.ts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeCheckChar } from '../../src/domain/idNumber';
import { cardFromText } from '../../devices/idcard/card';
import { CardDataError } from '../../devices/idcard/cardDataError';
import { encodeResponse, MAX_LEN, parseFrames, parseRequests, xorOf } from '../../devices/idcard/frame';
import { decodeAdditionalAddress, decodeReadReply, decodeSamId } from '../../devices/idcard/replies';
import { decodeTextBlock, encodeTextBlock, hasControlChars, layouts, MARKER_OFFSET, TEXT_BLOCK_BYTES } from '../../devices/idcard/textBlock';
import type { CardLayout } from '../../devices/idcard/textBlock';

const today = '2026-06-01';
const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** Runs `decode`; a CardDataError is a refusal (null), anything else thrown fails the property. */
function refusedOr<T>(decode: () => T): T | null {
  try {
    return decode();
  } catch (error) {
    if (error instanceof CardDataError) return null;
    throw error;
  }
}

const indexOf = (haystack: Uint8Array, needle: Uint8Array): number => {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let k = 0; k < needle.length; k++) if (haystack[i + k] !== needle[k]) continue outer;
    return i;
  }
  return -1;
};

/** A stream of noise with, now and then, a preamble-led piece: a real frame, or one with a bad length or sum. */
const preamble = [0xaa, 0xaa, 0xaa, 0x96, 0x69];
const piece = fc.oneof(
  { arbitrary: fc.uint8Array({ maxLength: 24 }), weight: 3 },
  { arbitrary: fc.constant(Uint8Array.from(preamble)), weight: 1 },
  { arbitrary: fc.tuple(fc.nat(255), fc.uint8Array({ maxLength: 40 })).map(([sw3, data]) => encodeResponse(sw3, data)), weight: 2 },
  {
    arbitrary: fc.tuple(fc.nat(255), fc.uint8Array({ maxLength: 40 }), fc.nat(), fc.integer({ min: 1, max: 255 })).map(([sw3, data, at, mask]) => {
      const frame = encodeResponse(sw3, data).slice();
      const i = 5 + (at % (frame.length - 5));
      frame[i] = (frame[i] as number) ^ mask;
      return frame;
    }),
    weight: 2,
  },
);
const stream = fc.array(piece, { maxLength: 12 }).map((parts) => Uint8Array.from(parts.flatMap((p) => [...p])));

describe('ID-card frames from any bytes', () => {
  it('returns only checksum-good frames that were in the stream, and never throws, whatever the chunking', () => {
    fc.assert(
      fc.property(stream, fc.array(fc.nat(), { maxLength: 8 }), (bytes, cuts) => {
        const whole = parseFrames(bytes);
        for (const frame of whole.frames) {
          const wire = encodeResponse(frame.sw3, frame.data, frame.sw1, frame.sw2);
          expect(indexOf(bytes, wire)).toBeGreaterThanOrEqual(0);
          expect(frame.data.length + 4).toBeLessThanOrEqual(MAX_LEN);
          expect(xorOf(wire, 5, wire.length - 1)).toBe(wire[wire.length - 1]);
        }
        // What is kept for later is the stream's own tail.
        expect(indexOf(bytes.subarray(bytes.length - whole.rest.length), whole.rest)).toBe(0);
        // Fed in pieces (as a serial port delivers), the same frames come out.
        const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
        let rest: Uint8Array = new Uint8Array(0);
        const frames: typeof whole.frames = [];
        let last = 0;
        for (const p of [...points, bytes.length]) {
          const joined = Uint8Array.from([...rest, ...bytes.subarray(last, p)]);
          last = p;
          const r = parseFrames(joined);
          frames.push(...r.frames);
          rest = r.rest;
        }
        expect(frames).toEqual(whole.frames);
        // The simulator's side parses the same bytes without throwing too.
        expect(() => parseRequests(bytes)).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });

  it('turns any reply body into read blocks of the lengths it declares, or a CardDataError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 1400 }), fc.boolean(), (data, withFingerprint) => {
        const blocks = refusedOr(() => decodeReadReply(data, withFingerprint));
        if (blocks) {
          expect(blocks.text.length).toBe(TEXT_BLOCK_BYTES);
          expect((withFingerprint ? 6 : 4) + blocks.text.length + blocks.photo.length + (blocks.fingerprint?.length ?? 0)).toBe(data.length);
        }
        refusedOr(() => decodeSamId(data));
        const address = refusedOr(() => decodeAdditionalAddress(data));
        if (address !== null) expect(typeof address).toBe('string');
      }),
      { numRuns: 300 },
    );
  });
});

// Text blocks built field by field from characters a card uses and characters it must not (controls, lone
// surrogates, NULs), with a valid or random marker, so most reach the card rules instead of stopping early.
const unit = fc.oneof(
  { arbitrary: fc.constantFrom(...'0123456789X'.split('').map((c) => c.charCodeAt(0))), weight: 6 },
  { arbitrary: fc.integer({ min: 0x4e00, max: 0x9fa5 }), weight: 2 },
  { arbitrary: fc.constantFrom(0x20, 0x00, 0x0a, 0x7f, 0xd800, 0xdc00, 0xfeff, 0x957f, 0x671f), weight: 1 },
  { arbitrary: fc.integer({ min: 0, max: 0xffff }), weight: 1 },
);
const layoutNames = Object.keys(layouts) as CardLayout[];
const textBlock = fc
  .tuple(fc.constantFrom(...layoutNames), fc.array(fc.array(unit, { maxLength: 60 }), { minLength: 16, maxLength: 16 }), fc.boolean(), fc.uint8Array({ minLength: 2, maxLength: 2 }))
  .map(([layout, fieldUnits, goodMarker, marker]) => {
    const block = encodeTextBlock(layout, {});
    layouts[layout].forEach(([, offset, length], i) => {
      const units = (fieldUnits[i] ?? []).slice(0, length / 2);
      units.forEach((code, k) => {
        block[offset + 2 * k] = code & 0xff;
        block[offset + 2 * k + 1] = code >> 8;
      });
    });
    if (goodMarker) block.set(encodeTextBlock(layout, {}).subarray(MARKER_OFFSET, MARKER_OFFSET + 2), MARKER_OFFSET);
    else block.set(marker, MARKER_OFFSET);
    return block;
  });

/** A resident block that passes every rule, so mutations start from a real card. */
const goodResident = fc.record({ birthDay: fc.integer({ min: 0, max: 20_000 }), seq: fc.integer({ min: 0, max: 999 }) }).map(({ birthDay, seq }) => {
  const birth = new Date(Date.UTC(1960, 0, 1) + birthDay * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
  const body = `420102${birth}${String(seq).padStart(3, '0')}`;
  return encodeTextBlock('resident', { name: '张三', sex: seq % 2 ? '1' : '2', nation: '01', birth, address: '湖北省武汉市', idNumber: body + computeCheckChar(body), issuer: '武汉市公安局', validFrom: '20200101', validTo: '长期' });
});
const mutated = fc.tuple(goodResident, fc.array(fc.tuple(fc.nat(TEXT_BLOCK_BYTES - 1), fc.nat(255)), { minLength: 1, maxLength: 6 })).map(([block, edits]) => {
  const out = block.slice();
  for (const [at, value] of edits) out[at] = value;
  return out;
});

describe('ID-card text blocks from any bytes', () => {
  it('never gives a card that breaks a card’s rules, and refuses only with a CardDataError', () => {
    fc.assert(
      fc.property(fc.oneof(textBlock, mutated, fc.uint8Array({ minLength: TEXT_BLOCK_BYTES, maxLength: TEXT_BLOCK_BYTES }), fc.uint8Array({ maxLength: 300 })), (block) => {
        const decoded = refusedOr(() => decodeTextBlock(block));
        if (!decoded) return;
        const result = refusedOr(() => cardFromText(decoded, { photoBytes: 1024, today }));
        if (!result) return;
        const { card } = result;
        expect(card.name.length).toBeGreaterThan(0);
        for (const text of [card.name, card.address, card.issuer, card.nation, card.idNumber]) expect(hasControlChars(text)).toBe(false);
        expect(card.birthDate).toMatch(isoDate);
        expect(card.validFrom).toMatch(isoDate);
        if (card.validTo !== null) expect(card.validTo).toMatch(isoDate);
        expect(['male', 'female', 'unknown']).toContain(card.sex);
        if (card.cardType !== 'foreigner') {
          expect(card.idNumber).toMatch(/^\d{17}[\dX]$/);
          // A number called valid really is: its check character and its birth date agree with the card.
          if (card.idNumberValid) {
            expect(computeCheckChar(card.idNumber.slice(0, 17))).toBe(card.idNumber[17]);
            expect(card.idNumber.slice(6, 14)).toBe(card.birthDate.replaceAll('-', ''));
          }
        } else expect(card.idNumber).toMatch(/^[0-9A-Z]+$/);
        // The card is what the bytes say: written back and read again, it is the same card.
        if (decoded.layout !== 'foreigner2023') {
          const again = cardFromText(decodeTextBlock(encodeTextBlock(decoded.layout, decoded.fields as never)), { photoBytes: 1024, today });
          expect(again.card).toEqual(card);
        }
      }),
      { numRuns: 500 },
    );
  });
});
