// The page side of bench/sync-kiosk.ts, bundled with esbuild and run in Chromium on real IndexedDB: the
// kiosk's enqueue (KioskDb + outbox store, strict durability) against the floor, a raw IndexedDB put of the
// same row in a strict transaction. Interleaved in rounds so that neither side gets the warmer disk.
import { KioskDb } from '../../../src/db/kioskDb';
import { createOutboxStore } from '../../../src/db/outboxStore';
import { createUuidV7 } from '../../../src/domain/uuidv7';
import type { OutboxDraft } from '../../../src/sync/outboxRow';

const newId = createUuidV7();
const ct = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(700)))); // a typical sealed form
const enc = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))));

const draft = (): OutboxDraft => ({
  id: newId(),
  serviceId: 'WHMA-SB-01',
  handlingCity: '420100',
  createdAt: new Date().toISOString(),
  sealed: { suite: 'hpke-base-x25519-sha256-aes128gcm', enc, ct },
  lookupKey: 'a'.repeat(64),
});

function openRaw(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open('raw-bench', 2);
    // The same store shape as KioskDb's outbox (its indexes are part of any outbox, not Dexie's overhead).
    request.onupgradeneeded = () => {
      if (request.result.objectStoreNames.contains('outbox')) return;
      request.result.createObjectStore('settings', { keyPath: 'key' });
      const outbox = request.result.createObjectStore('outbox', { keyPath: 'id' });
      outbox.createIndex('receiptNo', 'receiptNo', { unique: true });
      for (const index of ['status', 'lookupKey', 'createdAt', 'caseNo']) outbox.createIndex(index, index);
      outbox.createIndex('[status+nextAttemptAt]', ['status', 'nextAttemptAt']);
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** One put; with `sameWork`, also what enqueue does around it: write the receipt sequence high-water mark. */
function rawPut(db: IDBDatabase, row: { receiptNo: string } & Record<string, unknown>, sameWork: boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(['outbox', 'settings'], 'readwrite', { durability: 'strict' });
    tx.objectStore('outbox').put(row);
    if (sameWork) tx.objectStore('settings').put({ key: 'receiptSeq', value: row.receiptNo });
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

/** Samples per side, and per round (so a ratio can be taken within one round, under the same load). */
export interface BenchResult {
  rounds: { kiosk: number[]; raw: number[]; rawSameWork: number[] }[];
  kiosk: number[];
  raw: number[];
  rawSameWork: number[];
  persisted: boolean;
}

async function run(rounds: number, perRound: number): Promise<BenchResult> {
  const db = new KioskDb('kiosk-bench');
  await db.open();
  const store = createOutboxStore(db);
  const raw = await openRaw();
  const result: BenchResult = { rounds: [], kiosk: [], raw: [], rawSameWork: [], persisted: (await navigator.storage?.persisted?.()) ?? false };
  let serial = 0;
  const runTag = newId();
  for (let round = 0; round < rounds; round++) {
    const thisRound = { kiosk: [] as number[], raw: [] as number[], rawSameWork: [] as number[] };
    result.rounds.push(thisRound);
    const orders = [['raw', 'kiosk', 'rawSameWork'], ['kiosk', 'rawSameWork', 'raw'], ['rawSameWork', 'raw', 'kiosk']] as const;
    const sides = orders[round % orders.length] ?? orders[0];
    for (const side of sides) {
      for (let i = 0; i < perRound; i++) {
        const one = draft();
        const started = performance.now();
        if (side === 'kiosk') await store.enqueue(one, '420102-001');
        else await rawPut(raw, { ...one, receiptNo: `RAW-${runTag}-${serial++}`, status: 'queued', attempts: 0, nextAttemptAt: Date.now(), lastError: null, caseNo: null, leaseUntil: null, strikes: 0, strikeReason: null }, side === 'rawSameWork');
        const ms = performance.now() - started;
        result[side].push(ms);
        thisRound[side].push(ms);
      }
    }
  }
  db.close();
  raw.close();
  return result;
}

(globalThis as unknown as { runEnqueueBench: typeof run }).runEnqueueBench = run;
