// The hub's API v1, the same suite on PGlite and on PostgreSQL.
import { createPublicKey, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  applicationStatusSchema,
  batchResponseSchema,
  catalogPayloadSchema,
  hubErrorSchema,
  hubLimits,
  signedCatalogSchema,
  type BatchResponse,
  type OutboundApplication,
} from '../../src/domain/hubApi';
import { call, countApplications, enrol, engines, makeItem, testCatalog, useDatabase, useHub } from './support';

describe.each(engines)('hub API v1 on %s', (engine) => {
  const database = useDatabase(engine);
  const started = useHub(database);
  const url = (path: string) => `${started.hub.url}${path}`;
  const batch = (token: string, items: unknown[]) => call<BatchResponse>(url('/v1/applications:batch'), { token, body: { items } });

  describe('enrolment', () => {
    it('turns a one-time code into a kiosk id, credential and the hub public keys, once', async () => {
      const { code } = await started.hub.createEnrolmentCode('420102-007');
      const first = await call<Record<string, string>>(url('/v1/enrol'), { body: { code: code.toLowerCase() } });
      expect(first.status).toBe(201);
      expect(first.body.siteCode).toBe('420102-007');
      expect(first.body.kioskId).toMatch(/^420102-007-/);
      expect(Buffer.from(first.body.hpkePublicKey ?? '', 'base64')).toHaveLength(32);
      expect(first.body.signingPublicKey).toBe(started.hub.keys.signingPublicKey);
      const again = await call(url('/v1/enrol'), { body: { code } });
      expect(again.status).toBe(401);
      expect(hubErrorSchema.parse(again.body).reason).toMatch(/already used|unknown|expired/);
    });

    it('refuses an expired code and a malformed body', async () => {
      const { code } = await started.hub.createEnrolmentCode('420102-008', -1000);
      expect((await call(url('/v1/enrol'), { body: { code } })).status).toBe(401);
      const bad = await call(url('/v1/enrol'), { body: { code: 42 } });
      expect(bad.status).toBe(400);
      expect(hubErrorSchema.parse(bad.body).error).toBe('bad_request');
    });

    it('stores credentials only as hashes', async () => {
      const kiosk = await enrol(started.hub);
      const rows = await database.db.query<{ credential_hash: string }>('SELECT credential_hash FROM kiosks WHERE id = $1', [kiosk.kioskId]);
      expect(rows.rows[0]?.credential_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(rows.rows[0]?.credential_hash).not.toContain(kiosk.credential);
    });
  });

  describe('batch intake', () => {
    it('accepts new items with readable case numbers, answers a resend as duplicate and stores once', async () => {
      const kiosk = await enrol(started.hub);
      const items = [makeItem(), makeItem({ handlingCity: '429004' })];
      const first = await batch(kiosk.credential, items);
      expect(first.status).toBe(200);
      const results = batchResponseSchema.parse(first.body).results;
      expect(results.map((r) => r.status)).toEqual(['accepted', 'accepted']);
      const caseNos = results.map((r) => ('caseNo' in r ? r.caseNo : ''));
      expect(caseNos[0]).toMatch(/^420100-\d{6}-\d{6,}$/);
      expect(caseNos[1]).toMatch(/^429004-\d{6}-\d{6,}$/);
      expect(new Set(caseNos).size).toBe(2);
      const resend = await batch(kiosk.credential, items);
      expect(resend.body.results).toEqual(results.map((r) => ({ ...r, status: 'duplicate' })));
      expect(await countApplications(database.db, kiosk.kioskId)).toBe(2);
    });

    it('answers the same id with different content as a conflict and keeps the original', async () => {
      const kiosk = await enrol(started.hub);
      const original = makeItem();
      await batch(kiosk.credential, [original]);
      const changed = { ...original, serviceId: 'WHMA-HJ-02' };
      const answer = await batch(kiosk.credential, [changed]);
      expect(answer.body.results[0]).toMatchObject({ id: original.id, status: 'conflict' });
      const status = await call(url(`/v1/applications/${original.id}`), { token: kiosk.credential });
      expect(applicationStatusSchema.parse(status.body).serviceId).toBe('WHMA-SB-01');
    });

    it('counts an id repeated inside one batch once, and flags a repeat with other content', async () => {
      const kiosk = await enrol(started.hub);
      const item = makeItem();
      const answer = await batch(kiosk.credential, [item, item, { ...item, receiptNo: 'OTHER-01' }]);
      expect(answer.body.results.map((r) => r.status)).toEqual(['accepted', 'duplicate', 'conflict']);
      expect(await countApplications(database.db, kiosk.kioskId)).toBe(1);
    });

    it('rejects per item with a reason and stores the rest', async () => {
      const kiosk = await enrol(started.hub);
      const good = makeItem();
      const unknownService = makeItem({ serviceId: 'NOPE-1' });
      const outside = makeItem({ handlingCity: '110101' });
      const malformed = { ...makeItem(), createdAt: 'yesterday' };
      // Sizes are counted on the base64 text: one byte off either way, padded or not, is refused.
      const withSealed = (sealed: Partial<OutboundApplication['sealed']>) => makeItem({ sealed: { ...makeItem().sealed, ...sealed } });
      const [badEnc, longEnc, shortCt] = [withSealed({ enc: Buffer.alloc(31).toString('base64') }), withSealed({ enc: Buffer.alloc(33).toString('base64') }), withSealed({ ct: Buffer.alloc(15).toString('base64') })];
      const answer = await batch(kiosk.credential, [good, unknownService, outside, malformed, badEnc, longEnc, shortCt]);
      expect(answer.status).toBe(200);
      const [g, s, o, m, e, l, c] = answer.body.results;
      expect(g?.status).toBe('accepted');
      expect(s).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/unknown service NOPE-1/) });
      expect(o).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/not in the 1\+8 circle/) });
      expect(m).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/^malformed: createdAt/) });
      expect(e).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/sealed.enc is not a 32-byte/) });
      expect(l).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/sealed.enc is not a 32-byte/) });
      expect(c).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/sealed.ct is shorter than an AES-GCM tag/) });
      expect(await countApplications(database.db, kiosk.kioskId)).toBe(1);
    });

    it('rejects a second application that reuses a receipt number of this kiosk', async () => {
      const kiosk = await enrol(started.hub);
      const first = makeItem();
      await batch(kiosk.credential, [first]);
      const answer = await batch(kiosk.credential, [makeItem({ receiptNo: first.receiptNo })]);
      expect(answer.body.results[0]).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/receipt number/) });
    });

    it('answers 400 and writes nothing when the body is not a batch', async () => {
      const kiosk = await enrol(started.hub);
      const cases: { raw?: string; body?: unknown }[] = [
        { raw: '{"items": [' },
        { raw: 'null' },
        { body: {} },
        { body: { items: [] } },
        { body: { items: Array.from({ length: hubLimits.maxBatchItems + 1 }, () => makeItem()) } },
        { body: { items: [makeItem(), { id: 'not-a-uuid' }] } },
        { body: { items: [makeItem(), 'garbage'] } },
      ];
      for (const body of cases) {
        const answer = await call(url('/v1/applications:batch'), { token: kiosk.credential, ...body });
        expect(answer.status, JSON.stringify(body).slice(0, 80)).toBe(400);
        expect(hubErrorSchema.parse(answer.body).reason.length).toBeGreaterThan(0);
      }
      expect(await countApplications(database.db, kiosk.kioskId)).toBe(0);
    });

    it('answers 401 without, with a wrong and with a revoked credential', async () => {
      const kiosk = await enrol(started.hub);
      const items = [makeItem()];
      expect((await call(url('/v1/applications:batch'), { body: { items } })).status).toBe(401);
      expect((await batch('x'.repeat(43), items)).status).toBe(401);
      expect((await call(url('/v1/applications:batch'), { body: { items }, headers: { authorization: `Basic ${kiosk.credential}` } })).status).toBe(401);
      expect((await batch(kiosk.credential, items)).status).toBe(200);
      expect(await started.hub.revokeKiosk(kiosk.kioskId)).toBe(true);
      const revoked = await batch(kiosk.credential, [makeItem()]);
      expect(revoked.status).toBe(401);
      expect(hubErrorSchema.parse(revoked.body).reason).toMatch(/revoked/);
      expect(await countApplications(database.db, kiosk.kioskId)).toBe(1);
    });

    it('answers 413 above the body limit and 415 for other media types', async () => {
      const kiosk = await enrol(started.hub);
      const huge = makeItem({ sealed: { ...makeItem().sealed, ct: 'A'.repeat(hubLimits.maxBodyBytes) } });
      const answer = await batch(kiosk.credential, [huge]);
      expect(answer.status).toBe(413);
      expect(hubErrorSchema.parse(answer.body).error).toBe('payload_too_large');
      const text = await call(url('/v1/applications:batch'), { token: kiosk.credential, raw: 'items=1', headers: { 'content-type': 'text/plain' } });
      expect(text.status).toBe(415);
      expect(await countApplications(database.db, kiosk.kioskId)).toBe(0);
    });

    it('stores a batch sent twice at the same time exactly once', async () => {
      const kiosk = await enrol(started.hub);
      const items = Array.from({ length: 20 }, () => makeItem());
      const [a, b] = await Promise.all([batch(kiosk.credential, items), batch(kiosk.credential, items)]);
      const statuses = [...a.body.results, ...b.body.results].map((r) => r.status);
      expect(statuses.filter((s) => s === 'accepted')).toHaveLength(20);
      expect(statuses.filter((s) => s === 'duplicate')).toHaveLength(20);
      expect(await countApplications(database.db, kiosk.kioskId)).toBe(20);
    });
  });

  describe('status', () => {
    it('tells the sending kiosk, by id and by receipt number, and nobody else', async () => {
      const kiosk = await enrol(started.hub);
      const other = await enrol(started.hub, '420700-001');
      const item = makeItem();
      const accepted = await batch(kiosk.credential, [item]);
      const byId = await call(url(`/v1/applications/${item.id}`), { token: kiosk.credential });
      expect(byId.status).toBe(200);
      const status = applicationStatusSchema.parse(byId.body);
      expect(status).toMatchObject({ id: item.id, receiptNo: item.receiptNo, status: 'received', handlingCity: '420102' });
      expect(status.caseNo).toBe((accepted.body.results[0] as { caseNo: string }).caseNo);
      const byReceipt = await call(url(`/v1/applications/by-receipt/${encodeURIComponent(item.receiptNo)}`), { token: kiosk.credential });
      expect(byReceipt.body).toEqual(byId.body);
      expect((await call(url(`/v1/applications/${item.id}`), { token: other.credential })).status).toBe(404);
      expect((await call(url(`/v1/applications/by-receipt/${item.receiptNo}`), { token: other.credential })).status).toBe(404);
      expect((await call(url(`/v1/applications/${item.id}`))).status).toBe(401);
      expect((await call(url('/v1/applications/not-a-uuid'), { token: kiosk.credential })).status).toBe(400);
    });
  });

  describe('catalog', () => {
    it('serves the catalog signed with the enrolment signing key, and 304 for a matching ETag', async () => {
      const first = await call(url('/v1/catalog'));
      expect(first.status).toBe(200);
      const signed = signedCatalogSchema.parse(first.body);
      const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(started.hub.keys.signingPublicKey, 'base64').toString('base64url') }, format: 'jwk' });
      expect(verify(null, Buffer.from(signed.payload), publicKey, Buffer.from(signed.signature, 'base64'))).toBe(true);
      expect(verify(null, Buffer.from(signed.payload.replace('test-1', 'test-2')), publicKey, Buffer.from(signed.signature, 'base64'))).toBe(false);
      expect(catalogPayloadSchema.parse(JSON.parse(signed.payload))).toEqual(testCatalog);
      const etag = first.headers.get('etag');
      expect(etag).toMatch(/^".+"$/);
      const cached = await fetch(url('/v1/catalog'), { headers: { 'if-none-match': etag ?? '' } });
      expect(cached.status).toBe(304);
      const stale = await call(url('/v1/catalog'), { headers: { 'if-none-match': '"something-else"' } });
      expect(stale.status).toBe(200);
    });
  });

  describe('heartbeat', () => {
    it('records version, device health and queue depth, and tells the catalog ETag', async () => {
      const kiosk = await enrol(started.hub);
      const beat = { version: '0.2.0', devices: { printer: { status: 'degraded', detail: 'paperNearEnd' } }, queueDepth: 3, lastSyncAt: null };
      const answer = await call<{ catalogEtag: string }>(url('/v1/heartbeat'), { token: kiosk.credential, body: beat });
      expect(answer.status).toBe(200);
      expect(answer.body.catalogEtag).toBe((await fetch(url('/v1/catalog'))).headers.get('etag'));
      const row = await database.db.query<{ kiosk_version: string; last_heartbeat: unknown }>('SELECT kiosk_version, last_heartbeat FROM kiosks WHERE id = $1', [kiosk.kioskId]);
      expect(row.rows[0]).toEqual({ kiosk_version: '0.2.0', last_heartbeat: beat });
      expect((await call(url('/v1/heartbeat'), { token: kiosk.credential, body: { ...beat, queueDepth: -1 } })).status).toBe(400);
      expect((await call(url('/v1/heartbeat'), { body: beat })).status).toBe(401);
    });
  });

  describe('city queue (收受分离)', () => {
    it('gives each handling city its own applications, in arrival order, page by page', async () => {
      const kiosk = await enrol(started.hub, '420700-003'); // received in 鄂州
      const { token: wuhan } = await started.hub.createCityToken('420100', 'wuhan back office');
      const { token: xiantao } = await started.hub.createCityToken('429004');
      const before = await call<{ next: string; items: unknown[] }>(url('/v1/cities/420100/applications?limit=500'), { token: wuhan });
      let since = before.body.next;
      const forWuhan = [makeItem({ handlingCity: '420102' }), makeItem({ handlingCity: '420111' }), makeItem({ handlingCity: '420100' })];
      await batch(kiosk.credential, [forWuhan[0], makeItem({ handlingCity: '429004' }), forWuhan[1]]);
      await batch(kiosk.credential, [forWuhan[2]]);
      const seen: string[] = [];
      for (let page = 0; page < 5; page++) {
        const answer = await call<{ items: { id: string; receivedDivision: string }[]; next: string }>(url(`/v1/cities/420100/applications?since=${since}&limit=2`), { token: wuhan });
        expect(answer.status).toBe(200);
        seen.push(...answer.body.items.map((i) => i.id));
        for (const item of answer.body.items) expect(item.receivedDivision).toBe('420700');
        if (answer.body.items.length === 0) break;
        since = answer.body.next;
      }
      expect(seen).toEqual(forWuhan.map((i) => i.id));
      expect((await call(url('/v1/cities/429004/applications'), { token: wuhan })).status).toBe(403);
      expect((await call(url('/v1/cities/420100/applications'), { token: xiantao })).status).toBe(403);
      expect((await call(url('/v1/cities/420100/applications'))).status).toBe(401);
      expect((await call(url('/v1/cities/420100/applications'), { token: kiosk.credential })).status).toBe(401);
      expect((await call(url('/v1/cities/420100/applications?since=abc'), { token: wuhan })).status).toBe(400);
      expect((await call(url('/v1/cities/110000/applications'), { token: wuhan })).status).toBe(400);
    });
  });

  describe('robustness', () => {
    it('survives malformed requests and stays healthy', async () => {
      const kiosk = await enrol(started.hub);
      const junk = ['', '[]', '"x"', '{"items":null}', '{"items":[{"id":{}}]}', '\u0000\u0001', '{"items":[' + '['.repeat(5000)];
      for (const raw of junk) {
        const answer = await fetch(url('/v1/applications:batch'), { method: 'POST', headers: { authorization: `Bearer ${kiosk.credential}`, 'content-type': 'application/json' }, body: raw });
        expect(answer.status).toBeGreaterThanOrEqual(400);
        expect(answer.status).toBeLessThan(500);
        expect(hubErrorSchema.safeParse(await answer.json()).success).toBe(true);
      }
      expect((await call(url('/v1/nowhere'))).status).toBe(404);
      const health = await call<{ status: string; engine: string }>(url('/v1/health'));
      expect(health).toMatchObject({ status: 200, body: { status: 'ok', engine } });
    });
  });
});
