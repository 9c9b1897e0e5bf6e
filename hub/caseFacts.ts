// What the case routes need to know about each service, read once from the published catalogue: its names
// (for the public status page) and its promised time limit (承诺时限, for deadlines). The catalogue is loose
// at the hub (catalogPayloadSchema), so each item is checked here and an item without usable facts simply has
// none (no name shown, no deadline promised) instead of failing the hub.
import { z } from 'zod';
import { caseDeadline, weekdaysOnly, type CaseTimeLimit, type WorkCalendar } from '../src/domain/caseDeadline';
import type { PublishedCatalog } from './catalog';
import type { DeadlineOf } from './store/cases';

const nameSchema = z.union([z.string().transform((zh) => ({ 'zh-CN': zh, en: null })), z.object({ 'zh-CN': z.string(), en: z.string().nullable().default(null) })]);
const limitSchema = z.object({ days: z.number().int().nonnegative().nullable(), unit: z.enum(['workingDays', 'calendarDays']) });

export interface ServiceFacts {
  name: { 'zh-CN': string | null; en: string | null };
  promised: CaseTimeLimit | null;
}

export interface CaseFacts {
  service(serviceId: string): ServiceFacts;
  deadlineOf: DeadlineOf;
}

export function readCaseFacts(catalog: PublishedCatalog, calendar: WorkCalendar = weekdaysOnly): CaseFacts {
  return readCaseFactsOf(catalog.signed.payload, calendar);
}

/** The same facts from a catalogue's JSON text (kioskctl reads the file itself when no hub runs). */
export function readCaseFactsOf(payloadText: string, calendar: WorkCalendar = weekdaysOnly): CaseFacts {
  const byId = new Map<string, ServiceFacts>();
  const payload = JSON.parse(payloadText) as { items?: unknown[] };
  for (const raw of payload.items ?? []) {
    const item = z.looseObject({ id: z.string() }).safeParse(raw);
    if (!item.success) continue;
    const name = nameSchema.safeParse(item.data.name);
    const promised = limitSchema.safeParse((item.data.timeLimit as { promised?: unknown } | undefined)?.promised);
    byId.set(item.data.id, { name: name.success ? name.data : { 'zh-CN': null, en: null }, promised: promised.success ? promised.data : null });
  }
  const unknown: ServiceFacts = { name: { 'zh-CN': null, en: null }, promised: null };
  const service = (serviceId: string): ServiceFacts => byId.get(serviceId) ?? unknown;
  return {
    service,
    deadlineOf: (serviceId, acceptedAt) => {
      const promised = service(serviceId).promised;
      return acceptedAt && promised ? caseDeadline(acceptedAt, promised, calendar) : null;
    },
  };
}
