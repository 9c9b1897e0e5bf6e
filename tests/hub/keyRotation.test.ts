// Sealing-key rotation end to end (issue 10 §3): a real hub process on an on-disk PGlite, the kiosk's own seal
// and key-adoption code. Applications sealed before the rotation (with and without a key id) still open with
// `kioskctl hub open`; the kiosk takes the new key from a signed heartbeat answer and refuses an unsigned one.
import { generateKeyPairSync, sign } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { batchResponseSchema, enrolResponseSchema, heartbeatResponseSchema, sealingKeyId, sealingKeyStatement, type EnrolResponse } from '../../src/domain/hubApi';
import { sealApplication } from '../../src/sync/seal';
import { adoptSealingKey } from '../../main/host/hub/sealingKeyAdoption';
import type { StoredCredential } from '../../main/host/hub/credentialStore';
import { sealingKeyIdOf } from '../../hub/sealingKeys';
import { runKioskctl } from '../support/kioskctl';
import { call, makeItem, sealAs, startHubProcess, stopHubProcess, tempDir } from './support';

const kioskctl = (args: string[]) => runKioskctl(['hub', ...args], { DATABASE_URL: '' });
const heartbeat = { version: '0.1.0', devices: {}, queueDepth: 0, lastSyncAt: null };

function credentialOf(kiosk: EnrolResponse, hubUrl: string): StoredCredential {
  return { hubUrl, kioskId: kiosk.kioskId, siteCode: kiosk.siteCode, credential: kiosk.credential, hpkePublicKey: kiosk.hpkePublicKey, signingPublicKey: kiosk.signingPublicKey, enrolledAt: '2026-01-01T00:00:00.000Z' };
}

describe('sealing key rotation', () => {
  const dataDir = tempDir('kiosk-hub-rotate-');
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('the hub and the kiosk compute the same key id', async () => {
    const key = Buffer.alloc(32, 9).toString('base64');
    expect(await sealingKeyId(key)).toBe(sealingKeyIdOf(key));
    expect(await sealingKeyId(key)).toMatch(/^[0-9a-f]{16}$/);
  });

  it('old applications still open after a rotation, and kiosks seal to the new key once told', { timeout: 180_000 }, async () => {
    const first = await startHubProcess(dataDir);
    children.push(first.child);
    const code = (await kioskctl(['enrol-code', '--site', '420102-001', '--data', dataDir])).stdout.trim();
    const kiosk = enrolResponseSchema.parse((await call(`${first.url}/v1/enrol`, { body: { code } })).body);
    const send = async (url: string, items: unknown[]) => batchResponseSchema.parse((await call(`${url}/v1/applications:batch`, { token: kiosk.credential, body: { items } })).body).results;

    // Before: one application from today's kiosk (with a key id) and one from a kiosk before rotation (without).
    const personal = (name: string) => ({ name, idNumber: '11010519491231002X' });
    const before = makeItem({ handlingCity: '420100' });
    before.sealed = await sealApplication(personal('张三'), { id: before.id, kioskId: kiosk.kioskId, serviceId: before.serviceId, hubPublicKey: kiosk.hpkePublicKey });
    expect(before.sealed.kid).toBe(await sealingKeyId(kiosk.hpkePublicKey));
    const legacy = makeItem({ handlingCity: '420100' });
    legacy.sealed = await sealAs(kiosk.hpkePublicKey, { id: legacy.id, kioskId: kiosk.kioskId, serviceId: legacy.serviceId }, personal('李四'));
    expect((await send(first.url, [before, legacy])).map((r) => r.status)).toEqual(['accepted', 'accepted']);

    const rotated = await kioskctl(['rotate-key', '--data', dataDir]);
    expect(rotated.code, rotated.stderr).toBe(0);
    const newKid = rotated.stdout.trim();
    expect(newKid).not.toBe(before.sealed.kid);
    expect(await stopHubProcess(first.child)).toBe(0);

    const second = await startHubProcess(dataDir);
    children.push(second.child);
    const answer = heartbeatResponseSchema.parse((await call(`${second.url}/v1/heartbeat`, { token: kiosk.credential, body: heartbeat })).body);
    expect(answer.sealingKey?.kid).toBe(newKid);
    const adoption = answer.sealingKey ? adoptSealingKey(credentialOf(kiosk, second.url), answer.sealingKey) : null;
    if (adoption?.outcome !== 'adopted') throw new Error(`the kiosk did not adopt the rotated key: ${adoption?.outcome}`);
    const newKey = adoption.credential.hpkePublicKey;
    expect(await sealingKeyId(newKey)).toBe(newKid);

    const after = makeItem({ handlingCity: '420100' });
    after.sealed = await sealApplication(personal('王五'), { id: after.id, kioskId: kiosk.kioskId, serviceId: after.serviceId, hubPublicKey: newKey });
    const unknownKey = makeItem({ handlingCity: '420100' });
    unknownKey.sealed = { ...(await sealApplication(personal('赵六'), { id: unknownKey.id, kioskId: kiosk.kioskId, serviceId: unknownKey.serviceId, hubPublicKey: newKey })), kid: 'ffffffffffffffff' };
    const results = await send(second.url, [after, unknownKey]);
    expect(results.map((r) => r.status)).toEqual(['accepted', 'rejected']);
    expect(results[1]).toMatchObject({ reason: expect.stringContaining('ffffffffffffffff') });

    for (const [item, name] of [[before, '张三'], [legacy, '李四'], [after, '王五']] as const) {
      const opened = await kioskctl(['open', item.id, '--data', dataDir]);
      expect(opened.code, opened.stderr).toBe(0);
      expect(JSON.parse(opened.stdout).personal).toEqual(personal(name));
    }
  });

  it('a kiosk refuses an announced key that its pinned signing key did not sign', () => {
    const hub = generateKeyPairSync('ed25519');
    const stranger = generateKeyPairSync('ed25519');
    const raw = (key: typeof hub.publicKey) => Buffer.from(key.export({ format: 'jwk' }).x ?? '', 'base64url').toString('base64');
    const enrolled = Buffer.alloc(32, 1).toString('base64');
    const offered = Buffer.alloc(32, 2).toString('base64');
    const credential: StoredCredential = { hubUrl: 'https://hub.test', kioskId: 'k-1', siteCode: '420102-001', credential: 'c'.repeat(40), hpkePublicKey: enrolled, signingPublicKey: raw(hub.publicKey), enrolledAt: '2026-01-01T00:00:00.000Z' };
    const signedBy = (key: typeof hub.privateKey) => sign(null, sealingKeyStatement(offered), key).toString('base64');
    expect(adoptSealingKey(credential, { hpkePublicKey: offered, kid: sealingKeyIdOf(offered), signature: signedBy(stranger.privateKey) }).outcome).toBe('refused');
    expect(adoptSealingKey(credential, { hpkePublicKey: offered, kid: sealingKeyIdOf(offered), signature: signedBy(hub.privateKey) })).toEqual({ outcome: 'adopted', credential: { ...credential, hpkePublicKey: offered } });
    expect(adoptSealingKey(credential, { hpkePublicKey: enrolled, kid: sealingKeyIdOf(enrolled), signature: signedBy(stranger.privateKey) }).outcome).toBe('unchanged');
  });
});
