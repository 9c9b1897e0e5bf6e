// Small typed settings over the `settings` table, each parsed with zod on read (anything read back from disk
// is untrusted). Keys: the last issued receipt sequence, the lookup-key secret, and the sync meta.
import { z } from 'zod';
import { parseReceiptNo } from '../domain/receiptNo';
import { createLookupSecret } from '../sync/lookupKey';
import type { SyncMeta } from '../sync/ports';
import type { KioskDb } from './kioskDb';

const seqSchema = z.number().int().nonnegative();
const secretSchema = z.instanceof(Uint8Array).refine((b) => b.length === 32, 'expected 32 bytes');
const syncMetaSchema = z.object({ lastSuccessAt: z.string().nullable() });

export const settingKeys = { receiptSeq: 'receiptSeq', lookupSecret: 'lookupSecret', syncMeta: 'syncMeta' } as const;

/** The highest sequence among the outbox's receipt numbers (a scan of the receiptNo index), or null. */
export async function highestReceiptSeqInOutbox(db: KioskDb): Promise<number | null> {
  let highest: number | null = null;
  for (const key of await db.outbox.orderBy('receiptNo').keys()) {
    const parsed = typeof key === 'string' ? parseReceiptNo(key) : null;
    if (parsed && (highest === null || parsed.seq > highest)) highest = parsed.seq;
  }
  return highest;
}

/**
 * The last receipt sequence issued. Call inside the enqueue transaction. If the setting is missing or
 * damaged, or `thorough` is set (after a receipt-number collision), the highest sequence found in the
 * outbox's receipt numbers is taken into account too, so the kiosk can never issue a number twice.
 */
export async function readLastReceiptSeq(db: KioskDb, thorough = false): Promise<number | null> {
  const stored = seqSchema.safeParse((await db.settings.get(settingKeys.receiptSeq))?.value);
  if (stored.success && !thorough) return stored.data;
  const highest = await highestReceiptSeqInOutbox(db);
  if (!stored.success) return highest;
  return highest === null ? stored.data : Math.max(stored.data, highest);
}

export async function writeLastReceiptSeq(db: KioskDb, seq: number): Promise<void> {
  await db.settings.put({ key: settingKeys.receiptSeq, value: seq });
}

/**
 * The kiosk-local secret behind `lookupKey`, created on first use. A damaged secret is replaced (old rows
 * then no longer match a resident's card; they still sync, and a technician can list them by receipt).
 */
export async function getOrCreateLookupSecret(db: KioskDb): Promise<Uint8Array> {
  return db.transaction('rw', db.settings, async () => {
    const stored = secretSchema.safeParse((await db.settings.get(settingKeys.lookupSecret))?.value);
    if (stored.success) return stored.data;
    const secret = createLookupSecret();
    await db.settings.put({ key: settingKeys.lookupSecret, value: secret });
    return secret;
  });
}

export async function readSyncMeta(db: KioskDb): Promise<SyncMeta> {
  const stored = syncMetaSchema.safeParse((await db.settings.get(settingKeys.syncMeta))?.value);
  return stored.success ? stored.data : { lastSuccessAt: null };
}

export async function writeSyncMeta(db: KioskDb, meta: SyncMeta): Promise<void> {
  await db.settings.put({ key: settingKeys.syncMeta, value: syncMetaSchema.parse(meta) });
}
