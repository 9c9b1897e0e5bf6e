// The catalog cache over Dexie: implements src/sync/catalogUpdate's CatalogCache on the `catalog` table
// (CatalogRecord in kioskDb.ts, keyed by slot). Records are kept exactly as the hub signed them and parsed
// with zod on read; the caller verifies the signature again before serving one.
import { z } from 'zod';
import type { CachedCatalog, CatalogCache } from '../sync/catalogUpdate';
import type { CatalogRecord, KioskDb } from './kioskDb';
import { reopening } from './reopening';

const recordSchema = z.object({
  etag: z.string(),
  payload: z.string(),
  signature: z.string(),
  fetchedAt: z.string(),
});

export function createCatalogStore(db: KioskDb): CatalogCache {
  return reopening<CatalogCache>(db, {
    async read(slot) {
      const parsed = recordSchema.safeParse(await db.catalog.get(slot));
      return parsed.success ? parsed.data : null;
    },
    async store(record: CachedCatalog) {
      const next = recordSchema.parse(record);
      await db.transaction('rw', db.catalog, async () => {
        const current = recordSchema.safeParse(await db.catalog.get('current'));
        // The one it replaces stays as `previous` (served if the new one is ever found damaged on disk). A
        // re-store of the same catalog keeps the older previous rather than pushing it out with a twin.
        if (current.success && current.data.etag !== next.etag) await db.catalog.put({ slot: 'previous', ...current.data } satisfies CatalogRecord);
        await db.catalog.put({ slot: 'current', ...next } satisfies CatalogRecord);
      });
    },
  });
}
