// What the back-office routes share: their context (the case context plus, when the hub was given one, the
// opener of sealed parts), the session cookie and the CSRF check. The session cookie is HttpOnly and
// SameSite=Strict, Path=/office, Secure when the request came over https (directly, or through a proxy the hub
// trusts with `trustProxy`); it holds a random token stored only as its hash. Every POST of a signed-in
// operator carries the session's CSRF token in a hidden field (synchronizer token); the sign-in form carries
// a token that must equal a cookie set with the form (double submit), so a foreign page cannot sign anyone in.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SealedOpener } from '../office/opener';
import { renderMessagePage, sendPage } from '../office/html';
import type { FormLabels } from '../office/formLabels';
import { readSession, type OfficeSession } from '../store/operators';
import type { CaseContext } from './caseContext';

export interface OfficeContext extends CaseContext {
  /** Opens a sealed part; null when the hub was started without an opening key (then nothing can be opened). */
  opener: SealedOpener | null;
  formLabels: FormLabels;
}

export const sessionCookie = 'zwxw_office';
export const loginCookie = 'zwxw_office_login';

/** The value of one cookie of the request, or null. */
export function readCookie(request: FastifyRequest, name: string): string | null {
  const header = request.headers.cookie;
  if (typeof header !== 'string') return null;
  for (const part of header.split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=') || null;
  }
  return null;
}

/** A Set-Cookie value for the office (`maxAgeSeconds` 0 deletes it). */
export function cookieHeader(request: FastifyRequest, name: string, value: string, maxAgeSeconds: number): string {
  const secure = request.protocol === 'https' ? '; Secure' : '';
  return `${name}=${value}; Path=/office; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure}`;
}

export const sameToken = (given: unknown, expected: string): boolean => {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/** The form fields of a POST (the office parses application/x-www-form-urlencoded into a flat object). */
export const formOf = (request: FastifyRequest): Record<string, string> => (request.body && typeof request.body === 'object' ? (request.body as Record<string, string>) : {});

/** The signed-in operator's session, or (redirect to the sign-in page sent) null. */
export async function requireSession(ctx: OfficeContext, request: FastifyRequest, reply: FastifyReply): Promise<OfficeSession | null> {
  const cookie = readCookie(request, sessionCookie);
  const session = cookie && /^[A-Za-z0-9_-]{20,100}$/.test(cookie) ? await readSession(ctx.db, cookie, ctx.now()) : null;
  if (session) return session;
  reply.code(303).header('Location', '/office/login').header('Cache-Control', 'no-store').send();
  return null;
}

/** The session of a POST whose CSRF token matches; otherwise (a page sent) null. */
export async function requirePostSession(ctx: OfficeContext, request: FastifyRequest, reply: FastifyReply): Promise<OfficeSession | null> {
  const session = await requireSession(ctx, request, reply);
  if (!session) return null;
  if (sameToken(formOf(request)._csrf, session.csrfToken)) return session;
  sendPage(reply, 403, renderMessagePage('表单已失效', '这个表单已失效（可能来自旧页面或其他网站）。请返回后重新操作。', { operator: session.operator, csrfToken: session.csrfToken }));
  return null;
}
