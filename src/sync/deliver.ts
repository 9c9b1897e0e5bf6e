// One delivery of claimed rows to the hub, turned into per-row outcomes. Success is only an explicit per-item
// answer (`accepted`/`duplicate` with a case number); anything else leaves the row in the queue or, when it is
// the row's own fault, quarantines it — never drops it (Workbox's data-loss bug, anchors §A.11).
//
// A batch the hub refuses as a whole (400, 413) is split in halves until the bad row stands alone, so one
// poisoned row costs the others a few extra requests, never their delivery (CommCare's lesson).
import { outboundApplicationSchema } from '../domain/hubApi';
import type { BatchResponse, OutboundApplication } from '../domain/hubApi';
import type { Result } from '../bridge/result';
import { backoffDelay } from './backoff';
import type { BackoffPolicy } from './backoff';
import { classifyHubFailure } from './hubFailure';
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
  const report: DeliveryReport = { outcomes: [], unreachable: null, answered: false };
  await deliverInto(rows, options, report);
  return report;
}

async function deliverInto(rows: OutboxRow[], options: DeliverOptions, report: DeliveryReport): Promise<void> {
  if (rows.length === 0) return;
  if (report.unreachable !== null) {
    requeue(rows, report.unreachable, report);
    return;
  }
  let result: Result<BatchResponse>;
  try {
    result = await options.hub.sendBatch({ items: rows.map(toOutbound) });
  } catch (error) {
    // A HubLink should answer with a Result; a throw is treated as "no answer", never as the rows' fault.
    result = { ok: false, error: { code: 'transport', message: error instanceof Error ? error.message : 'hub link failed' } };
  }

  if (result.ok) {
    report.answered = true;
    const byId = new Map(result.value.results.map((item) => [item.id, item]));
    for (const row of rows) {
      const item = byId.get(row.id);
      if (!item) report.outcomes.push(strike(row, 'missing_result', options));
      else if (item.status === 'accepted' || item.status === 'duplicate') report.outcomes.push({ id: row.id, status: 'accepted', caseNo: item.caseNo });
      else report.outcomes.push({ id: row.id, status: 'quarantined', lastError: `hub_${item.status}: ${item.reason}` });
    }
    return;
  }

  const failure = classifyHubFailure(result.error);
  if (!failure.batchFault) {
    report.unreachable = failure.reason;
    requeue(rows, report.unreachable, report);
    return;
  }
  if (rows.length === 1) {
    const only = rows[0] as OutboxRow;
    report.outcomes.push(strike(only, failure.reason, options));
    return;
  }
  const half = Math.ceil(rows.length / 2);
  await deliverInto(rows.slice(0, half), options, report);
  await deliverInto(rows.slice(half), options, report);
}

/**
 * Back to the queue with its place kept: the engine's own backoff decides when the next pass runs, and a
 * network failure is no reason to push one row behind the others.
 */
function requeue(rows: OutboxRow[], reason: string, report: DeliveryReport): void {
  for (const row of rows) {
    report.outcomes.push({ id: row.id, status: 'queued', nextAttemptAt: row.nextAttemptAt, lastError: reason, strikes: row.strikes, strikeReason: row.strikeReason });
  }
}
