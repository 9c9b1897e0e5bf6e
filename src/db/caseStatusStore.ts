// The last known case status of this kiosk's applications (Dexie `caseStatus`, v3) and the change-feed cursor
// with the time the hub last answered (settings `caseFeed`), written together in one transaction so a crash
// between them can never skip a change: at worst a page is fetched and applied twice, which is harmless.
import { z } from 'zod';
import { cursorSchema, kioskCaseChangeSchema } from '../domain/caseApi';
import type { CaseStatusStore } from '../sync/caseStatusSync';
import type { CaseStatusRecord, KioskDb } from './kioskDb';
import { reopening } from './reopening';

const feedSchema = z.object({ cursor: cursorSchema, checkedAt: z.string().nullable() });
const feedKey = 'caseFeed';

export function createCaseStatusStore(db: KioskDb): CaseStatusStore {
  return reopening<CaseStatusStore>(db, {
    async feed() {
      const stored = feedSchema.safeParse((await db.settings.get(feedKey))?.value);
      // A damaged cursor restarts the feed from 0: every status is fetched again, none is lost.
      return stored.success ? stored.data : { cursor: '0', checkedAt: null };
    },
    async apply(answer, checkedAt) {
      await db.transaction('rw', db.caseStatus, db.settings, async () => {
        // A record is only ever replaced by a newer change (pages are in event order, so that is the usual case;
        // the check guards a feed replayed after a damaged cursor).
        for (const change of answer.items) {
          const known = await db.caseStatus.get(change.id);
          if (known && known.updatedAt > change.updatedAt) continue;
          await db.caseStatus.put({ ...change });
        }
        await db.settings.put({ key: feedKey, value: feedSchema.parse({ cursor: answer.next, checkedAt }) });
      });
    },
    async byIds(ids) {
      const found = await db.caseStatus.bulkGet([...ids]);
      const valid = found.filter((r): r is CaseStatusRecord => r !== undefined && kioskCaseChangeSchema.safeParse(r).success);
      return new Map(valid.map((r) => [r.id, r]));
    },
  });
}
