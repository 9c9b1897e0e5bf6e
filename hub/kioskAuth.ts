// Who is calling: the kiosk behind a bearer credential. Looking it up cost every batch a database round trip
// (about a tenth of a batch's time on PostgreSQL, bench/sync-hub.ts), so a credential found valid is remembered
// for a few seconds. A revocation through this hub (`kioskctl hub revoke` while it runs, the admin route, the
// handle's revokeKiosk) takes effect at once; one written to a shared PostgreSQL by another process takes
// effect within `ttlMs`. Unknown and revoked credentials are never remembered: they always ask the database.
import type { Queryable } from './db/db';
import { authenticateKiosk, revokeKiosk, type AuthenticatedKiosk } from './store/kiosks';
import { hashToken } from './store/tokens';

export interface KioskAuth {
  /** The kiosk behind `credential`, or null when it is unknown or revoked. */
  authenticate(credential: string): Promise<AuthenticatedKiosk | null>;
  /** Revokes the kiosk's credential for good and forgets it here; false when no such active kiosk. */
  revoke(kioskId: string): Promise<boolean>;
}

export interface KioskAuthOptions {
  /** How long a valid credential is remembered (default 5,000 ms; 0 = always ask the database). */
  ttlMs?: number;
  /** At most this many remembered credentials; the oldest goes first (default 10,000). */
  maxEntries?: number;
  /** Epoch ms (default Date.now). */
  now?: () => number;
}

export function createKioskAuth(db: Queryable, options: KioskAuthOptions = {}): KioskAuth {
  const ttlMs = options.ttlMs ?? 5_000;
  const maxEntries = options.maxEntries ?? 10_000;
  const now = options.now ?? Date.now;
  const known = new Map<string, { kiosk: AuthenticatedKiosk; until: number }>();
  // Bumped by every revocation, so a lookup that was in flight while one committed is not remembered.
  let revocations = 0;

  return {
    async authenticate(credential) {
      const key = hashToken(credential);
      const hit = known.get(key);
      if (hit && hit.until > now()) return hit.kiosk;
      known.delete(key);
      const seen = revocations;
      const kiosk = await authenticateKiosk(db, credential);
      if (kiosk && ttlMs > 0 && seen === revocations) {
        const oldest = known.keys().next();
        if (known.size >= maxEntries && !oldest.done) known.delete(oldest.value);
        known.set(key, { kiosk, until: now() + ttlMs });
      }
      return kiosk;
    },
    async revoke(kioskId) {
      revocations++;
      try {
        return await revokeKiosk(db, kioskId);
      } finally {
        for (const [key, entry] of known) if (entry.kiosk.kioskId === kioskId) known.delete(key);
      }
    },
  };
}
