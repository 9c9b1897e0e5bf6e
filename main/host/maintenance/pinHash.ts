// PINs are stored only as scrypt hashes (RFC 7914) in the host's config: `scrypt$N$r$p$salt$hash`, base64
// salt and hash. N = 2^15 makes one guess cost ~50 ms of CPU here, on top of the lockout.
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

const params = { N: 2 ** 15, r: 8, p: 1, keyLength: 32 } as const;

const derive = (pin: string, salt: Buffer, N: number, r: number, p: number, keyLength: number) =>
  new Promise<Buffer>((resolve, reject) =>
    scrypt(pin, salt, keyLength, { N, r, p, maxmem: 256 * N * r }, (error, key) => (error ? reject(error) : resolve(key))),
  );

export async function hashPin(pin: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(pin, salt, params.N, params.r, params.p, params.keyLength);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** Whether `stored` has the hash shape `hashPin` writes (config validation). */
export const isPinHash = (stored: string): boolean => /^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/.test(stored);

export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  if (!isPinHash(stored)) return false;
  const [, n, r, p, salt, hash] = stored.split('$');
  const expected = Buffer.from(hash!, 'base64');
  const actual = await derive(pin, Buffer.from(salt!, 'base64'), Number(n), Number(r), Number(p), expected.length);
  return timingSafeEqual(actual, expected);
}
