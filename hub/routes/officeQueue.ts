// GET /office/queue?status=&service=&received=&due=soon — the signed-in operator's city queue. Filters that do
// not parse are ignored (a page, not an API: the form only offers valid values). "Due soon": accepted cases whose
// promised date (承诺办结) is within 3 days (China dates) or already past. Above the queue: the last day's calls for
// staff and cards left behind at the city's cabins (kiosk events).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { addDays, chinaToday } from '../../src/domain/clock';
import { isMetroCityCode } from '../../src/domain/divisions';
import { sendPage } from '../office/html';
import { renderQueuePage } from '../office/queuePage';
import { readSiteAlerts } from '../store/kiosks';
import { officeStatusFilters, readOfficeQueue, readOfficeServices } from '../store/officeCases';
import { requireSession, type OfficeContext } from './officeSession';

const queueLimit = 200;
const dueSoonDays = 3;
const alertWindowMs = 24 * 3600_000;

const querySchema = z.object({
  status: z.enum(officeStatusFilters).catch('open'),
  service: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/).optional().catch(undefined),
  received: z.string().refine(isMetroCityCode).optional().catch(undefined),
  due: z.literal('soon').optional().catch(undefined),
});

export function registerOfficeQueueRoutes(office: FastifyInstance, ctx: OfficeContext): void {
  office.get('/office/queue', async (request, reply) => {
    const session = await requireSession(ctx, request, reply);
    if (!session) return reply;
    const query = querySchema.parse(request.query ?? {});
    const city = session.operator.city;
    const filter = { status: query.status, serviceId: query.service, receivedCity: query.received, dueSoon: query.due === 'soon' };
    const serviceName = (id: string) => ctx.facts.service(id).name['zh-CN'] ?? id;
    const today = chinaToday(ctx.clock);
    let cases = await readOfficeQueue(ctx.db, city, filter, ctx.facts.deadlineOf, queueLimit);
    if (filter.dueSoon) cases = cases.filter((c) => c.status === 'accepted' && c.deadline !== null && c.deadline <= addDays(today, dueSoonDays));
    const services = (await readOfficeServices(ctx.db, city)).map((id) => ({ id, name: serviceName(id) }));
    const alerts = await readSiteAlerts(ctx.db, city, new Date(ctx.clock.now() - alertWindowMs));
    return sendPage(reply, 200, renderQueuePage({ operator: session.operator, csrfToken: session.csrfToken, filter, cases, services, serviceName, today, limit: queueLimit, alerts }));
  });
}
