// The one batch delivery (issue 15 §5, ADR 0014), shared by the application outbox (deliver.ts) and the rating
// sync (ratingSync.ts); the case-status pull is meant to be its third user. It sends items, and turns what
// came back into one verdict per item. What a verdict does to a stored item (strike, quarantine, flag, requeue)
// stays with each user; how a verdict is reached is decided here only:
//
// - Success is only an explicit per-item answer. An item the hub leaves out of an answer is the item's fault
//   (`missing_result`): it is never counted as delivered, and, being a strike, an item the hub keeps skipping is
//   set aside after K times instead of being retried forever (the stricter of the two old rules; ADR 0014).
// - Ids are matched case-insensitively (RFC 9562 UUIDs; the hub keys items by the lower-case id and answers
//   `id::text` from PostgreSQL in lower case): an exact match would turn a delivered item into a "missing" one.
// - A batch the hub refuses as a whole (400, 413, too large) is halved until the bad item stands alone, so one
//   poisoned item costs the others a few extra requests, never their delivery (CommCare's lesson); the item
//   left alone gets the refusal as its own fault.
// - No answer at all (network, timeout, 5xx, 429, a refused credential, not enrolled, no route) is nobody's
//   fault in the items: the rest of the batch is not sent and every item keeps its place (`notSent`).
import type { Result } from '../bridge/result';
import { classifyHubFailure } from './hubFailure';

/** What the hub says about one item: its id and a status; the rest is the user's business. */
export interface ItemAnswer {
  id: string;
  status: string;
}

export type ItemVerdict<A> =
  /** The hub answered for this item (any status: the user decides what `rejected`/`conflict` mean to it). */
  | { kind: 'answered'; answer: A }
  /** The item's own fault: refused when alone, or left out of an answer. A strike. */
  | { kind: 'itemFault'; reason: string }
  /** Not the item's fault (no answer came back): keep it as it was. */
  | { kind: 'notSent'; reason: string };

export interface BatchDeliveryReport<I, A> {
  /** One verdict per item given, in the order they were given. */
  verdicts: { item: I; verdict: ItemVerdict<A> }[];
  /** Set when a request got no answer: retry later, after a backoff. */
  unreachable: string | null;
  /** True when the hub answered at least one request with per-item results. */
  answered: boolean;
}

export interface BatchPort<I, A extends ItemAnswer> {
  idOf(item: I): string;
  /** One request. A throw is treated as "no answer", never as the items' fault. */
  send(items: I[]): Promise<Result<{ results: A[] }>>;
}

/** The id the hub identifies an item by (UUIDs compare case-insensitively). */
export const itemKey = (id: string): string => id.toLowerCase();

/** The reason recorded for an item the hub left out of its answer. */
export const missingResult = 'missing_result';

export async function deliverBatch<I, A extends ItemAnswer>(items: I[], port: BatchPort<I, A>): Promise<BatchDeliveryReport<I, A>> {
  const verdicts = new Map<I, ItemVerdict<A>>();
  const report: BatchDeliveryReport<I, A> = { verdicts: [], unreachable: null, answered: false };
  await deliverInto(items, port, report, verdicts);
  report.verdicts = items.map((item) => ({ item, verdict: verdicts.get(item) ?? { kind: 'notSent', reason: report.unreachable ?? 'not_sent' } }));
  return report;
}

async function deliverInto<I, A extends ItemAnswer>(items: I[], port: BatchPort<I, A>, report: BatchDeliveryReport<I, A>, verdicts: Map<I, ItemVerdict<A>>): Promise<void> {
  if (items.length === 0 || report.unreachable !== null) return; // unsent items get `notSent` at the end
  let result: Result<{ results: A[] }>;
  try {
    result = await port.send(items);
  } catch (error) {
    result = { ok: false, error: { code: 'transport', message: error instanceof Error ? error.message : 'hub link failed' } };
  }

  if (result.ok) {
    report.answered = true;
    const byKey = new Map<string, A>();
    // The first answer for an id counts; a hub repeating an id cannot overwrite what it said first.
    for (const answer of result.value.results) if (!byKey.has(itemKey(answer.id))) byKey.set(itemKey(answer.id), answer);
    for (const item of items) {
      const answer = byKey.get(itemKey(port.idOf(item)));
      verdicts.set(item, answer ? { kind: 'answered', answer } : { kind: 'itemFault', reason: missingResult });
    }
    return;
  }

  const failure = classifyHubFailure(result.error);
  if (!failure.batchFault) {
    report.unreachable = failure.reason;
    return;
  }
  if (items.length === 1) {
    verdicts.set(items[0] as I, { kind: 'itemFault', reason: failure.reason });
    return;
  }
  const half = Math.ceil(items.length / 2);
  await deliverInto(items.slice(0, half), port, report, verdicts);
  await deliverInto(items.slice(half), port, report, verdicts);
}
