// GA 467 "SAM" framing (spec §1): AA AA AA 96 69 | LEN (u16 BE, bytes after LEN incl. CHK) | body | CHK,
// where CHK is the XOR of LEN and body. Requests carry CMD PARA [DATA]; responses SW1 SW2 SW3 [DATA].
// Pure functions only: the transport feeds whatever chunks the serial port delivers.

export const PREAMBLE = Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96, 0x69);
/** Preamble + LEN. */
export const HEADER_BYTES = 7;
/**
 * Largest LEN accepted (default for parsing). The biggest real reply is 2314 (read + two fingerprints);
 * the cap keeps noise from making the parser wait for 64 KB.
 */
export const MAX_LEN = 4096;

export interface ResponseFrame {
  sw1: number;
  sw2: number;
  sw3: number;
  data: Uint8Array;
}

export interface RequestFrame {
  cmd: number;
  para: number;
  data: Uint8Array;
}

export type FrameError =
  /** Bytes skipped while hunting for a preamble (line noise, or the tail of a frame that failed). */
  | { kind: 'garbage'; bytes: number }
  /** A preamble followed by a LEN outside [minimum, MAX_LEN]. */
  | { kind: 'badLength'; len: number }
  /** A complete frame whose XOR does not match; it is dropped and the hunt resumes one byte later. */
  | { kind: 'badChecksum'; len: number; expected: number; actual: number };

export interface ParseResult<F> {
  frames: F[];
  /** Unconsumed bytes (an incomplete frame or a partial preamble); prepend them to the next chunk. */
  rest: Uint8Array;
  errors: FrameError[];
}

export function xorOf(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let x = 0;
  for (let i = start; i < end; i++) x ^= bytes[i]!;
  return x;
}

/** Wraps a body (CMD PARA DATA, or SW1 SW2 SW3 DATA) into a frame. */
export function encodeFrame(body: ArrayLike<number>): Uint8Array {
  const len = body.length + 1;
  if (len > 0xffff) throw new RangeError(`frame body too long (${body.length} bytes)`);
  const out = new Uint8Array(HEADER_BYTES + len);
  out.set(PREAMBLE, 0);
  out[5] = len >> 8;
  out[6] = len & 0xff;
  out.set(body as ArrayLike<number>, HEADER_BYTES);
  out[out.length - 1] = xorOf(out, 5, out.length - 1);
  return out;
}

export const encodeRequestFrame = (cmd: number, para: number, data: ArrayLike<number> = []): Uint8Array =>
  encodeFrame([cmd, para, ...Array.from(data)]);

export const encodeResponse = (sw3: number, data: ArrayLike<number> = [], sw1 = 0, sw2 = 0): Uint8Array => {
  const body = new Uint8Array(3 + data.length);
  body[0] = sw1;
  body[1] = sw2;
  body[2] = sw3;
  body.set(data as ArrayLike<number>, 3);
  return encodeFrame(body);
};

function matchesPreambleAt(buf: Uint8Array, i: number): 'yes' | 'no' | 'partial' {
  for (let k = 0; k < PREAMBLE.length; k++) {
    if (i + k >= buf.length) return 'partial';
    if (buf[i + k] !== PREAMBLE[k]) return 'no';
  }
  return 'yes';
}

/**
 * Finds every complete, checksum-valid frame in `buf`. `minLen` is the smallest legal LEN (3 for requests,
 * 4 for responses). After a bad length or checksum the hunt resumes one byte after that preamble, so a real
 * frame hidden behind noise that happened to look like a preamble is still found.
 */
export function scanFrames(buf: Uint8Array, minLen: number, maxLen = MAX_LEN): ParseResult<Uint8Array> {
  const frames: Uint8Array[] = [];
  const errors: FrameError[] = [];
  let garbage = 0;
  const flushGarbage = () => {
    if (garbage > 0) errors.push({ kind: 'garbage', bytes: garbage });
    garbage = 0;
  };
  let i = 0;
  while (i < buf.length) {
    const pre = matchesPreambleAt(buf, i);
    if (pre === 'no') {
      garbage++;
      i++;
      continue;
    }
    if (pre === 'partial' || buf.length - i < HEADER_BYTES) break;
    const len = (buf[i + 5]! << 8) | buf[i + 6]!;
    if (len < minLen || len > maxLen) {
      flushGarbage();
      errors.push({ kind: 'badLength', len });
      i++;
      continue;
    }
    const end = i + HEADER_BYTES + len;
    if (end > buf.length) break;
    const expected = xorOf(buf, i + 5, end - 1);
    const actual = buf[end - 1]!;
    flushGarbage();
    if (expected !== actual) {
      errors.push({ kind: 'badChecksum', len, expected, actual });
      i++;
      continue;
    }
    frames.push(buf.subarray(i + HEADER_BYTES, end - 1));
    i = end;
  }
  flushGarbage();
  return { frames, rest: buf.slice(i), errors };
}

/** Reader → host frames. */
export function parseFrames(buf: Uint8Array, maxLen = MAX_LEN): ParseResult<ResponseFrame> {
  const { frames, rest, errors } = scanFrames(buf, 4, maxLen);
  return {
    frames: frames.map((b) => ({ sw1: b[0]!, sw2: b[1]!, sw3: b[2]!, data: b.slice(3) })),
    rest,
    errors,
  };
}

/** Host → reader frames (the simulator's side). */
export function parseRequests(buf: Uint8Array, maxLen = MAX_LEN): ParseResult<RequestFrame> {
  const { frames, rest, errors } = scanFrames(buf, 3, maxLen);
  return { frames: frames.map((b) => ({ cmd: b[0]!, para: b[1]!, data: b.slice(2) })), rest, errors };
}

export const toHex = (bytes: ArrayLike<number>): string =>
  Array.from(bytes, (b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');

export const fromHex = (hex: string): Uint8Array => {
  const clean = hex.replace(/\s+/g, '');
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(clean)) throw new Error('not a hex string');
  return Uint8Array.from(clean.match(/../g) ?? [], (h) => parseInt(h, 16));
};
