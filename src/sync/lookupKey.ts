// The keyed lookup hash that lets a resident list their own applications on this kiosk, offline, without
// the ID number being stored anywhere in clear. An unkeyed hash would be no protection: ID numbers have
// few enough possibilities (region × birth date × sequence, ~10^11) to enumerate. The key is a kiosk-local
// random secret held by the host (main/host/lookup, ADR 0006), never by the renderer's storage: a copy of the
// IndexedDB holds hashes without the secret, and the same resident has unrelated keys on different kiosks.
import type { BridgeClient } from '../bridge/client';

/**
 * The lookup keys of one ID number under every secret the host holds: the first keys a new row, the others
 * find rows written under secrets the host adopted from older renderers.
 */
export type LookupKeys = (idNumber: string) => Promise<string[]>;

export class LookupKeyError extends Error {
  readonly code = 'lookup_unavailable';
}

/** `lookup.keys` over the bridge; throws LookupKeyError when the host cannot answer (no key, no row). */
export const createBridgeLookupKeys =
  (client: Pick<BridgeClient, 'call'>): LookupKeys =>
  async (idNumber) => {
    const result = await client.call('lookup.keys', { idNumber });
    if (!result.ok) throw new LookupKeyError(`the host cannot compute a lookup key (${result.error.code})`);
    return result.value.keys;
  };

/** 32 random bytes: a lookup secret (tests; the host makes its own with node:crypto). */
export const createLookupSecret = (): Uint8Array => crypto.getRandomValues(new Uint8Array(32));

/** Trims, upper-cases the check character X, drops spaces: the forms a reader or a person may give. */
export const normaliseIdNumber = (idNumber: string): string => idNumber.replace(/\s+/g, '').toUpperCase();

/**
 * HMAC-SHA256(secret, normalised ID number), lower-case hex: what the host computes, and what renderers before
 * ADR 0006 computed with the secret they kept in IndexedDB (tests use it to make such rows).
 */
export async function computeLookupKey(idNumber: string, secret: Uint8Array): Promise<string> {
  if (secret.length < 16) throw new RangeError('lookup secret must be at least 16 bytes');
  // A copy on a plain ArrayBuffer: WebCrypto refuses views of a SharedArrayBuffer.
  const key = await crypto.subtle.importKey('raw', new Uint8Array(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, new Uint8Array(new TextEncoder().encode(normaliseIdNumber(idNumber)))));
  return Array.from(mac, (b) => b.toString(16).padStart(2, '0')).join('');
}
