// The "my applications" lookup key, computed by the host (ADR 0006). The renderer stores only keyed hashes of
// ID numbers; the HMAC secret behind them is a host file (mode 0600) and never crosses the bridge towards the
// renderer, so a copy of the kiosk's IndexedDB cannot be brute-forced over the ~10^11 possible ID numbers.
import { z } from 'zod';
import { base64Schema } from '../../domain/hubApi';
import { defineMethods } from './define';

/** HMAC-SHA256 of the normalised ID number, lower-case hex (the outbox row's `lookupKey`). */
export const lookupKeySchema = z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 hex digits');

/** The host keeps its current secret plus at most this many adopted ones (from older renderer-held secrets). */
export const maxLookupSecrets = 8;

export const lookupMethods = defineMethods({
  /**
   * The lookup keys of one ID number under every secret the host holds; the first is the one a new row gets,
   * the others find rows written before the secret moved to the host. The number is hashed, never stored or
   * logged.
   */
  'lookup.keys': {
    input: z.object({ idNumber: z.string().min(1).max(40) }).strict(),
    output: z.object({ keys: z.array(lookupKeySchema).min(1).max(maxLookupSecrets + 1) }),
  },
  /**
   * Hands a secret that an older renderer kept in IndexedDB to the host, once, so rows keyed with it are still
   * found; the renderer deletes its copy after `adopted` or `alreadyHeld`. The answer never returns a secret.
   */
  'lookup.adoptLegacySecret': {
    input: z.object({ secret: base64Schema.length(44, 'expected 32 bytes in base64') }).strict(),
    output: z.object({ outcome: z.enum(['adopted', 'alreadyHeld', 'full']) }),
  },
});
