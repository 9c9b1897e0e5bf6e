// One delivery of claimed rows to the hub, turned into per-row outcomes. The batch logic (halving, matching
// answers to rows, what counts as whose fault) is the shared core in batchDelivery.ts; here its verdicts become
// outbox outcomes. Success is only an explicit per-item answer (`accepted`/`duplicate` with a case number);
// anything else leaves the row in the queue or, when it is the row's own fault, strikes or quarantines it —
// never drops it (Workbox's data-loss bug, anchors §A.11).
import { outboundApplicationSchema } from '../domain/hubApi';
import type { OutboundApplication } from '../domain/hubApi';
import { backoffDelay } from './backoff';
import type { BackoffPolicy } from './backoff';
import { deliverBatch } from './batchDelivery';
import type { OutboxRow } from './outboxRow';
import type { HubLink, RowOutcome } from './ports';

export const toOutbound = (row: OutboxRow): OutboundApplication => ({
  id: row.id,
  receiptNo: row.receiptNo,
  serviceId: row.serviceId,
  handlingCity: row.handlingCity,
  createdAt: row.createdAt,
  sealed: row.sealed,
});

const encoder = new TextEncoder();
/** Bytes the row adds to a batch body (its JSON plus a separator). */
export const wireSize = (row: OutboxRow): number => encoder.encode(JSON.stringify(toOutbound(row))).length + 1;

export interface DeliverOptions {
  hub: HubLink;
  now: number;
  random: () => number;
  /** Failures for one non-network reason before a row is quarantined. */
  maxStrikes: number;
  /** Backoff for a row that failed for its own reason. */
  rowBackoff: BackoffPolicy;
}

export interface DeliveryReport {
  outcomes: RowOutcome[];
  /** Set when no answer came back (network, timeout, hub down or refusing the credential): retry later. */
  unreachable: string | null;
  /** True when the hub answered at least one request with per-item results. */
  answered: boolean;
}

/** A strike for the row's own reason; the K-th one quarantines it. */
export function strike(row: OutboxRow, reason: string, options: Pick<DeliverOptions, 'now' | 'random' | 'maxStrikes' | 'rowBackoff'>): RowOutcome {
  const strikes = row.strikeReason === reason ? row.strikes + 1 : 1;
  if (strikes >= options.maxStrikes) return { id: row.id, status: 'quarantined', lastError: `${reason} (${strikes} times)` };
  return {
    id: row.id,
    status: 'queued',
    nextAttemptAt: options.now + backoffDelay(strikes, options.random(), options.rowBackoff),
    lastError: reason,
    strikes,
    strikeReason: reason,
  };
}

/** Local check before sending: a row the hub's own schema would refuse is quarantined here, with its reason. */
export function checkSendable(row: OutboxRow, maxSealedBytes: number): string | null {
  const parsed = outboundApplicationSchema.safeParse(toOutbound(row));
  if (!parsed.success) return `invalid_application: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.code}`).join('; ')}`;
  const sealedBytes = Math.floor((row.sealed.ct.length * 3) / 4);
  if (sealedBytes > maxSealedBytes) return `too_large: sealed part ${sealedBytes} bytes > ${maxSealedBytes}`;
  return null;
}

export async function deliver(rows: OutboxRow[], options: DeliverOptions): Promise<DeliveryReport> {
  const batch = await deliverBatch(rows, { idOf: (row) => row.id, send: (some) => options.hub.sendBatch({ items: some.map(toOutbound) }) });
  const outcomes = batch.verdicts.map(({ item: row, verdict }): RowOutcome => {
    if (verdict.kind === 'itemFault') return strike(row, verdict.reason, options);
    // Back to the queue with its place kept: the engine's own backoff decides when the next pass runs, and a
    // network failure is no reason to push one row behind the others.
    if (verdict.kind === 'notSent') return { id: row.id, status: 'queued', nextAttemptAt: row.nextAttemptAt, lastError: verdict.reason, strikes: row.strikes, strikeReason: row.strikeReason };
    const item = verdict.answer;
    if (item.status === 'accepted' || item.status === 'duplicate') return { id: row.id, status: 'accepted', caseNo: item.caseNo };
    return { id: row.id, status: 'quarantined', lastError: `hub_${item.status}: ${item.reason}` };
  });
  return { outcomes, unreachable: batch.unreachable, answered: batch.answered };
}
