// What a thief with a copy of the kiosk's IndexedDB holds (ADR 0006): every value of every object store of
// the kiosk database, read raw in the page, byte arrays as base64. And the brute force such a copy allows:
// does any value, taken as a secret, compute a row's lookup key for a known ID number?
import { createHmac } from 'node:crypto';
import type { Page } from '@playwright/test';

export async function copyIndexedDb(page: Page, name = 'zhengwu-kiosk'): Promise<Record<string, unknown[]>> {
  return page.evaluate(async (dbName) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(dbName);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const plain = (value: unknown): unknown => {
      if (value instanceof Uint8Array || value instanceof ArrayBuffer) return { bytes: btoa(String.fromCharCode(...new Uint8Array(value))) };
      if (Array.isArray(value)) return value.map(plain);
      if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
      return value;
    };
    const copy: Record<string, unknown[]> = {};
    for (const store of Array.from(db.objectStoreNames)) {
      copy[store] = await new Promise<unknown[]>((resolve, reject) => {
        const request = db.transaction(store).objectStore(store).getAll();
        request.onsuccess = () => resolve((request.result as unknown[]).map(plain));
        request.onerror = () => reject(request.error);
      });
    }
    db.close();
    return copy;
  }, name);
}

/** Every string in the copy taken as a secret, read as base64, hex and UTF-8 (16 bytes or more). */
function candidates(value: unknown, out: Buffer[] = []): Buffer[] {
  if (typeof value === 'string') out.push(Buffer.from(value, 'base64'), Buffer.from(value, 'hex'), Buffer.from(value, 'utf8'));
  else if (value && typeof value === 'object') for (const v of Object.values(value)) candidates(v, out);
  return out.filter((bytes) => bytes.length >= 16);
}

export const hmacHex = (secret: Buffer, idNumber: string): string => createHmac('sha256', secret).update(idNumber).digest('hex');

export const copyYieldsLookupKey = (copy: unknown, idNumber: string, lookupKey: string): boolean => candidates(copy).some((secret) => hmacHex(secret, idNumber) === lookupKey);
