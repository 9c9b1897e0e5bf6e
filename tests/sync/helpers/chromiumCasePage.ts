// Page side of tests/sync/caseStatusChromium.test.ts, bundled with esbuild: the kiosk's real submit path,
// sync engine and case-status feed on Chromium's IndexedDB. The hub is reached through functions the test
// exposes to the page and answers with the host's hub service, standing in for the bridge transport.
import type { KioskIdentity } from '../../../src/bridge/contract/hub';
import type { Result } from '../../../src/bridge/result';
import { createCaseStatusStore } from '../../../src/db/caseStatusStore';
import { openKioskStore } from '../../../src/db/openKioskStore';
import type { KioskCaseChanges } from '../../../src/domain/caseApi';
import type { BatchRequest, BatchResponse } from '../../../src/domain/hubApi';
import { createUuidV7 } from '../../../src/domain/uuidv7';
import { pullCaseChanges } from '../../../src/sync/caseStatusSync';
import { createSyncEngine } from '../../../src/sync/engine';
import { submitApplication } from '../../../src/sync/submit';

declare function hubSendBatch(request: BatchRequest): Promise<Result<BatchResponse>>;
declare function hubCaseChanges(request: { since: string }): Promise<Result<KioskCaseChanges>>;

async function submit(identity: KioskIdentity): Promise<{ id: string; receiptNo: string }> {
  const store = await openKioskStore();
  const submitted = await submitApplication(
    { serviceId: 'WHMA-SB-01', handlingCity: '420102', idNumber: '420102199001011234', personal: { name: '测试', idNumber: '420102199001011234' } },
    // The lookup key is the host's business (ADR 0006); this page only needs a row to sync, made at the hub's "now".
    { store: store.outbox, identity, lookupKeyOf: async () => 'c'.repeat(64), newId: createUuidV7(), clock: { now: () => Date.parse('2026-09-30T04:00:00Z') } },
  );
  store.db.close();
  return submitted;
}

/** Runs the sync engine until the outbox is empty (or `ms` pass). */
async function sync(ms: number): Promise<number> {
  const store = await openKioskStore();
  const engine = createSyncEngine({ store: store.outbox, hub: { sendBatch: (request) => hubSendBatch(request) }, networkBackoff: { baseMs: 100, capMs: 500 } });
  const queued = await new Promise<number>((resolve) => {
    const timer = setTimeout(() => resolve(engine.status().queued), ms);
    engine.subscribe((s) => {
      if (s.state === 'idle' && s.queued === 0 && s.sending === 0 && s.lastSuccessAt !== null) {
        clearTimeout(timer);
        resolve(0);
      }
    });
    void engine.start();
  });
  await engine.stop();
  store.db.close();
  return queued;
}

/** One pull of the case feed, then what IndexedDB holds for `ids`, as "我的办件" reads it. */
async function pull(ids: string[], nowIso: string) {
  const store = await openKioskStore();
  const cases = createCaseStatusStore(store.db);
  const outcome = await pullCaseChanges({ changes: (since) => hubCaseChanges({ since }) }, cases, () => new Date(nowIso));
  const known = [...(await cases.byIds(ids)).values()];
  const feed = await cases.feed();
  const verno = store.db.verno;
  store.db.close();
  return { outcome, known, feed, verno };
}

Object.assign(globalThis, { kioskSubmit: submit, kioskSync: sync, kioskPullCases: pull });
