// Receipt numbers: what a resident reads off the paper, says on the phone, or types back in to check status.
//
//   420102-001-0K3M9QX
//   └──site──┘ └time┘└ check
//
// - Site prefix: the kiosk's site code from enrolment (`DIVISIONCODE-NNN`), so numbers from different kiosks
//   never collide and staff can tell where an application was received without looking anything up.
// - Body: a sequence number in Crockford base32 (no I, L, O, U: nothing to confuse aloud or on thermal paper),
//   six characters wide (grows to seven after 2058). The sequence is "seconds since 2024-01-01 UTC", raised
//   to one more than the last issued value whenever the clock has not moved on, or went backwards. The last
//   issued value is kept in the same strict transaction as the outbox row (src/db), so a kiosk issues unique
//   numbers with no coordination with anybody, across restarts and clock steps.
// - Check character: Luhn mod 32 over every character before it (hyphens skipped). It catches every single
//   wrong character and most swaps of neighbours, so a mistyped number is refused instead of finding nothing.
//
// Input is forgiving the Crockford way: lower case, spaces, and I/L (read as 1) or O (read as 0) are accepted.

const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const base = alphabet.length; // 32

/** 2024-01-01T00:00:00Z: the sequence counts seconds from here. */
export const receiptEpochMs = Date.UTC(2024, 0, 1);
const bodyWidth = 6;
const prefixPattern = /^[0-9A-HJKMNP-TV-Z]{1,12}(?:-[0-9A-HJKMNP-TV-Z]{1,8})?$/;

export class ReceiptNoError extends Error {
  constructor(
    readonly code: 'bad_prefix' | 'bad_sequence',
    message: string,
  ) {
    super(message);
    this.name = 'ReceiptNoError';
  }
}

const valueOf = (char: string): number => alphabet.indexOf(char);

/** Luhn mod N (N = 32) check character over `chars` (already normalised, hyphens removed). */
export function receiptCheckChar(chars: string): string {
  let factor = 2;
  let sum = 0;
  for (let i = chars.length - 1; i >= 0; i--) {
    const value = valueOf(chars[i] ?? '');
    if (value < 0) throw new ReceiptNoError('bad_prefix', 'receipt characters must be Crockford base32');
    const addend = factor * value;
    sum += Math.floor(addend / base) + (addend % base);
    factor = factor === 2 ? 1 : 2;
  }
  return alphabet[(base - (sum % base)) % base] as string;
}

const isCheckValid = (chars: string): boolean => {
  let factor = 1;
  let sum = 0;
  for (let i = chars.length - 1; i >= 0; i--) {
    const value = valueOf(chars[i] ?? '');
    if (value < 0) return false;
    const addend = factor * value;
    sum += Math.floor(addend / base) + (addend % base);
    factor = factor === 2 ? 1 : 2;
  }
  return sum % base === 0;
};

/** The sequence value the clock alone would give at `nowMs`. */
export const receiptClockSeq = (nowMs: number): number => Math.max(0, Math.floor((nowMs - receiptEpochMs) / 1000));

/** The next sequence value: the clock's, or one more than the last issued one if the clock has not moved on. */
export const nextReceiptSeq = (lastIssued: number | null, nowMs: number): number =>
  Math.max(lastIssued === null ? 0 : lastIssued + 1, receiptClockSeq(nowMs));

export const isReceiptPrefix = (prefix: string): boolean => prefixPattern.test(prefix);

export function formatReceiptNo(prefix: string, seq: number): string {
  if (!isReceiptPrefix(prefix)) throw new ReceiptNoError('bad_prefix', 'receipt prefix must be Crockford base32 groups, e.g. 420102-001');
  if (!Number.isSafeInteger(seq) || seq < 0) throw new ReceiptNoError('bad_sequence', 'receipt sequence must be a non-negative integer');
  let body = '';
  for (let rest = seq; rest > 0; rest = Math.floor(rest / base)) body = alphabet[rest % base] + body;
  body = body.padStart(bodyWidth, '0');
  return `${prefix}-${body}${receiptCheckChar(prefix.replaceAll('-', '') + body)}`;
}

/** Normalises what a person typed (case, spaces, I/L/O) without judging it. */
export const normaliseReceiptInput = (text: string): string =>
  text
    .toUpperCase()
    .replace(/[\s_]+/g, '')
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0');

export interface ParsedReceiptNo {
  /** The canonical form, as printed. */
  receiptNo: string;
  prefix: string;
  seq: number;
}

/** Parses a typed or scanned receipt number; null when it is malformed or its check character is wrong. */
export function parseReceiptNo(text: string): ParsedReceiptNo | null {
  const normal = normaliseReceiptInput(text);
  const cut = normal.lastIndexOf('-');
  if (cut <= 0) return null;
  const prefix = normal.slice(0, cut);
  const tail = normal.slice(cut + 1);
  if (!isReceiptPrefix(prefix) || tail.length < bodyWidth + 1 || tail.length > 12) return null;
  if (!isCheckValid(prefix.replaceAll('-', '') + tail)) return null;
  let seq = 0;
  for (const char of tail.slice(0, -1)) seq = seq * base + valueOf(char);
  return { receiptNo: `${prefix}-${tail}`, prefix, seq };
}
