// ADR 0006 on a kiosk that ran an older version: its IndexedDB holds the lookup secret next to rows keyed with
// it. After the hand-over at start the host holds the secret, the rows are still found by the resident's card,
// and a copy of the IndexedDB alone no longer yields any lookup key.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../main/host/log';
import { createLookupService } from '../../main/host/lookup/lookupService';
import { lookupSecretsPath } from '../../main/host/lookup/lookupSecretStore';
import type { BridgeClient } from '../../src/bridge/client';
import { createDispatcher } from '../../src/bridge/dispatcher';
import { KioskDb } from '../../src/db/kioskDb';
import { createOutboxStore } from '../../src/db/outboxStore';
import { handOverLegacyLookupSecret, settingKeys } from '../../src/db/settings';
import { createUuidV7 } from '../../src/domain/uuidv7';
import { computeLookupKey, createBridgeLookupKeys, createLookupSecret } from '../../src/sync/lookupKey';
import { submitApplication } from '../../src/sync/submit';
import { generateHubKeys } from '../sync/helpers/kiosk';

const idNumber = '420102199001011234';

/** The host's dispatcher behind a bridge client's `call`, as either adapter delivers it. */
function hostBridge(dataDir: string): Pick<BridgeClient, 'call'> {
  const dispatcher = createDispatcher(createLookupService(dataDir, createLogger('test', { write: () => undefined })).handlers);
  return { call: (method, input) => dispatcher.dispatch(method, input) as never };
}

/** Every value of every table, as a thief with a copy of the IndexedDB files would read it. */
async function dumpIndexedDb(db: KioskDb): Promise<unknown[]> {
  return (await Promise.all(db.tables.map((table) => table.toArray()))).flat();
}

/** Every byte string in a dump that could be a secret: byte arrays, and strings read as base64, hex or UTF-8. */
function candidateSecrets(value: unknown, out: Uint8Array[] = []): Uint8Array[] {
  if (value instanceof Uint8Array || value instanceof ArrayBuffer) out.push(new Uint8Array(value));
  else if (typeof value === 'string') out.push(Buffer.from(value, 'base64'), Buffer.from(value, 'hex'), Buffer.from(value, 'utf8'));
  else if (value && typeof value === 'object') for (const v of Object.values(value)) candidateSecrets(v, out);
  return out.filter((bytes) => bytes.length >= 16);
}

/** Whether anything in the dump computes `lookupKey` for the ID number: the brute force a disk copy allows. */
async function dumpYieldsKey(dump: unknown[], lookupKey: string): Promise<boolean> {
  for (const candidate of candidateSecrets(dump)) if ((await computeLookupKey(idNumber, candidate)) === lookupKey) return true;
  return false;
}

async function olderKiosk() {
  const db = new KioskDb('kiosk-upgrade', { indexedDB: new IDBFactory(), IDBKeyRange });
  await db.open();
  const legacy = createLookupSecret();
  await db.settings.put({ key: settingKeys.lookupSecret, value: legacy });
  const outbox = createOutboxStore(db);
  const identity = { kioskId: 'k1', siteCode: '420102-001', hpkePublicKey: (await generateHubKeys()).publicKey, signingPublicKey: Buffer.alloc(32).toString('base64') };
  const submit = (lookupKeyOf: (id: string) => Promise<string>) =>
    submitApplication({ serviceId: 'hukou-transfer', handlingCity: '420100', idNumber, personal: { idNumber } }, { store: outbox, identity, lookupKeyOf, newId: createUuidV7() });
  const old = await submit((id) => computeLookupKey(id, legacy));
  return { db, outbox, legacy, submit, old };
}

describe('lookup secret hand-over (ADR 0006)', () => {
  it('moves the secret to the host, keeps old rows findable, and leaves nothing in IndexedDB to brute-force with', async () => {
    const { db, outbox, legacy, submit, old } = await olderKiosk();
    const oldKey = (await db.outbox.get(old.id))!.lookupKey;
    // The flaw being fixed, shown by the same check: before the hand-over a copy of the IndexedDB yields the key.
    expect(await dumpYieldsKey(await dumpIndexedDb(db), oldKey)).toBe(true);

    const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-lookup-'));
    const bridge = hostBridge(dataDir);
    const adopt = async (secret: string) => {
      const answer = await bridge.call('lookup.adoptLegacySecret', { secret });
      return answer.ok && answer.value.outcome !== 'full';
    };
    expect(await handOverLegacyLookupSecret(db, adopt)).toBe('handedOver');
    expect(await db.settings.get(settingKeys.lookupSecret)).toBeUndefined();
    expect(readFileSync(lookupSecretsPath(dataDir), 'utf8')).toContain(Buffer.from(legacy).toString('base64'));
    expect(await handOverLegacyLookupSecret(db, adopt)).toBe('none'); // once

    // A new application is keyed by the host's current secret; the card finds both, old and new.
    const lookupKeys = createBridgeLookupKeys(bridge);
    const fresh = await submit(async (id) => (await lookupKeys(id))[0]!);
    const mine = await outbox.listByLookupKeys(await lookupKeys(idNumber));
    expect(mine.map((row) => row.receiptNo).sort()).toEqual([old.receiptNo, fresh.receiptNo].sort());

    // A copy of the IndexedDB alone: no secret in it, and nothing in it computes either row's key.
    const dump = await dumpIndexedDb(db);
    const freshKey = (await db.outbox.get(fresh.id))!.lookupKey;
    expect(await dumpYieldsKey(dump, oldKey)).toBe(false);
    expect(await dumpYieldsKey(dump, freshKey)).toBe(false);
    const hostSecrets = (JSON.parse(readFileSync(lookupSecretsPath(dataDir), 'utf8')) as { secrets: string[] }).secrets;
    const text = JSON.stringify(dump, (_k, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v));
    for (const secret of hostSecrets) expect(text).not.toContain(secret);
  });

  it('keeps the secret in IndexedDB when the host does not take it, so no row loses its resident', async () => {
    const { db, legacy } = await olderKiosk();
    expect(await handOverLegacyLookupSecret(db, async () => false)).toBe('kept');
    expect((await db.settings.get(settingKeys.lookupSecret))?.value).toEqual(legacy);
    await expect(handOverLegacyLookupSecret(db, () => Promise.reject(new Error('bridge down')))).rejects.toThrow('bridge down');
    expect((await db.settings.get(settingKeys.lookupSecret))?.value).toEqual(legacy);
  });
});
