// What the two batch intakes share (applications: hub/routes/applicationBatch.ts, ratings: hub/routes/ratings.ts): the
// kiosk's credential (401), the envelope (400), and the rule that an item which cannot even be answered — no
// usable id — makes the whole body a 400 with nothing stored. Each route keeps its own item checks and storage.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { applicationIdSchema, hubLimits } from '../../src/domain/hubApi';
import { describeIssues, sendError } from '../http';
import { requireKiosk, type HubContext } from './context';
import type { AuthenticatedKiosk } from '../store/kiosks';

const envelopeSchema = z.object({ items: z.array(z.unknown()).min(1).max(hubLimits.maxBatchItems) });

/** An item the hub cannot answer on its own (no usable id): the whole batch is refused with this reason. */
export interface Unanswerable {
  unanswerable: string;
}

/** An item answered 'rejected' without being stored. */
export interface RejectedItem {
  ok: false;
  result: { id: string; status: 'rejected'; reason: string };
}

/** For an item that failed its schema: 'rejected' with what failed when its id is usable, else unanswerable. */
export function rejectMalformed(raw: unknown, error: z.ZodError): RejectedItem | Unanswerable {
  const id = applicationIdSchema.safeParse((raw as { id?: unknown } | null)?.id);
  if (!id.success) return { unanswerable: 'no valid id' };
  return { ok: false, result: { id: id.data, status: 'rejected', reason: `malformed: ${describeIssues(error)}` } };
}

const isUnanswerable = (one: object): one is Unanswerable => 'unanswerable' in one;

/**
 * Authenticates the kiosk, parses the envelope and checks every item with `check`. Null when an error answer
 * has been sent (return `reply` then): 401 for the credential, 400 for the envelope or the first unanswerable item.
 */
export async function readBatch<C extends object>(
  ctx: HubContext,
  request: FastifyRequest,
  reply: FastifyReply,
  check: (raw: unknown) => C | Unanswerable,
): Promise<{ kiosk: AuthenticatedKiosk; checked: C[] } | null> {
  const kiosk = await requireKiosk(ctx, request, reply);
  if (!kiosk) return null;
  const envelope = envelopeSchema.safeParse(request.body);
  if (!envelope.success) {
    sendError(reply, 400, 'bad_request', describeIssues(envelope.error));
    return null;
  }
  const checked: C[] = [];
  for (const [index, raw] of envelope.data.items.entries()) {
    const one = check(raw);
    if (isUnanswerable(one)) {
      sendError(reply, 400, 'bad_request', `items.${index}: ${one.unanswerable}; nothing was stored`);
      return null;
    }
    checked.push(one);
  }
  return { kiosk, checked };
}

/** How many results have each status, for the intake's log line (counts only, nothing personal). */
export function countByStatus(results: ReadonlyArray<{ status: string }>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const result of results) counts[result.status] = (counts[result.status] ?? 0) + 1;
  return counts;
}
