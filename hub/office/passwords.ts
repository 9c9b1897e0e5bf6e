// Operator passwords are stored only as scrypt hashes (RFC 7914): `scrypt$N$r$p$salt$hash`, base64 salt and
// hash, the same shape as the kiosk's maintenance PINs. N = 2^15 costs ~50–100 ms of CPU per guess here, on top
// of the login's rate limit. `kioskctl hub operator add` hashes in the CLI, so the password never travels to a
// running hub, not even over loopback.
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

const params = { N: 2 ** 15, r: 8, p: 1, keyLength: 32 } as const;

/** Shortest and longest password an operator may choose (long passphrases welcome). */
export const passwordLength = { min: 10, max: 256 } as const;

export class PasswordError extends Error {
  readonly code = 'password';
}

const derive = (password: string, salt: Buffer, N: number, r: number, p: number, keyLength: number) =>
  new Promise<Buffer>((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, keyLength, { N, r, p, maxmem: 256 * N * r }, (error, key) => (error ? reject(error) : resolve(key))),
  );

/** Why a password is not acceptable, or null. */
export function passwordProblem(password: string): string | null {
  if (password.length < passwordLength.min) return `the password must be at least ${passwordLength.min} characters`;
  if (password.length > passwordLength.max) return `the password must be at most ${passwordLength.max} characters`;
  return null;
}

export async function hashPassword(password: string): Promise<string> {
  const problem = passwordProblem(password);
  if (problem) throw new PasswordError(problem);
  const salt = randomBytes(16);
  const key = await derive(password, salt, params.N, params.r, params.p, params.keyLength);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** Whether `stored` has the shape `hashPassword` writes, with sane cost parameters. */
export function isPasswordHash(stored: string): boolean {
  const match = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$[A-Za-z0-9+/=]{16,}\$[A-Za-z0-9+/=]{40,}$/.exec(stored);
  if (!match) return false;
  const [N, r, p] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return N >= 2 ** 14 && N <= 2 ** 20 && (N & (N - 1)) === 0 && r >= 8 && r <= 32 && p >= 1 && p <= 4;
}

/** A hash of a password nobody knows: checked against when the name is unknown, so both answers take as long. */
let decoy: Promise<string> | undefined;
export const decoyHash = (): Promise<string> => (decoy ??= hashPassword(randomBytes(24).toString('base64')));

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (!isPasswordHash(stored) || password.length > passwordLength.max) return false;
  const [, n, r, p, salt, hash] = stored.split('$');
  const expected = Buffer.from(hash!, 'base64');
  const actual = await derive(password, Buffer.from(salt!, 'base64'), Number(n), Number(r), Number(p), expected.length);
  return timingSafeEqual(actual, expected);
}
