// 好差评 ratings over Dexie: implements the rating sync's RatingStore port (src/sync/ratingSync.ts) on the
// `ratings` table (RatingRecord in kioskDb.ts). `sent` is 0 (waiting), 1 (the hub has it) or 2 (flagged: the
// hub refused it, or it could not be read back). Flagged ratings are kept for a technician, never deleted.
// Every read is parsed with ratingSchema (anything read back from disk is untrusted).
import type Dexie from 'dexie';
import { ratingSchema } from '../domain/rating';
import type { Rating } from '../domain/rating';
import type { RatingCounts, RatingOutcome, RatingStore } from '../sync/ratingSync';
import type { KioskDb, RatingRecord } from './kioskDb';
import { reopening } from './reopening';

export const ratingSentStates = { unsent: 0, sent: 1, flagged: 2 } as const;

export interface RatingStoreOptions {
  /** Epoch ms (default Date.now), for `sentAt`. */
  now?: () => number;
}

export interface DexieRatingStore extends RatingStore {
  /** Stores a new rating, unsent, in a strict-durability transaction (what the rating screen saves). */
  save(rating: Rating, createdAt?: string): Promise<void>;
  /** The flagged ratings with their reasons, for the technician. */
  listFlagged(): Promise<Pick<RatingRecord, 'id' | 'serviceId' | 'ratedAt' | 'syncError'>[]>;
  /** A technician's decision after reading the reason: send a flagged rating again. */
  requeueFlagged(id: string): Promise<boolean>;
  /** Which of these applications already have their result rated (评价次数 2) on this kiosk, sent or not. */
  resultRated(applicationIds: readonly string[]): Promise<Set<string>>;
}

const describeIssues = (error: { issues: { path: PropertyKey[]; code: string }[] }): string =>
  error.issues
    .slice(0, 3)
    .map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.code}`)
    .join('; ');

export function createRatingStore(db: KioskDb, options: RatingStoreOptions = {}): DexieRatingStore {
  return reopening(db, createDexieRatingStore(db, options));
}

function createDexieRatingStore(db: KioskDb, options: RatingStoreOptions): DexieRatingStore {
  const now = options.now ?? (() => Date.now());
  const raw = () => db.ratings as unknown as Dexie.Table<Record<string, unknown>, unknown>;

  return {
    async save(rating, createdAt = new Date(now()).toISOString()) {
      const record: RatingRecord = { ...ratingSchema.parse(rating), createdAt, sent: ratingSentStates.unsent };
      await db.transaction('rw', db.ratings, () => db.ratings.put(record));
    },

    readUnsent(limit) {
      return db.transaction('rw', db.ratings, async () => {
        const ratings: Rating[] = [];
        const unreadable: { key: unknown; reason: string }[] = [];
        // The `sent` index orders by primary key within a value: UUIDv7 ids, so oldest first.
        await raw()
          .where('sent')
          .equals(ratingSentStates.unsent)
          .limit(limit)
          .each((record, cursor) => {
            const { createdAt: _c, sent: _s, sentAt: _a, syncError: _e, ...rest } = record;
            const parsed = ratingSchema.safeParse(rest);
            if (parsed.success) ratings.push(parsed.data);
            else unreadable.push({ key: cursor.primaryKey, reason: describeIssues(parsed.error) });
          });
        for (const { key, reason } of unreadable) {
          await raw().update(key as never, { sent: ratingSentStates.flagged, syncError: `unreadable: ${reason}`.slice(0, 500) });
        }
        return { ratings, unreadable: unreadable.map(({ key }) => String(key)) };
      });
    },

    async settle(outcomes: RatingOutcome[]) {
      if (outcomes.length === 0) return;
      const at = new Date(now()).toISOString();
      await db.transaction('rw', db.ratings, async () => {
        for (const outcome of outcomes) {
          const record = await db.ratings.get(outcome.id);
          if (!record || record.sent !== ratingSentStates.unsent) continue; // already settled: never downgraded
          if (outcome.status === 'sent') await db.ratings.update(outcome.id, { sent: ratingSentStates.sent, sentAt: at });
          else await db.ratings.update(outcome.id, { sent: ratingSentStates.flagged, syncError: outcome.reason.slice(0, 500) });
        }
      });
    },

    async counts(): Promise<RatingCounts> {
      const [unsent, flagged] = await Promise.all([
        db.ratings.where('sent').equals(ratingSentStates.unsent).count(),
        db.ratings.where('sent').equals(ratingSentStates.flagged).count(),
      ]);
      return { unsent, flagged };
    },

    async requeueFlagged(id) {
      const changed = await db.ratings
        .where('id')
        .equals(id)
        .filter((r) => r.sent === ratingSentStates.flagged)
        .modify((r) => {
          r.sent = ratingSentStates.unsent;
          delete r.syncError;
        });
      return changed > 0;
    },
    async listFlagged() {
      const records = await db.ratings.where('sent').equals(ratingSentStates.flagged).toArray();
      return records.map(({ id, serviceId, ratedAt, syncError }) => ({ id, serviceId, ratedAt, syncError }));
    },
    async resultRated(applicationIds) {
      const wanted = new Set(applicationIds);
      if (wanted.size === 0) return new Set();
      // Ratings are few on a kiosk (sent ones leave with the retention), so a scan beats another index.
      const rated = await db.ratings.filter((r) => r.assessNumber === 2 && r.applicationId !== null && wanted.has(r.applicationId)).toArray();
      return new Set(rated.map((r) => r.applicationId!));
    },
  };
}
