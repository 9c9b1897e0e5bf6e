// Asks the browser to keep the kiosk's storage when the disk fills up (DESIGN.md §4). Best-effort storage is
// evicted whole-origin under pressure; a persisted origin is not. Chromium grants it by heuristics, Electron
// reports every origin as persistent already (anchors §A.9), so "denied" is worth a technician warning, not
// a stop. Dexie never calls this itself.

export type PersistenceResult = 'persisted' | 'denied' | 'unsupported';

/** Minimal shape of `navigator.storage`, injectable for tests. */
export interface StorageManagerLike {
  persisted?: () => Promise<boolean>;
  persist?: () => Promise<boolean>;
}

export async function requestPersistence(storage: StorageManagerLike | undefined = globalThis.navigator?.storage): Promise<PersistenceResult> {
  if (!storage?.persist) return 'unsupported';
  try {
    if (storage.persisted && (await storage.persisted())) return 'persisted';
    return (await storage.persist()) ? 'persisted' : 'denied';
  } catch {
    return 'denied';
  }
}
