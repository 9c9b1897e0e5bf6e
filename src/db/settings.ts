// Small typed settings over the `settings` table, each parsed with zod on read (anything read back from disk
// is untrusted). Keys: the last issued receipt sequence, the sync meta, and the lookup-key secret that
// renderers before ADR 0006 kept here (handed over to the host once, then deleted).
import { z } from 'zod';
import { parseReceiptNo } from '../domain/receiptNo';
import { bytesToBase64 } from '../sync/base64';
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
 * ADR 0006: renderers before it kept the lookup secret here, where a copy of the disk found it next to the
 * hashes. At start the renderer hands it to the host (which keeps it in a 0600 file and keeps answering the
 * old rows' keys) and deletes it only once the host has it, so no row loses its resident. Returns what
 * happened; a refusal leaves the secret for the next start.
 */
export async function handOverLegacyLookupSecret(db: KioskDb, adopt: (secretBase64: string) => Promise<boolean>): Promise<'none' | 'handedOver' | 'kept'> {
  const stored = secretSchema.safeParse((await db.settings.get(settingKeys.lookupSecret))?.value);
  if (!stored.success) {
    // Nothing, or damaged bytes: no key can be computed with them any more, so there is nothing to keep.
    await db.settings.delete(settingKeys.lookupSecret);
    return 'none';
  }
  if (!(await adopt(bytesToBase64(stored.data)))) return 'kept';
  await db.settings.delete(settingKeys.lookupSecret);
  return 'handedOver';
}

export async function readSyncMeta(db: KioskDb): Promise<SyncMeta> {
  const stored = syncMetaSchema.safeParse((await db.settings.get(settingKeys.syncMeta))?.value);
  return stored.success ? stored.data : { lastSuccessAt: null };
}

export async function writeSyncMeta(db: KioskDb, meta: SyncMeta): Promise<void> {
  await db.settings.put({ key: settingKeys.syncMeta, value: syncMetaSchema.parse(meta) });
}
