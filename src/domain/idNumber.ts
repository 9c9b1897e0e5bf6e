// The 18-character citizen identity number (GB 11643-1999), also used by Hong Kong/Macau/Taiwan residence
// permits (region 810000/820000/830000). Foreign permanent residence numbers follow other rules and are only
// checked for their shape (checkForeignResidenceNumber).
import { chinaToday, systemClock } from './clock';
import { isKnownRegion } from './regions';

/** 2^(17-i) mod 11 for positions 1..17 (ISO 7064 MOD 11-2). */
const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const checkChars = '10X98765432';

export type IdNumberProblem = 'format' | 'checkDigit' | 'birthDate' | 'birthDateMismatch' | 'region' | 'sexMismatch';

export interface IdNumberCheck {
  valid: boolean;
  /** Empty when valid; otherwise every rule the number fails. */
  problems: IdNumberProblem[];
}

/** The check character for the first 17 digits, or null when they are not 17 digits. */
export function computeCheckChar(first17: string): string | null {
  if (!/^\d{17}$/.test(first17)) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * weights[i]!;
  return checkChars[sum % 11]!;
}

/** `YYYYMMDD` → `YYYY-MM-DD` when it is a real calendar date, else null. */
export function compactDateToIso(compact: string): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(compact);
  if (!m) return null;
  const [, y, mo, d] = m as unknown as [string, string, string, string];
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (date.getUTCFullYear() !== Number(y) || date.getUTCMonth() !== Number(mo) - 1 || date.getUTCDate() !== Number(d)) return null;
  return `${y}-${mo}-${d}`;
}

export interface IdNumberContext {
  /** The birth date printed on the card (`YYYY-MM-DD`); checked against digits 7–14 when given. */
  birthDate?: string;
  /** The sex on the card; checked against the parity of digit 17 when male or female. */
  sex?: 'male' | 'female' | 'unknown';
  /** "Today" in China as `YYYY-MM-DD` (default: today by the system clock); a birth date after it is impossible. */
  today?: string;
}

/**
 * Checks a GB 11643 number: shape, check character, birth date (a real date, not before 1850 and not in the
 * future), consistency with the card's birth date and sex, and a known region code.
 */
export function checkIdNumber(idNumber: string, context: IdNumberContext = {}): IdNumberCheck {
  if (!/^\d{17}[\dX]$/.test(idNumber)) return { valid: false, problems: ['format'] };
  const problems: IdNumberProblem[] = [];
  if (computeCheckChar(idNumber.slice(0, 17)) !== idNumber[17]) problems.push('checkDigit');
  const birth = compactDateToIso(idNumber.slice(6, 14));
  const today = context.today ?? chinaToday(systemClock);
  if (!birth || birth < '1850-01-01' || birth > today) problems.push('birthDate');
  else if (context.birthDate !== undefined && context.birthDate !== birth) problems.push('birthDateMismatch');
  if (!isKnownRegion(idNumber.slice(0, 6))) problems.push('region');
  const odd = Number(idNumber[16]) % 2 === 1;
  if ((context.sex === 'male' && !odd) || (context.sex === 'female' && odd)) problems.push('sexMismatch');
  return { valid: problems.length === 0, problems };
}

export const isValidIdNumber = (idNumber: string, context?: IdNumberContext): boolean => checkIdNumber(idNumber, context).valid;

/**
 * Foreign permanent residence card numbers: the 2017 card has 3 letters + 12 digits, the 2023 card 18
 * characters. No public check-digit rule is confirmed for either, so only the shape is checked.
 */
export function checkForeignResidenceNumber(number: string, layout: '2017' | '2023'): IdNumberCheck {
  const shape = layout === '2017' ? /^[A-Z]{3}\d{12}$/ : /^[0-9A-Z]{17}[0-9X]$/;
  return shape.test(number) ? { valid: true, problems: [] } : { valid: false, problems: ['format'] };
}
