// Secrets the hub hands out (kiosk credentials, city operator tokens, enrolment codes) are random and are
// stored only as their SHA-256. A 32-byte random token needs no slow hash: nothing to brute-force.
import { createHash, randomBytes, randomInt } from 'node:crypto';

export const newToken = (): string => randomBytes(32).toString('base64url');

export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

// Crockford base32 without I, L, O, U: what a technician can read off a slip and type on a touch screen.
const readable = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** `groups` groups of four readable characters joined by '-', e.g. "7K2M-Q9XD-3WTB" (5 bits per character). */
export function newReadableCode(groups: number): string {
  const parts: string[] = [];
  for (let g = 0; g < groups; g++) {
    let part = '';
    for (let i = 0; i < 4; i++) part += readable[randomInt(readable.length)];
    parts.push(part);
  }
  return parts.join('-');
}

/** Upper-cases and drops separators, and maps the look-alikes people type (O→0, I/L→1). */
export const normaliseCode = (code: string): string =>
  code.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
