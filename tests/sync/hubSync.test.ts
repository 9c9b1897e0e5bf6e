// The kiosk side against the real hub (in process, PGlite): enrolment through the host service, sealed
// batches over the bridge, per-item answers, status lookups, and the one-way property of sealing.
import { loadHpkePrivateKey } from '../../hub/keys';
import { readFileSync, statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSealed } from '../../hub/openSealed';
import { sealAssociatedData } from '../../src/domain/hubApi';
import { base64ToBytes } from '../../src/sync/base64';
import { createSealSuite } from '../../src/sync/seal';
import { isDrained, waitForStatus } from './helpers/kioskSide';
import { startHubRig } from './helpers/realHub';
import type { HubRig } from './helpers/realHub';

const personalValues = ['测试', '420102199001011234', '13800138000'];

describe('sync against the real hub', () => {
  let rig: HubRig;
  beforeAll(async () => {
    rig = await startHubRig();
  });
  afterAll(async () => {
    await rig?.close();
  });

  it('enrols through the host, keeping the credential in a 0600 file and out of the bridge', async () => {
    const identity = await rig.side.client.call('kiosk.identity', {});
    expect(identity.ok && identity.value.siteCode).toBe('420102-001');
    if (!identity.ok) return;
    expect(Object.keys(identity.value).sort()).toEqual(['hpkePublicKey', 'kioskId', 'publicUrl', 'signingPublicKey', 'siteCode']);
    expect(statSync(rig.credentialFile).mode & 0o777).toBe(0o600);
    const { credential } = JSON.parse(readFileSync(rig.credentialFile, 'utf8')) as { credential: string };
    expect(credential.length).toBeGreaterThan(16);
    expect(JSON.stringify(identity.value)).not.toContain(credential);
    expect(await rig.side.client.call('hub.status', {})).toMatchObject({ ok: true, value: { state: 'online' } });
    // Heartbeats carry the queue the renderer reported; the hub takes them.
    expect((await rig.side.client.call('hub.reportQueue', { queued: 3, quarantined: 1, lastSyncAt: null })).ok).toBe(true);
    expect((await rig.side.service.heartbeat()).ok).toBe(true);
  });

  it('delivers sealed applications once each, stores the case numbers, and answers "my applications"', async () => {
    const { side } = rig;
    const submitted = [];
    for (let i = 0; i < 12; i++) submitted.push(await side.kiosk.submit());
    await side.engine.start();
    side.engine.wake('enqueue');
    const status = await waitForStatus(side.engine, isDrained);
    expect(status.lastSuccessAt).not.toBeNull();
    expect(await rig.hubCounts()).toEqual({ rows: 12, distinct: 12 });
    const rows = await side.kiosk.db.outbox.bulkGet(submitted.map((s) => s.id));
    expect(rows.every((row) => row?.status === 'accepted' && typeof row.caseNo === 'string')).toBe(true);

    const answer = await side.client.call('hub.applicationStatus', { ids: [submitted[0]?.id as string, '01890a5d-ac96-774b-bcce-b302099a8057'] });
    expect(answer.ok && answer.value.statuses.map((s) => [s.status, s.caseNo])).toEqual([
      ['received', rows[0]?.caseNo],
      ['unknown', null],
    ]);
  });

  it('seals one way: the stored row opens with the hub’s private key and with nothing the kiosk holds', async () => {
    const { side } = rig;
    const { id } = await side.kiosk.submit(7);
    const row = await side.kiosk.db.outbox.get(id);
    if (!row) throw new Error('row missing');
    const identity = side.kiosk.identity;
    // The hub opens it.
    const opened = await openSealed(loadHpkePrivateKey(rig.hubDataDir), { id, kioskId: identity.kioskId, serviceId: row.serviceId, sealed: row.sealed });
    expect(opened).toMatchObject({ name: '测试', idNumber: '420102199001011234', answers: { n: 7 } });

    // Everything the kiosk keeps, in IndexedDB and in its data directory, as bytes.
    const dump = JSON.stringify(
      await Promise.all(side.kiosk.db.tables.map((table) => table.toArray())),
      (_key, value: unknown) => (value instanceof Uint8Array ? Buffer.from(value).toString('base64') : value),
    ) + readFileSync(rig.credentialFile, 'utf8');
    for (const value of personalValues) expect(dump).not.toContain(value);
    // The hub's private key is nowhere in it; the only X25519 key the kiosk has is the public one.
    const privateRaw = Buffer.from(loadHpkePrivateKey(rig.hubDataDir).export({ format: 'jwk' }).d as string, 'base64url');
    expect(dump).not.toContain(privateRaw.toString('base64'));
    // And no 32-byte value the kiosk holds opens it when tried as the private key.
    const suite = createSealSuite();
    const candidates = [...dump.matchAll(/[A-Za-z0-9+/]{43}=/g)].map((m) => base64ToBytes(m[0])).filter((b) => b.length === 32);
    expect(candidates.length).toBeGreaterThan(0);
    const aad = sealAssociatedData(id, identity.kioskId, row.serviceId);
    for (const candidate of candidates) {
      const opens = await suite.kem
        .deserializePrivateKey(candidate)
        .then((recipientKey) => suite.open({ recipientKey, enc: base64ToBytes(row.sealed.enc) }, base64ToBytes(row.sealed.ct), aad))
        .then(
          () => true,
          () => false,
        );
      expect(opens).toBe(false);
    }
  });

  it('writes no personal data to the host log', () => {
    expect(rig.side.logLines.length).toBeGreaterThan(0);
    for (const line of rig.side.logLines) for (const value of personalValues) expect(line).not.toContain(value);
  });
});
