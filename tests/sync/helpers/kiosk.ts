// A kiosk's local side for tests: KioskDb on a fresh fake-indexeddb, its outbox store, a hub key pair and a
// submit function producing realistic sealed rows.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { KioskDb } from '../../../src/db/kioskDb';
import { createOutboxStore } from '../../../src/db/outboxStore';
import type { DexieOutboxStore } from '../../../src/db/outboxStore';
import { createUuidV7 } from '../../../src/domain/uuidv7';
import { bytesToBase64 } from '../../../src/sync/base64';
import { computeLookupKey, createLookupSecret } from '../../../src/sync/lookupKey';
import { createSealSuite } from '../../../src/sync/seal';
import { submitApplication } from '../../../src/sync/submit';
import type { KioskIdentity } from '../../../src/bridge/contract/hub';

export interface TestKiosk {
  idb: IDBFactory;
  db: KioskDb;
  store: DexieOutboxStore;
  identity: KioskIdentity;
  submit(n?: number): Promise<{ id: string; receiptNo: string }>;
  /** Opens the same IndexedDB again, as a reloaded renderer would. */
  reopen(): Promise<{ db: KioskDb; store: DexieOutboxStore }>;
}

export async function generateHubKeys() {
  const suite = createSealSuite();
  const pair = await suite.kem.generateKeyPair();
  const publicKey = bytesToBase64(new Uint8Array(await suite.kem.serializePublicKey(pair.publicKey)));
  return { suite, pair, publicKey };
}

export async function createTestKiosk(options: { identity?: KioskIdentity; now?: () => number; name?: string } = {}): Promise<TestKiosk> {
  const idb = new IDBFactory();
  const name = options.name ?? 'kiosk-test';
  const db = new KioskDb(name, { indexedDB: idb, IDBKeyRange });
  await db.open();
  const store = createOutboxStore(db, options.now ? { now: options.now } : {});
  const identity = options.identity ?? { kioskId: 'kiosk-test', siteCode: '420102-001', hpkePublicKey: (await generateHubKeys()).publicKey, signingPublicKey: Buffer.alloc(32).toString('base64') };
  const newId = createUuidV7(options.now ? { now: options.now } : {});
  // Stands in for the host's lookup secret (main/host/lookup): these tests are about the outbox, not the key.
  const secret = createLookupSecret();
  let counter = 0;
  return {
    idb,
    db,
    store,
    identity,
    async submit(n = counter++) {
      return submitApplication(
        {
          serviceId: 'hukou-transfer',
          handlingCity: '420100',
          idNumber: `42010219900101${String(1000 + (n % 9000)).padStart(4, '0')}`,
          personal: { name: '测试', idNumber: '420102199001011234', phone: '13800138000', answers: { n } },
        },
        { store, identity, lookupKeyOf: (idNumber) => computeLookupKey(idNumber, secret), newId, ...(options.now ? { clock: { now: options.now } } : {}) },
      );
    },
    async reopen() {
      const again = new KioskDb(name, { indexedDB: idb, IDBKeyRange });
      await again.open();
      return { db: again, store: createOutboxStore(again, options.now ? { now: options.now } : {}) };
    },
  };
}
