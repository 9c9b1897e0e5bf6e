// One case in the back office, for the operators of its handling city only (another city's operator gets 403,
// and the refusal is audited).
//   GET  /office/cases/:id            → the case, its events, the transitions it allows
//   POST /office/cases/:id/open       → the same page with the sealed personal part opened by the hub; the
//                                       opening is written to the audit log BEFORE anything is decrypted (no
//                                       audit row, no plaintext). A POST, so it is CSRF-checked, never prefetched,
//                                       and the plaintext is never at a URL a browser history could replay.
//   POST /office/cases/:id/events     { status, note } → 303 back to the case | 400/409 the page with the problem
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseCaseEvent } from '../../src/domain/caseApi';
import { isCaseStatus } from '../../src/domain/caseStatus';
import { applicationIdSchema } from '../../src/domain/hubApi';
import { renderCasePage, type CaseView, type PersonalView } from '../office/casePage';
import { renderMessagePage, sendPage, statusWord } from '../office/html';
import { findSealed } from '../store/applications';
import { changeCaseStatus, readCaseEvents } from '../store/cases';
import { writeAudit } from '../store/officeAudit';
import { readOfficeCase, type OfficeCase } from '../store/officeCases';
import type { OfficeSession } from '../store/operators';
import { formOf, requirePostSession, requireSession, type OfficeContext } from './officeSession';

export function registerOfficeCaseRoutes(office: FastifyInstance, ctx: OfficeContext): void {
  const frameOf = (session: OfficeSession) => ({ operator: session.operator, csrfToken: session.csrfToken });

  /** The case if this operator may work it; otherwise a 404 or 403 page is sent (403 audited) and null. */
  async function caseFor(session: OfficeSession, request: FastifyRequest, reply: FastifyReply, what: string): Promise<OfficeCase | null> {
    const id = applicationIdSchema.safeParse((request.params as { id?: unknown }).id);
    const found = id.success ? await readOfficeCase(ctx.db, id.data.toLowerCase(), ctx.facts.deadlineOf) : null;
    if (!found) {
      sendPage(reply, 404, renderMessagePage('没有这个办件', '没有找到这个办件，请从办件队列进入。', frameOf(session)));
      return null;
    }
    if (found.queueCity !== session.operator.city) {
      const { operator } = session;
      await writeAudit(ctx.db, { at: ctx.now(), action: 'refused', operatorId: operator.id, operatorName: operator.name, city: operator.city, applicationId: found.id, caseNo: found.caseNo, detail: what });
      sendPage(reply, 403, renderMessagePage('无权查看', '这个办件由其他城市办理，您无权查看或办理。', frameOf(session)));
      return null;
    }
    return found;
  }

  async function showCase(session: OfficeSession, found: OfficeCase, reply: FastifyReply, status: number, extra: Partial<CaseView> = {}) {
    const view: CaseView = {
      ...frameOf(session),
      case: found,
      serviceName: ctx.facts.service(found.serviceId).name['zh-CN'] ?? found.serviceId,
      events: await readCaseEvents(ctx.db, found.id),
      personal: ctx.opener ? { kind: 'closed' } : { kind: 'noKey' },
      formLabels: ctx.formLabels(found.serviceId),
      ...extra,
    };
    return sendPage(reply, status, renderCasePage(view));
  }

  office.get('/office/cases/:id', async (request, reply) => {
    const session = await requireSession(ctx, request, reply);
    if (!session) return reply;
    const found = await caseFor(session, request, reply, 'view');
    if (!found) return reply;
    const changed = (request.query as { changed?: unknown }).changed;
    return showCase(session, found, reply, 200, { changed: isCaseStatus(changed) ? changed : undefined });
  });

  office.post('/office/cases/:id/open', async (request, reply) => {
    const session = await requirePostSession(ctx, request, reply);
    if (!session) return reply;
    const found = await caseFor(session, request, reply, 'open');
    if (!found) return reply;
    if (!ctx.opener) return showCase(session, found, reply, 200);
    const { operator } = session;
    await writeAudit(ctx.db, { at: ctx.now(), action: 'open', operatorId: operator.id, operatorName: operator.name, city: operator.city, applicationId: found.id, caseNo: found.caseNo });
    const sealed = await findSealed(ctx.db, found.id);
    let personal: PersonalView = { kind: 'failed' };
    if (sealed) {
      try {
        personal = { kind: 'opened', personal: await ctx.opener(sealed) };
      } catch {
        personal = { kind: 'failed' }; // OpenError: wrong key or a moved payload; never its content in a log
      }
    }
    request.log.info({ caseNo: found.caseNo, operator: operator.id }, 'office opened a sealed part');
    return showCase(session, found, reply, 200, { personal });
  });

  office.post('/office/cases/:id/events', async (request, reply) => {
    const session = await requirePostSession(ctx, request, reply);
    if (!session) return reply;
    const found = await caseFor(session, request, reply, 'statusChange');
    if (!found) return reply;
    const form = formOf(request);
    const event = parseCaseEvent({ status: form.status, note: form.note ?? '' });
    if (!event.ok) return showCase(session, found, reply, 400, { problem: /note/.test(event.reason) ? '请填写说明：告诉申请人要补交什么、到哪里办，或为何不予受理（最多 500 字）。' : '无法识别的操作。' });
    const { operator } = session;
    const at = ctx.now();
    const outcome = await changeCaseStatus(ctx.db, { applicationId: found.id, city: operator.city, operator: `${operator.name}（${operator.id}）`, status: event.status, note: event.note, at }, ctx.facts.deadlineOf);
    if (outcome.kind === 'changed') {
      await writeAudit(ctx.db, { at, action: 'statusChanged', operatorId: operator.id, operatorName: operator.name, city: operator.city, applicationId: found.id, caseNo: found.caseNo, detail: event.status });
      request.log.info({ caseNo: found.caseNo, status: event.status }, 'case status changed');
      return reply.code(303).header('Location', `/office/cases/${found.id}?changed=${event.status}`).send();
    }
    if (outcome.kind === 'notAllowed') {
      const now = (await readOfficeCase(ctx.db, found.id, ctx.facts.deadlineOf)) ?? found;
      return showCase(session, now, reply, 409, { problem: `此办件现为“${statusWord(outcome.from)}”，不能改为所选状态（可能已由他人办理）。` });
    }
    return sendPage(reply, outcome.kind === 'otherCity' ? 403 : 404, renderMessagePage('无法办理', '这个办件不存在或由其他城市办理。', frameOf(session)));
  });
}
