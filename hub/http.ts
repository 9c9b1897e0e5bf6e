// Small HTTP helpers shared by the hub's routes: the `{ error, reason }` body, bearer tokens, zod reasons.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';

export type ErrorCode = 'bad_request' | 'unauthorized' | 'forbidden' | 'not_found' | 'conflict' | 'payload_too_large' | 'unsupported_media_type' | 'unavailable' | 'too_many_requests' | 'internal';

export function sendError(reply: FastifyReply, status: number, error: ErrorCode, reason: string): FastifyReply {
  return reply.code(status).type('application/json; charset=utf-8').send({ error, reason });
}

/** The token of `Authorization: Bearer <token>`, or null. */
export function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer ([A-Za-z0-9._~+/=-]{16,256})$/.exec(header) : null;
  return match?.[1] ?? null;
}

/** A short, value-free description of what failed (zod 4 messages name the rule, never the input). */
export function describeIssues(error: z.ZodError, limit = 3): string {
  return error.issues
    .slice(0, limit)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'body'}: ${issue.message}`)
    .join('; ');
}
