// The outbox ports: an application sealed and stored (src/sync/submit.ts), and "我的办件" found by the card
// through the host's lookup key, with the case status the kiosk last learnt from the hub.
import { fromPromise } from 'xstate';
import type { BridgeClient } from '../../../src/bridge/client';
import type { Catalog } from '../../../src/domain/catalog';
import type { Clock } from '../../../src/domain/clock';
import { maskName } from '../../../src/domain/mask';
import { receiptQrPayload } from '../../../src/domain/receiptTemplate';
import type { IdentityCard } from '../../../src/domain/card';
import { createCaseStatusStore } from '../../../src/db/caseStatusStore';
import type { KioskStore } from '../../../src/db/openKioskStore';
import { OutboxError } from '../../../src/db/outboxError';
import type { DexieRatingStore } from '../../../src/db/ratingStore';
import type { MyApplication, SubmitInput, SubmitResult } from '../../../src/flows/ports';
import type { Locale } from '../../../src/i18n/locales';
import type { CaseStatusPuller } from '../../../src/sync/caseStatusPulls';
import type { SyncEngine } from '../../../src/sync/engine';
import { createBridgeLookupKeys } from '../../../src/sync/lookupKey';
import { submitApplication } from '../../../src/sync/submit';

export class NotEnrolledError extends Error {
  readonly code = 'not_enrolled';
}

/** Why an application was not stored, for the log: a code or an error's name, never its message or anything it held. */
const failureCode = (error: unknown): string =>
  error instanceof OutboxError || error instanceof NotEnrolledError ? error.code : error instanceof Error ? error.name : 'unknown';

export interface ApplicationPortDeps {
  bridge: BridgeClient;
  catalog: Catalog;
  store: KioskStore;
  engine: SyncEngine;
  isHubOnline: () => boolean;
  clock: Clock;
  puller: CaseStatusPuller;
  ratings: DexieRatingStore;
  newId: () => string;
}

export function applicationPorts({ bridge, catalog, store, engine, isHubOnline, clock, puller, ratings, newId }: ApplicationPortDeps) {
  // The host computes lookup keys with a secret this page never holds (ADR 0006).
  const lookupKeys = createBridgeLookupKeys(bridge);
  const caseStatus = createCaseStatusStore(store.db);
  return {
    submitApplication: fromPromise<SubmitResult, SubmitInput>(async ({ input }) => {
      try {
        const identity = await bridge.call('kiosk.identity', {});
        if (!identity.ok) throw new NotEnrolledError('this kiosk is not enrolled with the hub yet');
        const { card, item, city, values, locale } = input;
        const personal = { applicant: card, form: values, locale, serviceName: item.name['zh-CN'] };
        const { id, receiptNo, createdAt } = await submitApplication(
          { serviceId: item.id, handlingCity: city, idNumber: card.idNumber, personal },
          { store: store.outbox, identity: identity.value, lookupKeyOf: async (idNumber) => (await lookupKeys(idNumber))[0]!, newId, clock, onEnqueued: () => engine.wake('enqueue') },
        );
        return { applicationId: id, receiptNo, createdAt, queuedOffline: !isHubOnline(), qrPayload: receiptQrPayload(identity.value.publicUrl, receiptNo) };
      } catch (error) {
        // The resident is told on the screen; the technician finds how often, and why, in the log (a full disk).
        void bridge.call('app.log', { level: 'warn', scope: 'outbox', message: `application not stored: ${failureCode(error)}` });
        throw error;
      }
    }),

    listMyApplications: fromPromise<MyApplication[], { card: IdentityCard; locale: Locale }>(async ({ input }) => {
      const rows = await store.outbox.listByLookupKeys(await lookupKeys(input.card.idNumber));
      // Learn what changed since last time (a short pull; offline it fails at once and the stored statuses stay).
      const pulled = rows.length ? await puller.pull() : null;
      const known = await caseStatus.byIds(rows.map((r) => r.id));
      const checkedAt = pulled?.checkedAt ?? (await caseStatus.feed()).checkedAt;
      // The result of a completed case is rated once (评价次数 2): which of these already were, on this kiosk.
      const ratedResults = await ratings.resultRated(rows.map((r) => r.id));
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
