// An in-memory stand-in for the hub's batch endpoint with the same idempotency rules (same id + same content
// = duplicate, different content = conflict), plus switches for faults. For engine unit tests; the
// integration tests use the real hub.
import type { BatchRequest, BatchResponse, ItemResult } from '../../../src/domain/hubApi';
import { encodeHubFailure } from '../../../src/bridge/contract/hub';
import { err, ok } from '../../../src/bridge/result';
import type { Result } from '../../../src/bridge/result';
import type { HubLink } from '../../../src/sync/ports';

export interface MemoryHub extends HubLink {
  stored: Map<string, { content: string; caseNo: string }>;
  /** Batches received, by size. */
  calls: number[];
  /** `down`: no answer (transport); `error500`: a 5xx; `up`: answers. */
  mode: 'up' | 'down' | 'error500';
  /** Ids that make the whole batch a 400 (a body the hub's schema refuses). */
  poison: Set<string>;
  /** Ids answered `rejected`. */
  reject: Set<string>;
  /** Ids the hub leaves out of its answer. */
  omit: Set<string>;
}

export function createMemoryHub(): MemoryHub {
  let seq = 0;
  const hub: MemoryHub = {
    stored: new Map(),
    calls: [],
    mode: 'up',
    poison: new Set(),
    reject: new Set(),
    omit: new Set(),
    async sendBatch(request: BatchRequest): Promise<Result<BatchResponse>> {
      hub.calls.push(request.items.length);
      if (hub.mode === 'down') return err('transport', 'connect ECONNREFUSED', encodeHubFailure({ retryable: true, reason: 'connection' }));
      if (hub.mode === 'error500') return err('transport', 'hub answered 500', encodeHubFailure({ retryable: true, httpStatus: 500, reason: 'internal' }));
      if (request.items.some((item) => hub.poison.has(item.id)))
        return err('invalid_argument', 'hub refused the batch', encodeHubFailure({ retryable: false, httpStatus: 400, reason: 'bad_request' }));
      const results: ItemResult[] = [];
      for (const item of request.items) {
        if (hub.omit.has(item.id)) continue;
        if (hub.reject.has(item.id)) {
          results.push({ id: item.id, status: 'rejected', reason: 'service_closed' });
          continue;
        }
        const content = JSON.stringify(item);
        const existing = hub.stored.get(item.id);
        if (!existing) {
          const caseNo = `CASE-${++seq}`;
          hub.stored.set(item.id, { content, caseNo });
          results.push({ id: item.id, status: 'accepted', caseNo });
        } else if (existing.content === content) results.push({ id: item.id, status: 'duplicate', caseNo: existing.caseNo });
        else results.push({ id: item.id, status: 'conflict', reason: 'different_content' });
      }
      return ok({ results });
    },
  };
  return hub;
}
