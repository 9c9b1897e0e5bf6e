// Learning what the handling city did with this kiosk's applications: page through the hub's change feed
// from the stored cursor and keep each application's latest status in IndexedDB, so "我的办件" shows it even
// when the hub is out of reach (with the time it was last checked).
import type { Result } from '../bridge/result';
import type { KioskCaseChange, KioskCaseChanges } from '../domain/caseApi';

/** Where the feed stands, and when the hub last answered it (null: never). */
export interface CaseFeed {
  cursor: string;
  checkedAt: string | null;
}

/** The last known statuses and the feed cursor (src/db/caseStatusStore.ts on IndexedDB). */
export interface CaseStatusStore {
  feed(): Promise<CaseFeed>;
  /** Stores one answer of the feed (it may be empty) and moves the cursor to its `next`, in one transaction. */
  apply(answer: KioskCaseChanges, checkedAt: string): Promise<void>;
  /** Known statuses of these applications, valid records only. */
  byIds(ids: readonly string[]): Promise<Map<string, KioskCaseChange>>;
}

export interface CaseFeedLink {
  changes(since: string): Promise<Result<KioskCaseChanges>>;
}

export interface PullOutcome {
  /** True when the feed was read to its end now. */
  complete: boolean;
  /** Changes stored by this pull. */
  changed: number;
  /** When the hub last answered (now, when complete), or null if it never has. */
  checkedAt: string | null;
}

/**
 * Reads the feed until it has nothing newer (at most `maxPages` pages, default 20, so one visit to "我的办件"
 * never waits on a long backlog: the rest comes next time). Never throws for the hub: a failure leaves the
 * stored statuses and cursor as they were.
 */
export async function pullCaseChanges(link: CaseFeedLink, store: CaseStatusStore, now: () => Date, maxPages = 20): Promise<PullOutcome> {
  let { cursor, checkedAt } = await store.feed();
  let changed = 0;
  for (let page = 0; page < maxPages; page++) {
    const answer = await link.changes(cursor);
    if (!answer.ok) return { complete: false, changed, checkedAt };
    checkedAt = now().toISOString();
    await store.apply(answer.value, checkedAt);
    changed += answer.value.items.length;
    if (answer.value.items.length === 0 || answer.value.next === cursor) return { complete: true, changed, checkedAt };
    cursor = answer.value.next;
  }
  return { complete: false, changed, checkedAt };
}
