import { describe, expect, it } from 'vitest';
import { encodeRequest } from './commands';
import { encodeFrame, encodeResponse, MAX_LEN, parseFrames, parseRequests, toHex } from './frame';

const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
};

describe('frame encoding', () => {
  it('computes LEN and the XOR from the spec worked examples', () => {
    expect(toHex(encodeRequest({ name: 'find' }))).toBe('AA AA AA 96 69 00 03 20 01 22');
    expect(toHex(encodeResponse(0x9f, [0, 0, 0, 0]))).toBe('AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97');
    expect(() => encodeFrame(new Uint8Array(0x10000))).toThrow(RangeError);
  });
});

describe('parseFrames', () => {
  const status = encodeResponse(0x90);
  const found = encodeResponse(0x9f, [0, 0, 0, 0]);
  const big = encodeResponse(0x90, new Uint8Array(1284).map((_, i) => (i * 7) & 0xff));

  it('resynchronises after garbage, including garbage that looks like a preamble start', () => {
    const stream = concat(Uint8Array.of(0x00, 0xaa, 0xaa, 0x13), status, Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96), found);
    const r = parseFrames(stream);
    expect(r.frames.map((f) => f.sw3)).toEqual([0x90, 0x9f]);
    expect(r.errors).toEqual([{ kind: 'garbage', bytes: 4 }, { kind: 'garbage', bytes: 4 }]);
    expect(r.rest.length).toBe(0);
  });

  it('keeps a partial preamble or header as rest', () => {
    expect(parseFrames(Uint8Array.of(0x01, 0xaa, 0xaa)).rest).toEqual(Uint8Array.of(0xaa, 0xaa));
    expect(parseFrames(status.subarray(0, 6)).rest).toEqual(status.subarray(0, 6));
  });

  it('rejects a LEN below the minimum or above the cap without waiting for it', () => {
    const tooLong = Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96, 0x69, 0xff, 0xff);
    const r = parseFrames(concat(tooLong, status));
    expect(r.errors[0]).toEqual({ kind: 'badLength', len: 0xffff });
    expect(r.frames).toHaveLength(1);
    expect(parseFrames(concat(Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96, 0x69, 0x00, 0x03), status)).errors[0]).toEqual({ kind: 'badLength', len: 3 });
    expect(parseRequests(encodeRequest({ name: 'find' })).frames).toHaveLength(1); // 3 is fine for requests
    expect(parseFrames(big, 1000).frames).toHaveLength(0);
    expect(MAX_LEN).toBeGreaterThanOrEqual(2314);
  });

  it('drops a frame with a bad checksum and still finds the next one', () => {
    const bad = big.slice();
    bad[500]! ^= 0x40;
    const r = parseFrames(concat(bad, status));
    expect(r.frames.map((f) => f.sw3)).toEqual([0x90]);
    expect(r.frames[0]!.data.length).toBe(0);
    expect(r.errors[0]).toMatchObject({ kind: 'badChecksum', len: 1288 });
  });

  it('finds the same frames whatever the split of a stream of frames and noise', () => {
    const stream = concat(Uint8Array.of(0x55), found, Uint8Array.of(0xaa, 0x00), big, status);
    for (let at = 0; at <= stream.length; at++) {
      const a = parseFrames(stream.subarray(0, at));
      const b = parseFrames(concat(a.rest, stream.subarray(at)));
      const frames = [...a.frames, ...b.frames];
      expect(frames.map((f) => f.sw3)).toEqual([0x9f, 0x90, 0x90]);
      expect(frames[1]!.data).toEqual(big.subarray(10, big.length - 1));
      expect(b.rest.length).toBe(0);
    }
  });
});
