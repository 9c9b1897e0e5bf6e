// The resident flows' ports, implemented in the renderer: the card reader and printer through the bridge, the
// outbox in IndexedDB (sealed to the hub's key before it is stored), ratings through the rating store (validated,
// strict durability).
import { fromCallback, fromPromise } from 'xstate';
import type { BridgeClient } from '../../src/bridge/client';
import { isoNow, systemClock } from '../../src/domain/clock';
import type { Clock } from '../../src/domain/clock';
import { crossRegionModeInfo, departmentLabelKey, localize } from '../../src/domain/catalog';
import type { Catalog, ServiceItem } from '../../src/domain/catalog';
import { getDivision } from '../../src/domain/divisions';
import { createRating } from '../../src/domain/rating';
import { buildApplicationReceipt, buildServiceGuide, receiptQrPayload } from '../../src/domain/receiptTemplate';
import { buildStatusSlip } from '../../src/domain/statusSlip';
import { maskName } from '../../src/domain/mask';
import { receiptMaterials } from '../../src/domain/receiptMaterials';
import type { ReceiptDocument } from '../../src/domain/receipt';
import { createUuidV7 } from '../../src/domain/uuidv7';
import type { KioskStore } from '../../src/db/openKioskStore';
import type { CardReaderEvent, MyApplication, PrintOutcome, portActors } from '../../src/flows/ports';
import { t } from '../../src/i18n';
import { createBridgeLookupKeys } from '../../src/sync/lookupKey';
import { submitApplication } from '../../src/sync/submit';
import { createCaseStatusStore } from '../../src/db/caseStatusStore';
import { createRatingStore, type DexieRatingStore } from '../../src/db/ratingStore';
import type { CaseFeedLink } from '../../src/sync/caseStatusSync';
import { createCaseStatusPuller, type CaseStatusPuller } from '../../src/sync/caseStatusPulls';
import { systemClock as timers } from '../../src/sync/ports';
import type { SyncEngine } from '../../src/sync/engine';

export interface PortDeps {
  bridge: BridgeClient;
  catalog: Catalog;
  store: KioskStore;
  engine: SyncEngine;
  isHubOnline: () => boolean;
  /** Where ratings are kept until sent (boot.ts shares it with the rating sync); default: one made here. */
  ratings?: DexieRatingStore;
  /** Called after a rating is stored (wakes the rating sync); default none. */
  onRatingSaved?: () => void;
  /** "Now" for receipt, guide and rating times (default: the system clock). */
  clock?: Clock;
  /** The background case-status pulls (boot.ts starts them); default: one made here, pulling only for "我的办件". */
  casePuller?: CaseStatusPuller;
}

/** The hub's change feed over the bridge, for the case-status puller. */
export const bridgeCaseFeed = (bridge: Pick<BridgeClient, 'call'>): CaseFeedLink => ({ changes: (since) => bridge.call('hub.caseChanges', { since }) });

const newUuidV7 = createUuidV7();

export class NotEnrolledError extends Error {
  readonly code = 'not_enrolled';
}

const zh = (item: ServiceItem) => item.name['zh-CN'];
const cityName = (code: string | null) => (code ? (getDivision(code)?.name['zh-CN'] ?? code) : undefined);
const department = (item: ServiceItem) => localize(item.handlingBody, 'zh-CN').text || t('zh-CN', departmentLabelKey(item.department));
const timeLimit = (item: ServiceItem) => ({ value: item.timeLimit.promised.days, unit: item.timeLimit.promised.unit === 'calendarDays' ? ('自然日' as const) : ('工作日' as const) });
const materialForm = { original: '原件', copy: '复印件', both: '原件和复印件' } as const;

/** Prints a document; a printer that is not ready or not there is an outcome for the screen, not an error. */
async function print(bridge: BridgeClient, document: ReceiptDocument, jobId: string, reprint = false): Promise<PrintOutcome> {
  const result = await bridge.call('printer.print', { document, reprint, jobId });
  if (result.ok) return result.value.outcome === 'printed' ? 'printed' : result.value.state === 'paperOut' ? 'paperOut' : 'failed';
  if (result.error.code === 'device') return result.error.detail === 'paperOut' ? 'paperOut' : 'failed';
  return 'unavailable';
}

export function createPorts({ bridge, catalog, store, engine, isHubOnline, ratings = createRatingStore(store.db), onRatingSaved, clock = systemClock, casePuller }: PortDeps): Partial<typeof portActors> {
  // The host computes lookup keys with a secret this page never holds (ADR 0006).
  const lookupKeys = createBridgeLookupKeys(bridge);
  const caseStatus = createCaseStatusStore(store.db);
  const puller = casePuller ?? createCaseStatusPuller({ link: bridgeCaseFeed(bridge), store: caseStatus, clock: { ...timers, now: clock.now } });
  return {
    cardReader: fromCallback(({ sendBack }) => {
      const send = (event: CardReaderEvent) => sendBack(event as never);
      void bridge.call('card.status', {}).then(async (status) => {
        send({ type: 'reader.status', ready: status.ok && status.value.state === 'ready' });
        // A card left lying on the reader was read once, for someone else's screen or an earlier visit: read it
        // again for this one (the reader reads once per placing otherwise, and an elder would wait forever).
        if (status.ok && status.value.cardPresent) {
          const again = await bridge.call('card.readAgain', {});
          if (again.ok && again.value.present) send({ type: 'card.inserted' });
        }
      });
      const offs = [
        bridge.on('card.inserted', () => send({ type: 'card.inserted' })),
        bridge.on('card.read', (card) => send({ type: 'card.read', card })),
        bridge.on('card.error', ({ reason }) => send({ type: 'card.error', reason })),
        bridge.on('card.removed', () => send({ type: 'card.removed' })),
        bridge.on('reader.status', (status) => send({ type: 'reader.status', ready: status.state === 'ready' })),
      ];
      return () => offs.forEach((off) => off());
    }),

    submitApplication: fromPromise(async ({ input }) => {
      const identity = await bridge.call('kiosk.identity', {});
      if (!identity.ok) throw new NotEnrolledError('this kiosk is not enrolled with the hub yet');
      const { card, item, city, values, locale } = input;
      const personal = { applicant: card, form: values, locale, serviceName: zh(item) };
      const { id, receiptNo, createdAt } = await submitApplication(
        { serviceId: item.id, handlingCity: city, idNumber: card.idNumber, personal },
        { store: store.outbox, identity: identity.value, lookupKeyOf: async (idNumber) => (await lookupKeys(idNumber))[0]!, newId: newUuidV7, clock, onEnqueued: () => engine.wake('enqueue') },
      );
      return { applicationId: id, receiptNo, createdAt, queuedOffline: !isHubOnline(), qrPayload: receiptQrPayload(identity.value.publicUrl, receiptNo) };
    }),

    printReceipt: fromPromise(async ({ input }) => {
      const { submission, item, city, card, reprint } = input;
      const identity = await bridge.call('kiosk.identity', {});
      const document = buildApplicationReceipt({
        receiptNo: submission.receiptNo,
        serviceName: zh(item),
        handlingCity: cityName(city) ?? city,
        handlingDepartment: department(item),
        receivedAt: submission.createdAt,
        applicantName: card.name,
        applicantIdNumber: card.idNumber,
        mode: crossRegionModeInfo[item.kioskMode].term as never,
        materials: receiptMaterials(item),
        timeLimit: timeLimit(item),
        queryUrl: (identity.ok && identity.value.publicUrl) || undefined,
        consultPhone: item.consultPhone,
      });
      // The application id as job id: the printer log ties the job to the application without personal data.
      return print(bridge, document, submission.applicationId.replace(/[^A-Za-z0-9_-]/g, ''), reprint);
    }),

    printGuide: fromPromise(async ({ input }) => {
      const { item, city } = input;
      const document = buildServiceGuide({
        serviceName: zh(item),
        handlingCity: cityName(city),
        department: department(item),
        conditions: localize(item.conditions, 'zh-CN').text.slice(0, 1000) || undefined,
        materials: item.materials.slice(0, 40).map((m) => ({
          name: m.name['zh-CN'].slice(0, 100),
          form: materialForm[m.form],
          countOriginal: m.originals,
          countCopy: m.copies,
          required: m.required,
        })),
        timeLimit: timeLimit(item),
        consultPhone: item.consultPhone,
        printedAt: isoNow(clock),
      });
      return print(bridge, document, `guide-${item.id}`);
    }),

    saveRating: fromPromise(async ({ input }) => {
      const identity = await bridge.call('kiosk.identity', {});
      const ratedAt = isoNow(clock);
      // The place of evaluation is the kiosk's own district (its site code), Hubei when not enrolled yet.
      const division = identity.ok ? identity.value.siteCode.slice(0, 6) : '420000';
      await ratings.save(createRating({ ...input, id: newUuidV7(), ratedAt, division }), ratedAt);
      onRatingSaved?.();
    }),

    printStatusSlip: fromPromise(async ({ input }) => {
      const { application: app } = input;
      if (!app.case) return 'failed' as const;
      const identity = await bridge.call('kiosk.identity', {});
      const item = catalog.items.find((i) => i.id === app.serviceId);
      const document = buildStatusSlip({
        receiptNo: app.receiptNo,
        serviceName: item ? zh(item) : app.serviceName,
        caseNo: app.caseNo,
        applicantName: app.applicantMasked,
        status: app.case.status,
        note: app.case.note,
        deadline: app.case.deadline,
        updatedAt: app.case.updatedAt,
        asOf: app.case.checkedAt,
        queryUrl: (identity.ok && identity.value.publicUrl) || undefined,
        printedAt: isoNow(clock),
      });
      return print(bridge, document, `slip-${app.receiptNo}`.replace(/[^A-Za-z0-9_-]/g, ''));
    }),

    listMyApplications: fromPromise(async ({ input }) => {
      const rows = await store.outbox.listByLookupKeys(await lookupKeys(input.card.idNumber));
      // Learn what changed since last time (a short pull; offline it fails at once and the stored statuses stay).
      const pulled = rows.length ? await puller.pull() : null;
      const known = await caseStatus.byIds(rows.map((r) => r.id));
      const checkedAt = pulled?.checkedAt ?? (await caseStatus.feed()).checkedAt;
      // The result of a completed case is rated once (评价次数 2): which of these already were, on this kiosk.
      const ids = new Set(rows.map((r) => r.id));
      const ratedResults = new Set((await store.db.ratings.filter((r) => r.assessNumber === 2 && r.applicationId !== null && ids.has(r.applicationId)).toArray()).map((r) => r.applicationId));
      const applicantMasked = maskName(input.card.name);
      return rows.map((row): MyApplication => {
        const remote = known.get(row.id);
        return {
          applicationId: row.id,
          serviceId: row.serviceId,
          applicantMasked,
          resultRated: ratedResults.has(row.id),
          receiptNo: row.receiptNo,
          serviceName: catalog.items.find((i) => i.id === row.serviceId)?.name[input.locale] ?? row.serviceId,
          submittedAt: row.createdAt,
          status: row.status,
          caseNo: remote?.caseNo ?? row.caseNo ?? null,
          fromHub: remote !== undefined,
          case: remote ? { status: remote.status, note: remote.note, deadline: remote.deadline, updatedAt: remote.updatedAt, checkedAt } : null,
        };
      });
    }),
  };
}
