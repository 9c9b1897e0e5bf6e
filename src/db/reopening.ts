// Keeping the kiosk's stores usable after the browser closed their database (a full disk, measured in
// tests/e2e/fullDisk.spec.ts): every store built on the shared KioskDb is wrapped, so whichever is called
// first once space is back (a submission, the sync engines, the rating or case-status pulls) opens it again.
import type { KioskDb } from './kioskDb';

/**
 * Every call first reopens a database the browser closed (KioskDb.reopenIfLost), so the outbox stores and the
 * sync engines send again once space is back, in the same page. A reopen that fails is left for the call
 * itself to report: enqueue classifies it (storage_full, storage) like any failed write.
 */
export function reopening<T extends { [K in keyof T]: (...args: never[]) => Promise<unknown> }>(db: KioskDb, store: T): T {
  const wrapped = Object.entries(store).map(([key, method]) => [
    key,
    async (...args: unknown[]): Promise<unknown> => {
      await db.reopenIfLost().catch(() => undefined);
      return (method as (...a: unknown[]) => Promise<unknown>)(...args);
    },
  ]);
  return Object.fromEntries(wrapped) as T;
}
