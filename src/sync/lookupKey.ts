// The keyed lookup hash that lets a resident list their own applications on this kiosk, offline, without
// the ID number being stored anywhere in clear. An unkeyed hash would be no protection: ID numbers have
// few enough possibilities (region × birth date × sequence) to enumerate. The key is a kiosk-local random
// secret (src/db keeps it), so the same resident has unrelated lookup keys on different kiosks, and an
// outbox copied off the kiosk without the secret cannot be matched to a person. Whoever holds the whole
// disk holds the secret too; sealing, not this hash, is what protects the application itself.

/** 32 random bytes for a new kiosk's lookup secret. */
export const createLookupSecret = (): Uint8Array => crypto.getRandomValues(new Uint8Array(32));

/** Trims, upper-cases the check character X, drops spaces: the forms a reader or a person may give. */
export const normaliseIdNumber = (idNumber: string): string => idNumber.replace(/\s+/g, '').toUpperCase();

/** HMAC-SHA256(secret, normalised ID number), lower-case hex. */
export async function computeLookupKey(idNumber: string, secret: Uint8Array): Promise<string> {
  if (secret.length < 16) throw new RangeError('lookup secret must be at least 16 bytes');
  // A copy on a plain ArrayBuffer: WebCrypto refuses views of a SharedArrayBuffer.
  const key = await crypto.subtle.importKey('raw', new Uint8Array(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, new Uint8Array(new TextEncoder().encode(normaliseIdNumber(idNumber)))));
  return Array.from(mac, (b) => b.toString(16).padStart(2, '0')).join('');
}
