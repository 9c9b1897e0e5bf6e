// Start-up of the kiosk's local store in the renderer: open the database (running any upgrade), ask for
// persistent storage, and hand back the outbox store. (The lookup secret is the host's: ADR 0006.) One call,
// so no caller can forget `persist()` (DESIGN.md §4).
import { KioskDb, defaultDbName } from './kioskDb';
import type { KioskDbOptions } from './kioskDb';
import { createOutboxStore } from './outboxStore';
import type { DexieOutboxStore, OutboxStoreOptions } from './outboxStore';
import { requestPersistence } from './persistence';
import type { PersistenceResult, StorageManagerLike } from './persistence';

export interface OpenKioskStoreOptions extends KioskDbOptions, OutboxStoreOptions {
  /** Database name (default `zhengwu-kiosk`). */
  name?: string;
  /** Default: `navigator.storage`. */
  storage?: StorageManagerLike;
}

export interface KioskStore {
  db: KioskDb;
  outbox: DexieOutboxStore;
  /** Whether the browser agreed to keep the data under storage pressure; `denied` deserves a technician warning. */
  persistence: PersistenceResult;
}

export async function openKioskStore(options: OpenKioskStoreOptions = {}): Promise<KioskStore> {
  const db = new KioskDb(options.name ?? defaultDbName, options);
  await db.open();
  const persistence = await requestPersistence(options.storage ?? globalThis.navigator?.storage);
  return { db, outbox: createOutboxStore(db, options), persistence };
}
