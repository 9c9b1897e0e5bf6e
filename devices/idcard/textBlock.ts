// The 256-byte text block (spec §3): fixed-width UCS-2LE fields, right-padded with spaces. The layout depends
// on the card-type marker at offset 248, which must be looked at before any field (a 2023 foreigner card
// "half works" with the resident layout).
import { CardDataError } from './cardDataError';

export const TEXT_BLOCK_BYTES = 256;
export const MARKER_OFFSET = 248;

export type CardLayout = 'resident' | 'hkmotw' | 'foreigner2017' | 'foreigner2023';

/** [field, byte offset, byte length] per layout; fields named `reserved*` are not decoded. */
export const layouts = {
  resident: [
    ['name', 0, 30], ['sex', 30, 2], ['nation', 32, 4], ['birth', 36, 16], ['address', 52, 70], ['idNumber', 122, 36],
    ['issuer', 158, 30], ['validFrom', 188, 16], ['validTo', 204, 16], ['reserved', 220, 36],
  ],
  hkmotw: [
    ['name', 0, 30], ['sex', 30, 2], ['reserved1', 32, 4], ['birth', 36, 16], ['address', 52, 70], ['idNumber', 122, 36],
    ['issuer', 158, 30], ['validFrom', 188, 16], ['validTo', 204, 16], ['passNumber', 220, 18], ['issueCount', 238, 4],
    ['reserved2', 242, 6], ['marker', 248, 2], ['reserved3', 250, 6],
  ],
  foreigner2017: [
    ['englishName', 0, 120], ['sex', 120, 2], ['idNumber', 122, 30], ['country', 152, 6], ['chineseName', 158, 30],
    ['validFrom', 188, 16], ['validTo', 204, 16], ['birth', 220, 16], ['cardVersion', 236, 4], ['authorityCode', 240, 8],
    ['marker', 248, 2], ['reserved', 250, 6],
  ],
  foreigner2023: [
    ['chineseName', 0, 30], ['sex', 30, 2], ['renewalCount', 32, 4], ['birth', 36, 16], ['englishName1', 52, 70],
    ['idNumber', 122, 36], ['reserved', 158, 30], ['validFrom', 188, 16], ['validTo', 204, 16], ['englishName2', 220, 22],
    ['country', 242, 6], ['marker', 248, 2], ['oldNumberLink', 250, 6],
  ],
} as const satisfies Record<CardLayout, readonly (readonly [string, number, number])[]>;

type FieldOf<L extends CardLayout> = Exclude<(typeof layouts)[L][number][0], `reserved${string}`>;
export type TextFields<L extends CardLayout = CardLayout> = { [K in FieldOf<L>]: string };
export type DecodedText =
  | { layout: 'resident'; fields: TextFields<'resident'> }
  | { layout: 'hkmotw'; fields: TextFields<'hkmotw'> }
  | { layout: 'foreigner2017'; fields: TextFields<'foreigner2017'> }
  | { layout: 'foreigner2023'; fields: TextFields<'foreigner2023'> & { englishName: string } };

const markers: Record<number, CardLayout> = { 0x20: 'resident', 0x00: 'resident', 0x4a: 'hkmotw', 0x49: 'foreigner2017', 0x59: 'foreigner2023' };
const markerChar: Record<CardLayout, string> = { resident: ' ', hkmotw: 'J', foreigner2017: 'I', foreigner2023: 'Y' };

/** The layout named by the UCS-2 character at offset 248: space (or NUL) resident, J, I or Y. */
export function detectLayout(text: Uint8Array): CardLayout | null {
  if (text.length < TEXT_BLOCK_BYTES || text[MARKER_OFFSET + 1] !== 0) return null;
  return markers[text[MARKER_OFFSET]!] ?? null;
}

// fatal: a lone surrogate or odd byte count is corruption, not something to show with U+FFFD.
const utf16 = new TextDecoder('utf-16le', { fatal: true });

/** One field: UCS-2LE, trailing (and leading) spaces and NULs trimmed. */
export function decodeField(bytes: Uint8Array, field = 'field'): string {
  let text: string;
  try {
    text = utf16.decode(bytes);
  } catch {
    throw new CardDataError(field, `${field} is not valid UCS-2`);
  }
  return trimPadding(text);
}

const isPad = (code: number) => code === 0x20 || code === 0x00;

/** Trims the spaces and NULs that pad fixed-width fields. */
export function trimPadding(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isPad(text.charCodeAt(start))) start++;
  while (end > start && isPad(text.charCodeAt(end - 1))) end--;
  return text.slice(start, end);
}

/** C0 controls and DEL never appear on a card; finding one means the bytes are not what the card holds. */
export function hasControlChars(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

export function decodeTextBlock(text: Uint8Array): DecodedText {
  if (text.length !== TEXT_BLOCK_BYTES) throw new CardDataError('text', `text block is ${text.length} bytes, expected ${TEXT_BLOCK_BYTES}`);
  const layout = detectLayout(text);
  if (!layout) throw new CardDataError('marker', 'unknown card-type marker at text offset 248');
  const fields: Record<string, string> = {};
  for (const [name, offset, length] of layouts[layout]) {
    if (name.startsWith('reserved')) continue;
    fields[name] = decodeField(text.subarray(offset, offset + length), name);
  }
  if (layout === 'foreigner2023') {
    // The English name runs on from offset 52 (35 chars) into offset 220 (11 chars); join before trimming so a
    // space at the seam survives.
    fields.englishName = decodeField(new Uint8Array([...text.subarray(52, 122), ...text.subarray(220, 242)]), 'englishName');
  }
  return { layout, fields } as DecodedText;
}

/** The simulator's side: builds a block from field values, padding with spaces; rejects values that do not fit. */
export function encodeTextBlock<L extends CardLayout>(layout: L, fields: Partial<TextFields<L>>): Uint8Array {
  const out = new Uint8Array(TEXT_BLOCK_BYTES);
  for (let i = 0; i < TEXT_BLOCK_BYTES; i += 2) out[i] = 0x20;
  const values: Record<string, string | undefined> = { ...(fields as Record<string, string | undefined>), marker: markerChar[layout] };
  for (const [name, offset, length] of layouts[layout]) {
    const value = values[name];
    if (value === undefined || name.startsWith('reserved')) continue;
    if (value.length * 2 > length) throw new RangeError(`${name} is longer than ${length / 2} characters`);
    for (let k = 0; k < value.length; k++) {
      const code = value.charCodeAt(k);
      out[offset + 2 * k] = code & 0xff;
      out[offset + 2 * k + 1] = code >> 8;
    }
  }
  if (layout === 'resident') {
    out[MARKER_OFFSET] = 0x20;
    out[MARKER_OFFSET + 1] = 0;
  }
  return out;
}
