// The data parts of the longer replies: read base info (30 01 / 30 10, spec §2.6–2.7), SAM ID (12 FF, §2.3)
// and additional address (30 03, §2.8). Lengths are read from the reply, never assumed, and checked against
// what arrived, so a truncated or misaligned reply cannot pass as a card.
import { CardDataError } from './cardDataError';
import { decodeField, hasControlChars, TEXT_BLOCK_BYTES } from './textBlock';

export interface ReadBlocks {
  text: Uint8Array;
  /** WLT photo, opaque (no open decoder exists). */
  photo: Uint8Array;
  /** Fingerprint templates (30 10 only): 0, 512 or 1024 bytes. */
  fingerprint: Uint8Array | null;
}

const u16be = (d: Uint8Array, i: number) => (d[i]! << 8) | d[i + 1]!;
/** A photo block larger than this is not a WLT photo (they are 1024 bytes). */
const MAX_PHOTO_BYTES = 2048;

export function decodeReadReply(data: Uint8Array, withFingerprint: boolean): ReadBlocks {
  const header = withFingerprint ? 6 : 4;
  if (data.length < header) throw new CardDataError('lengths', 'read reply too short for its length fields');
  const textLen = u16be(data, 0);
  const photoLen = u16be(data, 2);
  const fpLen = withFingerprint ? u16be(data, 4) : 0;
  if (textLen !== TEXT_BLOCK_BYTES) throw new CardDataError('textLength', `text length ${textLen}, expected ${TEXT_BLOCK_BYTES}`);
  if (photoLen > MAX_PHOTO_BYTES) throw new CardDataError('photoLength', `photo length ${photoLen} is implausible`);
  if (fpLen > 1024) throw new CardDataError('fingerprintLength', `fingerprint length ${fpLen} is implausible`);
  const need = header + textLen + photoLen + fpLen;
  // Exact, not "at least": a reply whose frame length disagrees with its own length fields is misaligned
  // (e.g. a 30 10 reply taken for a 30 01 one) and would shift every field.
  if (data.length !== need) throw new CardDataError('lengths', `read reply has ${data.length} data bytes, its lengths say ${need}`);
  const textEnd = header + textLen;
  const photoEnd = textEnd + photoLen;
  return {
    text: data.slice(header, textEnd),
    photo: data.slice(textEnd, photoEnd),
    fingerprint: withFingerprint ? data.slice(photoEnd, photoEnd + fpLen) : null,
  };
}

/** Builds the data of a read reply (the simulator's side). */
export function encodeReadReplyData(blocks: ReadBlocks): Uint8Array {
  const withFp = blocks.fingerprint !== null;
  const fp = blocks.fingerprint ?? new Uint8Array(0);
  const header = withFp ? [blocks.text.length >> 8, blocks.text.length & 0xff, blocks.photo.length >> 8, blocks.photo.length & 0xff, fp.length >> 8, fp.length & 0xff] : [blocks.text.length >> 8, blocks.text.length & 0xff, blocks.photo.length >> 8, blocks.photo.length & 0xff];
  const out = new Uint8Array(header.length + blocks.text.length + blocks.photo.length + fp.length);
  out.set(header, 0);
  out.set(blocks.text, header.length);
  out.set(blocks.photo, header.length + blocks.text.length);
  out.set(fp, header.length + blocks.text.length + blocks.photo.length);
  return out;
}

export interface SamId {
  /** The 16 data bytes as received. */
  raw: Uint8Array;
  /** Synjones-style text, e.g. 05.01-20100720-0001036050-0288634305. */
  text: string;
}

export function decodeSamId(data: Uint8Array): SamId {
  if (data.length !== 16) throw new CardDataError('samId', `SAM ID has ${data.length} bytes, expected 16`);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  const text = `${pad(view.getUint16(0, true), 2)}.${pad(view.getUint16(2, true), 2)}-${pad(view.getUint32(4, true), 8)}-${pad(view.getUint32(8, true), 10)}-${pad(view.getUint32(12, true), 10)}`;
  return { raw: data.slice(), text };
}

/** 30 03 with SW3 90: 70 bytes of UCS-2LE address (single source: Synjones SDK). */
export function decodeAdditionalAddress(data: Uint8Array): string {
  if (data.length !== 70) throw new CardDataError('additionalAddress', `additional address has ${data.length} bytes, expected 70`);
  const text = decodeField(data, 'additionalAddress');
  if (hasControlChars(text)) throw new CardDataError('additionalAddress', 'additional address has control characters');
  return text;
}
