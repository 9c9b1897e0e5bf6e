// The signed catalog on the kiosk, against the real hub in process (PGlite, behind the fault proxy) publishing
// the bundled catalogue: fetched over the bridge ('hub.catalog'), verified with the enrolment key before it is
// parsed, cached in Dexie (fake-indexeddb), 304 with its ETag, and never replaced by a bad or unsigned one.
import { generateKeyPairSync, sign } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { publishCatalog } from '../../hub/catalog';
import { signBytes } from '../../hub/keys';
import { createCatalogStore } from '../../src/db/catalogStore';
import { bundledCatalog } from '../../src/domain/catalogData';
import type { SignedCatalog } from '../../src/domain/hubApi';
import { ok } from '../../src/bridge/result';
import { bridgeSigningKey, checkForCatalogUpdate, compareCatalogVersions, createBridgeCatalogSource, loadCatalog, verifySignedCatalog } from '../../src/sync/catalogUpdate';
import type { CatalogSource } from '../../src/sync/catalogUpdate';
import { startHubRig } from './helpers/realHub';
import type { HubRig } from './helpers/realHub';

const bundledFile = new URL('../../src/domain/catalogData/catalog.json', import.meta.url).pathname;

describe('signed catalog against the real hub', () => {
  let rig: HubRig | undefined;
  afterEach(async () => {
    await rig?.close();
    rig = undefined;
  });

  async function setUp() {
    rig = await startHubRig({ catalogFile: bundledFile });
    const cache = createCatalogStore(rig.side.kiosk.db);
    const source = createBridgeCatalogSource(rig.side.client);
    const signingPublicKey = bridgeSigningKey(rig.side.client);
    const key = await signingPublicKey();
    if (key === null) throw new Error('not enrolled');
    const load = () => loadCatalog({ cache, signingPublicKey: key, bundled: bundledCatalog });
    return { rig, cache, source, signingPublicKey, key, load };
  }

  /** A source answering `signed` as if the hub had served it. */
  const serving = (signed: SignedCatalog, etag = '"forged"'): CatalogSource => ({ fetch: async () => ok({ status: 'updated', etag, signed }) });

  /** The hub's own key signing `payload` (what a compromised catalog file, not a forger, would give). */
  const hubSigned = (hub: HubRig, payload: string): SignedCatalog => ({ payload, signature: signBytes(hub.hub.keys, new TextEncoder().encode(payload)), algorithm: 'ed25519' });

  it('fetches, verifies and caches the hub catalog, answers 304 for its ETag, and serves it at the next start', async () => {
    const { rig, cache, source, signingPublicKey, key, load } = await setUp();
    expect(key).toBe(rig.hub.keys.signingPublicKey);
    expect((await load()).source).toBe('bundled');

    const first = await checkForCatalogUpdate({ source, cache, signingPublicKey });
    expect(first).toEqual({ status: 'updated', version: bundledCatalog().version, etag: expect.stringMatching(/^".+"$/) });
    const cached = await cache.read('current');
    expect(cached?.etag).toBe(first.status === 'updated' ? first.etag : '');

    const catalogRequests = () => rig.proxy.seen.filter((r) => r.path === '/v1/catalog').length;
    expect(await checkForCatalogUpdate({ source, cache, signingPublicKey })).toEqual({ status: 'notModified' });
    expect(catalogRequests()).toBe(2);

    const loaded = await load();
    expect(loaded.source).toBe('cache');
    expect(loaded.catalog).toEqual(bundledCatalog());
  });

  it('refuses a tampered, foreign-signed, non-JSON, invalid or empty catalog and keeps the last good one', async () => {
    const { rig, cache, source, signingPublicKey, load } = await setUp();
    await checkForCatalogUpdate({ source, cache, signingPublicKey });
    const good = await cache.read('current');
    const real = await source.fetch(null);
    if (!real.ok || real.value.status !== 'updated') throw new Error('no catalog from the hub');
    const { signed } = real.value;

    const foreign = generateKeyPairSync('ed25519').privateKey;
    const newer = { ...bundledCatalog(), version: 'hub-2' };
    const cases: [SignedCatalog, string][] = [
      [{ ...signed, payload: signed.payload.replace(bundledCatalog().version, 'hub-2') }, 'bad_signature'],
      [{ ...signed, payload: JSON.stringify(newer), signature: sign(null, Buffer.from(JSON.stringify(newer)), foreign).toString('base64') }, 'bad_signature'],
      [{ ...signed, signature: Buffer.alloc(64).toString('base64') }, 'bad_signature'],
      [hubSigned(rig, 'not json {'), 'not_json'],
      [hubSigned(rig, JSON.stringify({ version: 'test-1', items: [{ id: 'WHMA-SB-01', name: '社会保障卡申领' }] })), 'invalid_catalog'],
      [publishCatalog(rig.hub.keys, null).signed, 'invalid_catalog'], // what a hub without a catalog file serves
      [hubSigned(rig, JSON.stringify({ ...newer, items: [] })), 'invalid_catalog'],
    ];
    for (const [bad, code] of cases) {
      expect(await checkForCatalogUpdate({ source: serving(bad), cache, signingPublicKey })).toMatchObject({ status: 'refused', code });
      expect(await cache.read('current')).toEqual(good);
    }
    const loaded = await load();
    expect([loaded.source, loaded.catalog.version]).toEqual(['cache', bundledCatalog().version]);

    // Offline: nothing changes, the cached one is still served.
    rig.proxy.policy = () => ({ kind: 'refuse' });
    expect(await checkForCatalogUpdate({ source, cache, signingPublicKey })).toMatchObject({ status: 'unreachable' });
    expect((await load()).source).toBe('cache');
    // Not enrolled: no key, no check.
    expect(await checkForCatalogUpdate({ source, cache, signingPublicKey: async () => null })).toMatchObject({ status: 'skipped' });
  });

  it('takes a newer signed catalog, keeps the one before, and falls back past records damaged on disk', async () => {
    const { rig, cache, source, signingPublicKey, load } = await setUp();
    await checkForCatalogUpdate({ source, cache, signingPublicKey });
    const renamed = structuredClone(bundledCatalog());
    renamed.version = 'hub-2';
    if (renamed.items[0]) renamed.items[0].name['zh-CN'] = '社会保障卡申领（新）';
    const update = await checkForCatalogUpdate({ source: serving(hubSigned(rig, JSON.stringify(renamed)), '"v2"'), cache, signingPublicKey });
    expect(update).toEqual({ status: 'updated', version: 'hub-2', etag: '"v2"' });
    const loaded = await load();
    expect(loaded.source).toBe('cache');
    expect(loaded.catalog.items[0]?.name['zh-CN']).toBe('社会保障卡申领（新）');

    // Someone edits the cached text on disk: its signature no longer matches, so the previous one is served.
    const db = rig.side.kiosk.db;
    await db.catalog.update('current', { payload: JSON.stringify({ ...renamed, version: 'evil' }) });
    expect(await load()).toMatchObject({ source: 'previous', catalog: { version: bundledCatalog().version } });
    await db.catalog.update('previous', { signature: 'AAAA' });
    expect((await load()).source).toBe('bundled');
    // The damaged record no longer suppresses a download with its ETag: the next check fetches afresh.
    expect(await checkForCatalogUpdate({ source, cache, signingPublicKey })).toMatchObject({ status: 'updated', version: bundledCatalog().version });
    expect((await load()).source).toBe('cache');
  });

  it('refuses a validly signed catalog older than the cached one (replay), and keeps serving the newer', async () => {
    const { rig, cache, signingPublicKey, load } = await setUp();
    const versioned = (version: string) => hubSigned(rig, JSON.stringify({ ...bundledCatalog(), version }));
    const check = (version: string, etag: string) => checkForCatalogUpdate({ source: serving(versioned(version), etag), cache, signingPublicKey });
    expect(await check('hub-2.1', '"a"')).toMatchObject({ status: 'updated', version: 'hub-2.1' });
    expect(await check('hub-10', '"b"')).toMatchObject({ status: 'updated', version: 'hub-10' });
    expect(await check('hub-9.9', '"old"')).toEqual({ status: 'refused', code: 'older_version', reason: 'catalog version hub-9.9 is older than the cached hub-10' });
    expect(await check('hub-2.1', '"a"')).toMatchObject({ status: 'refused', code: 'older_version' });
    expect((await load()).catalog.version).toBe('hub-10');
    // The same version again (a re-signed copy) is no replay of anything older.
    expect(await check('hub-10', '"b2"')).toMatchObject({ status: 'updated', version: 'hub-10' });
  });

  it('verifies only Ed25519 signatures by the given key', async () => {
    const { rig, key } = await setUp();
    const signed = hubSigned(rig, JSON.stringify(bundledCatalog()));
    await expect(verifySignedCatalog(signed, key)).resolves.toMatchObject({ version: bundledCatalog().version });
    await expect(verifySignedCatalog({ ...signed, algorithm: 'rsa' as never }, key)).rejects.toMatchObject({ code: 'unsupported_algorithm' });
    await expect(verifySignedCatalog(signed, Buffer.alloc(31).toString('base64'))).rejects.toMatchObject({ code: 'bad_key' });
    await expect(verifySignedCatalog(signed, rig.side.kiosk.identity.hpkePublicKey)).rejects.toMatchObject({ code: 'bad_signature' });
  });
});

describe('catalog version order', () => {
  it.each([
    ['hub-2', 'hub-10', -1],
    ['2026.12.3', '2026.12.03', 0],
    ['2026.12', '2026.11.30', 1],
    ['test-1', 'hub-2', null],
    ['draft-08c1e2fce90167', 'draft-08c1e2fce90168', null],
    ['sha256-ab12', 'hub-1', null],
  ] as const)('%s vs %s → %s', (a, b, order) => {
    expect(compareCatalogVersions(a, b)).toBe(order);
  });
});
