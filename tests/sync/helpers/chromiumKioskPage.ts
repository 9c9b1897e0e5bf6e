// Page side of tests/sync/chromiumRestart.test.ts, bundled with esbuild: the kiosk's real submit path and
// sync engine on Chromium's IndexedDB. The hub is reached through `hubSendBatch`, a function the test exposes
// to the page and answers with the host's hub service, standing in for the bridge transport.
import type { KioskIdentity } from '../../../src/bridge/contract/hub';
import type { Result } from '../../../src/bridge/result';
import { openKioskStore } from '../../../src/db/openKioskStore';
import type { BatchRequest, BatchResponse } from '../../../src/domain/hubApi';
import { createUuidV7 } from '../../../src/domain/uuidv7';
import { createSyncEngine } from '../../../src/sync/engine';
import type { SyncStatus } from '../../../src/sync/engine';
import { submitApplication } from '../../../src/sync/submit';
import { computeLookupKey, createLookupSecret } from '../../../src/sync/lookupKey';

declare function hubSendBatch(request: BatchRequest): Promise<Result<BatchResponse>>;

async function submit(identity: KioskIdentity): Promise<{ id: string; receiptNo: string; persistence: string }> {
  const store = await openKioskStore();
  const submitted = await submitApplication(
    { serviceId: 'hukou-transfer', handlingCity: '420100', idNumber: '420102199001011234', personal: { name: '测试', idNumber: '420102199001011234' } },
    { store: store.outbox, identity, lookupKeyOf: (idNumber) => computeLookupKey(idNumber, createLookupSecret()), newId: createUuidV7() },
  );
  store.db.close();
  return { ...submitted, persistence: store.persistence };
}

/** Starts the engine and resolves with the first status that is idle and empty, or the last one after `ms`. */
async function sync(ms: number): Promise<SyncStatus & { rows: { status: string; caseNo: string | null }[] }> {
  const store = await openKioskStore();
  const engine = createSyncEngine({ store: store.outbox, hub: { sendBatch: (request) => hubSendBatch(request) }, networkBackoff: { baseMs: 100, capMs: 500 } });
  const status = await new Promise<SyncStatus>((resolve) => {
    const timer = setTimeout(() => resolve(engine.status()), ms);
    engine.subscribe((s) => {
      if (s.state === 'idle' && s.queued === 0 && s.sending === 0 && s.lastSuccessAt !== null) {
        clearTimeout(timer);
        resolve(s);
      }
    });
    void engine.start();
  });
  await engine.stop();
  const rows = (await store.db.outbox.toArray()).map((row) => ({ status: row.status, caseNo: row.caseNo }));
  store.db.close();
  return { ...status, rows };
}

Object.assign(globalThis, { kioskSubmit: submit, kioskSync: sync });
