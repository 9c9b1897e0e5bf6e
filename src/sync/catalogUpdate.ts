// The signed catalog on the kiosk (DESIGN.md §4 "Catalog"). Runs anywhere (renderer, Node tests). The hub
// publishes `{ payload, signature, algorithm: 'ed25519' }`, the signature over the UTF-8 bytes of the payload
// text; the kiosk learned the hub's Ed25519 public key at enrolment ('kiosk.identity').
//
// Rules: the signature is verified BEFORE a byte of the payload is parsed; a verified payload must still pass
// the kiosk's own catalogSchema (and hold at least one item); only then is it cached. A catalog that fails
// any step is refused and the cache is left as it was, so the kiosk keeps serving its last good catalog
// (offline too) and never replaces it with a bad or unsigned one. The cached text is verified again at every
// start, so a record damaged on disk is never served either: then the previous one, then the bundled one.
//
// A new catalog takes effect at the next page start (the renderer reads the catalog once, at start-up), so a
// resident never sees the list change under their finger.
import type { BridgeClient } from '../bridge/client';
import type { HubCatalogAnswer } from '../bridge/contract/hub';
import type { Result } from '../bridge/result';
import { catalogSchema } from '../domain/catalog';
import type { Catalog } from '../domain/catalog';
import type { SignedCatalog } from '../domain/hubApi';
import { base64ToBytes } from './base64';
import { systemClock } from './ports';
import type { Clock } from './ports';

/** A verified catalog as the hub signed it, so it can be verified again when read back. */
export interface CachedCatalog {
  etag: string;
  payload: string;
  signature: string;
  /** ISO time it was fetched and verified. */
  fetchedAt: string;
}

/** Where verified catalogs are kept (src/db/catalogStore.ts over Dexie). */
export interface CatalogCache {
  /** The last verified catalog (`current`) and the one before it (`previous`); null when absent or unreadable. */
  read(slot: 'current' | 'previous'): Promise<CachedCatalog | null>;
  /** Makes `record` current and the current one previous, in one transaction. */
  store(record: CachedCatalog): Promise<void>;
}

/** Where new catalogs come from: the bridge's 'hub.catalog' in the renderer. */
export interface CatalogSource {
  fetch(etag: string | null): Promise<Result<HubCatalogAnswer>>;
}

export type CatalogRefusal = 'unsupported_algorithm' | 'bad_key' | 'bad_signature' | 'not_json' | 'invalid_catalog' | 'no_ed25519' | 'older_version';

/**
 * The order of two catalog versions, or null when they have none. A version is ordered when it ends in a
 * number or dotted numbers after a separator or nothing ("12", "hub-7", "2026.12.3"); two such versions with the
 * same prefix compare number by number. Content-derived versions ("draft-08c1e2fce90167", "sha256-…") have no
 * order, so a replay among them cannot be told from an update: publish ordered versions (docs/adr/0007).
 */
export function compareCatalogVersions(a: string, b: string): number | null {
  const split = (version: string) => /^(.*[^0-9A-Za-z.])?(\d+(?:\.\d+)*)$/.exec(version);
  const left = split(a);
  const right = split(b);
  if (!left || !right || (left[1] ?? '') !== (right[1] ?? '')) return null;
  const numbers = (match: RegExpExecArray) => (match[2] ?? '').split('.').map(Number);
  const [x, y] = [numbers(left), numbers(right)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const difference = (x[i] ?? 0) - (y[i] ?? 0);
    if (difference !== 0) return Math.sign(difference);
  }
  return 0;
}

export class CatalogVerifyError extends Error {
  constructor(
    readonly code: CatalogRefusal,
    message: string,
  ) {
    super(message);
    this.name = 'CatalogVerifyError';
  }
}

/** The WebCrypto calls used here (Ed25519: Node ≥ 22, Chromium ≥ 137); src's narrow globals do not declare them. */
interface Ed25519Subtle {
  importKey(format: 'raw', keyData: Uint8Array, algorithm: { name: 'Ed25519' }, extractable: boolean, usages: ['verify']): Promise<unknown>;
  verify(algorithm: { name: 'Ed25519' }, key: unknown, signature: Uint8Array, data: Uint8Array): Promise<boolean>;
}

const decodeBase64 = (text: string, what: string): Uint8Array => {
  try {
    return base64ToBytes(text);
  } catch {
    throw new CatalogVerifyError(what === 'key' ? 'bad_key' : 'bad_signature', `${what} is not base64`);
  }
};

/** Checks the Ed25519 signature over the payload's UTF-8 bytes, then parses and validates it. Throws CatalogVerifyError. */
export async function verifySignedCatalog(signed: SignedCatalog, signingPublicKey: string): Promise<Catalog> {
  if (signed.algorithm !== 'ed25519') throw new CatalogVerifyError('unsupported_algorithm', `algorithm ${String(signed.algorithm)}`);
  const keyBytes = decodeBase64(signingPublicKey, 'key');
  if (keyBytes.length !== 32) throw new CatalogVerifyError('bad_key', 'the signing key is not 32 bytes');
  const signature = decodeBase64(signed.signature, 'signature');
  if (signature.length !== 64) throw new CatalogVerifyError('bad_signature', 'the signature is not 64 bytes');
  const subtle = crypto.subtle as unknown as Ed25519Subtle;
  let valid: boolean;
  try {
    const key = await subtle.importKey('raw', keyBytes, { name: 'Ed25519' }, false, ['verify']);
    valid = await subtle.verify({ name: 'Ed25519' }, key, signature, new TextEncoder().encode(signed.payload));
  } catch (error) {
    throw new CatalogVerifyError('no_ed25519', `Ed25519 verification failed to run: ${error instanceof Error ? error.name : 'error'}`);
  }
  if (!valid) throw new CatalogVerifyError('bad_signature', 'the signature does not match the payload and the hub key');
  // Only now is the payload trusted enough to be parsed.
  let json: unknown;
  try {
    json = JSON.parse(signed.payload);
  } catch {
    throw new CatalogVerifyError('not_json', 'the signed payload is not JSON');
  }
  const parsed = catalogSchema.safeParse(json);
  if (!parsed.success) {
    const where = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'}: ${i.code}`).join('; ');
    throw new CatalogVerifyError('invalid_catalog', `the signed catalog fails the kiosk's schema (${where})`);
  }
  // An empty list would leave residents nothing to choose: the hub publishes that when it has no catalog file.
  if (parsed.data.items.length === 0) throw new CatalogVerifyError('invalid_catalog', 'the signed catalog has no items');
  return parsed.data;
}

export interface LoadedCatalog {
  catalog: Catalog;
  source: 'cache' | 'previous' | 'bundled';
}

/**
 * The catalog to serve at start: the cached one if it still verifies with the hub key, else the previous one,
 * else the bundled one. With no key (not enrolled yet) the bundled one.
 */
export async function loadCatalog(options: { cache: CatalogCache; signingPublicKey: string | null; bundled: () => Catalog; onRefused?: (slot: string, error: CatalogVerifyError) => void }): Promise<LoadedCatalog> {
  if (options.signingPublicKey !== null) {
    for (const slot of ['current', 'previous'] as const) {
      try {
        const record = await options.cache.read(slot);
        if (record) return { catalog: await verifySignedCatalog({ payload: record.payload, signature: record.signature, algorithm: 'ed25519' }, options.signingPublicKey), source: slot === 'current' ? 'cache' : 'previous' };
      } catch (error) {
        if (error instanceof CatalogVerifyError) options.onRefused?.(slot, error);
        // A store failure or a refused record: try the next one; the bundled catalog always works.
      }
    }
  }
  return { catalog: options.bundled(), source: 'bundled' };
}

export type CatalogCheck =
  | { status: 'updated'; version: string; etag: string }
  | { status: 'notModified' }
  /** No key to verify with (not enrolled), or the hub could not be asked; nothing changed. */
  | { status: 'skipped' | 'unreachable'; reason: string }
  /** The hub served something that is not a good signed catalog; the cache was left as it was. */
  | { status: 'refused'; code: CatalogRefusal; reason: string };

export interface CheckCatalogOptions {
  source: CatalogSource;
  cache: CatalogCache;
  /** The hub's signing key, asked at every check (null when not enrolled), so a kiosk enrolled later still updates. */
  signingPublicKey: () => Promise<string | null>;
  /** Default: the system clock, for `fetchedAt`. */
  clock?: Pick<Clock, 'now'>;
}

/** Asks the hub for a newer catalog than the cached one, verifies it and caches it. Never throws. */
export async function checkForCatalogUpdate(options: CheckCatalogOptions): Promise<CatalogCheck> {
  const clock = options.clock ?? systemClock;
  let key: string | null;
  try {
    key = await options.signingPublicKey();
  } catch {
    key = null;
  }
  if (key === null) return { status: 'skipped', reason: 'not enrolled: no signing key' };
  // Only a cached catalog that still verifies may suppress a download with its ETag, or set the lowest version.
  let etag: string | null = null;
  let cachedVersion: string | null = null;
  try {
    const current = await options.cache.read('current');
    if (current) {
      cachedVersion = (await verifySignedCatalog({ payload: current.payload, signature: current.signature, algorithm: 'ed25519' }, key)).version;
      etag = current.etag;
    }
  } catch {
    etag = null;
  }
  let answer: Result<HubCatalogAnswer>;
  try {
    answer = await options.source.fetch(etag);
  } catch (error) {
    answer = { ok: false, error: { code: 'transport', message: error instanceof Error ? error.message : 'catalog source failed' } };
  }
  if (!answer.ok) return { status: 'unreachable', reason: `${answer.error.code}: ${answer.error.message}` };
  if (answer.value.status === 'notModified') return { status: 'notModified' };
  const { signed, etag: newEtag } = answer.value;
  let catalog: Catalog;
  try {
    catalog = await verifySignedCatalog(signed, key);
  } catch (error) {
    if (error instanceof CatalogVerifyError) return { status: 'refused', code: error.code, reason: error.message };
    return { status: 'refused', code: 'invalid_catalog', reason: 'verification failed' };
  }
  // A validly signed but older catalog is a replay (or a hub restored from an old backup): keep the newer one.
  if (cachedVersion !== null && (compareCatalogVersions(catalog.version, cachedVersion) ?? 0) < 0) {
    return { status: 'refused', code: 'older_version', reason: `catalog version ${catalog.version} is older than the cached ${cachedVersion}` };
  }
  try {
    await options.cache.store({ etag: newEtag, payload: signed.payload, signature: signed.signature, fetchedAt: new Date(clock.now()).toISOString() });
  } catch (error) {
    return { status: 'unreachable', reason: `store: ${error instanceof Error ? error.name : 'failure'}` };
  }
  return { status: 'updated', version: catalog.version, etag: newEtag };
}

export interface CatalogUpdatesOptions extends CheckCatalogOptions {
  /** Time between checks, ms (default 3,600,000: catalogs change rarely; also checked once at start). */
  intervalMs?: number;
  /** Every check's outcome (for a log; nothing personal); default none. */
  onCheck?: (check: CatalogCheck) => void;
  /** Default: the system clock and timers. */
  clock?: Clock;
}

/** Checks now and then every `intervalMs` in the background; returns a stop function. */
export function startCatalogUpdates(options: CatalogUpdatesOptions): () => void {
  const clock = options.clock ?? systemClock;
  const intervalMs = options.intervalMs ?? 3_600_000;
  let stopped = false;
  let timer: unknown = null;
  const run = async () => {
    const check = await checkForCatalogUpdate(options);
    try {
      options.onCheck?.(check);
    } catch {
      // Reporting is best effort.
    }
    if (!stopped) timer = clock.setTimeout(() => void run(), intervalMs);
  };
  void run();
  return () => {
    stopped = true;
    if (timer !== null) clock.clearTimeout(timer);
  };
}

/** The renderer's CatalogSource: the bridge's 'hub.catalog'. */
export const createBridgeCatalogSource = (client: Pick<BridgeClient, 'call'>): CatalogSource => ({
  fetch: (etag) => client.call('hub.catalog', { etag }),
});

/** The signing key from 'kiosk.identity', or null while the kiosk is not enrolled. */
export const bridgeSigningKey = (client: Pick<BridgeClient, 'call'>) => async (): Promise<string | null> => {
  const identity = await client.call('kiosk.identity', {});
  return identity.ok ? identity.value.signingPublicKey : null;
};
