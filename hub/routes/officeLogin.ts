// Signing in and out of the back office.
//   GET  /office              → the queue when signed in, else the sign-in page
//   GET  /office/login        → the sign-in form (sets the double-submit cookie of the form)
//   POST /office/login        → 303 to the queue with a session cookie | 200 the form again with one generic
//                               message | 429 after too many failures from this address or for this name
//   POST /office/logout       → 303 to the sign-in page; the session ends in the database
// Failures are counted per address and per name (10 a minute each) besides the hub's failed-credential guard,
// and an unknown name costs the same scrypt time as a wrong password, so the answer says nothing about which.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sendPage } from '../office/html';
import { decoyHash, passwordLength, verifyPassword } from '../office/passwords';
import { renderLoginPage } from '../office/queuePage';
import { writeAudit } from '../store/officeAudit';
import { createSession, endSession, findOperatorForLogin, sessionTtlMs } from '../store/operators';
import { cookieHeader, formOf, loginCookie, readCookie, requirePostSession, sameToken, sessionCookie, type OfficeContext } from './officeSession';

const failuresPerMinute = 10;

export function registerOfficeLoginRoutes(office: FastifyInstance, ctx: OfficeContext): void {
  const byAddress = office.createRateLimit({ max: failuresPerMinute, timeWindow: 60_000 });
  const byName = office.createRateLimit({ max: failuresPerMinute, timeWindow: 60_000, keyGenerator: (request: FastifyRequest) => `office-name:${String(formOf(request).name ?? '').slice(0, 64)}` });

  const showForm = (request: FastifyRequest, reply: Parameters<typeof sendPage>[0], status: number, failed?: 'credentials' | 'tooMany' | 'expired', name?: string) => {
    const loginToken = randomBytes(18).toString('base64url');
    reply.header('Set-Cookie', cookieHeader(request, loginCookie, loginToken, 3600));
    return sendPage(reply, status, renderLoginPage({ loginToken, failed, name }));
  };

  office.get('/office', async (request, reply) => reply.code(303).header('Location', readCookie(request, sessionCookie) ? '/office/queue' : '/office/login').send());
  office.get('/office/login', async (request, reply) => showForm(request, reply, 200));

  office.post('/office/login', async (request, reply) => {
    const form = formOf(request);
    const name = typeof form.name === 'string' ? form.name.trim().slice(0, 64) : '';
    const password = typeof form.password === 'string' ? form.password : '';
    const expected = readCookie(request, loginCookie);
    if (!expected || !sameToken(form._login, expected)) return showForm(request, reply, 403, 'expired', name);
    // Read without counting: only failures count, so an operator who types the password right is never held up.
    const states = await Promise.all([byAddress(request, { increment: false }), byName(request, { increment: false })]);
    const blocked = states.filter((state) => !state.isAllowed && state.remaining === 0);
    if (blocked.length > 0) {
      reply.header('Retry-After', String(Math.max(1, ...blocked.map((state) => (state.isAllowed ? 0 : state.ttlInSeconds)))));
      return showForm(request, reply, 429, 'tooMany', name);
    }
    if (!(await ctx.guard.admit(request, reply))) return reply;
    const operator = name && password.length <= passwordLength.max ? await findOperatorForLogin(ctx.db, name) : null;
    const good = await verifyPassword(password, operator?.passwordHash ?? (await decoyHash()));
    const now = ctx.now();
    if (!operator || !good) {
      await Promise.all([byAddress(request), byName(request), ctx.guard.failed(request)]);
      // The typed name is written only when it is an operator's: a stranger's guesses are not kept.
      await writeAudit(ctx.db, { at: now, action: 'loginFailed', operatorId: operator?.id ?? null, operatorName: operator?.name ?? '', city: operator?.city ?? '' });
      return showForm(request, reply, 200, 'credentials', name);
    }
    const { cookie } = await createSession(ctx.db, operator, now);
    await writeAudit(ctx.db, { at: now, action: 'login', operatorId: operator.id, operatorName: operator.name, city: operator.city });
    request.log.info({ operator: operator.id }, 'office sign-in');
    return reply
      .code(303)
      .header('Set-Cookie', [cookieHeader(request, sessionCookie, cookie, Math.floor(sessionTtlMs / 1000)), cookieHeader(request, loginCookie, '', 0)])
      .header('Location', '/office/queue')
      .header('Cache-Control', 'no-store')
      .send();
  });

  office.post('/office/logout', async (request, reply) => {
    const session = await requirePostSession(ctx, request, reply);
    if (!session) return reply;
    const cookie = readCookie(request, sessionCookie) ?? '';
    await endSession(ctx.db, cookie, ctx.now());
    await writeAudit(ctx.db, { at: ctx.now(), action: 'logout', operatorId: session.operator.id, operatorName: session.operator.name, city: session.operator.city });
    return reply.code(303).header('Set-Cookie', cookieHeader(request, sessionCookie, '', 0)).header('Location', '/office/login').send();
  });
}
