// Masking of personal data for anything a stranger may see: receipts, screens, printouts left in the tray.
// A kiosk is shared (DESIGN.md §7), so the receipt proves "this is yours" without showing who you are.
// Practice follows GB/T 35273 as seen in public code: name 张* / 李*敏, phone 3+4, ID number head + tail.

const codePoints = (text: string): string[] => Array.from(text.trim());

/**
 * 张三 → 张*, 张小三 → 张*三, 欧阳娜娜 → 欧**娜. One character stays as it is masked away entirely ("*").
 * Latin names from permits are treated the same way on their characters (spaces kept).
 */
export function maskName(name: string): string {
  const chars = codePoints(name);
  if (chars.length === 0) return '';
  if (chars.length === 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  const middle = chars.slice(1, -1).map((c) => (c === ' ' ? ' ' : '*'));
  return `${chars[0]}${middle.join('')}${chars[chars.length - 1]}`;
}

/**
 * 420102199003071232 → 4201**********1232: the first four digits (province + city, which the receipt shows
 * anyway) and the last four. Shorter numbers (15-digit, passports) keep a quarter at each end, at most four.
 */
export function maskIdNumber(idNumber: string): string {
  const chars = codePoints(idNumber.replace(/\s+/g, ''));
  if (chars.length === 0) return '';
  const keep = Math.min(4, Math.floor(chars.length / 4));
  if (keep === 0) return '*'.repeat(chars.length);
  return `${chars.slice(0, keep).join('')}${'*'.repeat(chars.length - 2 * keep)}${chars.slice(-keep).join('')}`;
}

/** 13812345678 → 138****5678; anything that is not 11 digits keeps only its last four. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/^(\+|00)86/, '').replace(/[\s-]/g, '');
  if (/^\d{11}$/.test(digits)) return `${digits.slice(0, 3)}****${digits.slice(7)}`;
  const chars = codePoints(digits);
  return chars.length <= 4 ? '*'.repeat(chars.length) : `${'*'.repeat(chars.length - 4)}${chars.slice(-4).join('')}`;
}

/**
 * The street line of an address on screen: the street name stays, so the resident recognises it, and the
 * door, building and flat numbers go (东门路12号3栋401 → 东门路********). At most four characters stay, and
 * never more than half, so a short line is still mostly hidden. The division path above it is not masked.
 */
export function maskAddressDetail(detail: string): string {
  const chars = codePoints(detail);
  const firstDigit = chars.findIndex((c) => /\p{Nd}/u.test(c));
  const keep = Math.min(4, Math.floor(chars.length / 2), firstDigit === -1 ? chars.length : firstDigit);
  return `${chars.slice(0, keep).join('')}${'*'.repeat(chars.length - keep)}`;
}
