// Property tests: random chunking plus noise never yields a wrong card.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { computeCheckChar } from '../../src/domain/idNumber';
import { decodeCard } from './card';
import { encodeResponse, parseFrames } from './frame';
import type { ResponseFrame } from './frame';
import { decodeReadReply, encodeReadReplyData } from './replies';
import { encodeTextBlock } from './textBlock';

const today = '2026-01-01';
const hanzi = fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCharCode(c));
const text = (min: number, max: number) => fc.array(hanzi, { minLength: min, maxLength: max }).map((a) => a.join(''));
const ymd = fc.date({ min: new Date('1900-01-01'), max: new Date('2025-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10).replaceAll('-', ''));

const residentFields = fc
  .record({ name: text(1, 15), sex: fc.constantFrom('1', '2'), nation: fc.integer({ min: 1, max: 56 }).map((n) => String(n).padStart(2, '0')), birth: ymd, address: text(0, 35), issuer: text(1, 15), seq: fc.integer({ min: 0, max: 999 }), validFrom: ymd, validTo: fc.oneof(ymd, fc.constant('长期')) })
  .map((f) => {
    const body = `420102${f.birth}${String(f.seq).padStart(3, '0')}`;
    return { name: f.name, sex: f.sex, nation: f.nation, birth: f.birth, address: f.address, idNumber: body + computeCheckChar(body), issuer: f.issuer, validFrom: f.validFrom, validTo: f.validTo };
  });

type Fields = typeof residentFields extends fc.Arbitrary<infer T> ? T : never;
const readFrame = (fields: Fields) =>
  encodeResponse(0x90, encodeReadReplyData({ text: encodeTextBlock('resident', fields), photo: new Uint8Array(1024).fill(0x51), fingerprint: null }));

/** What the session would make of one frame: the card, or null when the reply is rejected. */
function cardOf(frame: ResponseFrame) {
  try {
    const blocks = decodeReadReply(frame.data, false);
    return decodeCard(blocks.text, { photoBytes: blocks.photo.length, today }).card;
  } catch {
    return null;
  }
}

function chunked(stream: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (stream.length + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let last = 0;
  for (const p of [...points, stream.length]) {
    out.push(stream.subarray(last, p));
    last = p;
  }
  return out;
}

function feed(chunks: Uint8Array[]): ResponseFrame[] {
  let rest: Uint8Array = new Uint8Array(0);
  const frames: ResponseFrame[] = [];
  for (const chunk of chunks) {
    const joined = new Uint8Array(rest.length + chunk.length);
    joined.set(rest);
    joined.set(chunk, rest.length);
    const r = parseFrames(joined);
    frames.push(...r.frames);
    rest = r.rest;
  }
  return frames;
}

describe('codec properties', () => {
  it('random chunks with noise between frames give back exactly the cards that were sent', () => {
    fc.assert(
      fc.property(fc.array(residentFields, { minLength: 1, maxLength: 3 }), fc.array(fc.uint8Array({ maxLength: 40 }), { minLength: 4, maxLength: 4 }), fc.array(fc.nat(), { maxLength: 30 }), (cards, noise, cuts) => {
        const parts: number[] = [];
        cards.forEach((c, i) => parts.push(...noise[i]!, ...readFrame(c)));
        parts.push(...noise[3]!);
        const frames = feed(chunked(Uint8Array.from(parts), cuts)).filter((f) => f.data.length > 100);
        const decoded = frames.map(cardOf);
        expect(decoded.map((c) => c?.idNumber)).toEqual(cards.map((c) => c.idNumber));
        decoded.forEach((c, i) => expect(c?.name).toBe(cards[i]!.name));
      }),
      { numRuns: 150 },
    );
  });

  it('a corrupted byte anywhere after the preamble never yields a card that differs from the one sent', () => {
    fc.assert(
      fc.property(residentFields, fc.nat(), fc.integer({ min: 1, max: 255 }), fc.boolean(), (fields, pos, mask, insert) => {
        const frame = readFrame(fields);
        const at = 5 + (pos % (frame.length - 5));
        const bad = insert ? Uint8Array.from([...frame.subarray(0, at), mask, ...frame.subarray(at)]) : frame.slice();
        if (!insert) bad[at]! ^= mask;
        // Follow it with a short reply, as the next exchange would, so a shortened LEN can complete.
        const frames = feed([bad, encodeResponse(0x80)]);
        for (const f of frames) {
          const card = cardOf(f);
          if (card) expect(card.idNumber === fields.idNumber && card.name === fields.name).toBe(true);
        }
        if (!insert) expect(frames.filter((f) => f.sw3 === 0x90 && f.data.length > 0)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
