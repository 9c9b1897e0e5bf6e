// When an application cannot be stored, the resident is told on the screen (applyMachine's submitFailed); the
// technician must find it in the log too, with why, and nothing of the application.
import { describe, expect, it } from 'vitest';
import { createActor, toPromise } from 'xstate';
import type { BridgeClient } from '../../../src/bridge/client';
import { OutboxError } from '../../../src/db/outboxError';
import { bytesToBase64 } from '../../../src/sync/base64';
import { createSealSuite } from '../../../src/sync/seal';
import { fixedClock } from '../../../src/domain/clock';
import { applicationPorts, type ApplicationPortDeps } from './applications';

const card = { name: '张三', idNumber: '420102199001011234' };

async function portsWith(enqueue: () => Promise<string>, enrolled = true) {
  const { kem } = createSealSuite();
  const hpkePublicKey = bytesToBase64(new Uint8Array(await kem.serializePublicKey((await kem.generateKeyPair()).publicKey)));
  const logged: unknown[] = [];
  const call = async (method: string, input: unknown) => {
    if (method === 'app.log') logged.push(input);
    if (method === 'kiosk.identity') return enrolled ? { ok: true, value: { kioskId: 'k-1', siteCode: '420102-001', hpkePublicKey, signingPublicKey: hpkePublicKey } } : { ok: false, error: { code: 'not_enrolled', message: '' } };
    if (method === 'lookup.keys') return { ok: true, value: { keys: ['key-1'] } };
    return { ok: true, value: {} };
  };
  const deps = { bridge: { call } as unknown as BridgeClient, store: { db: {}, outbox: { enqueue } }, engine: { wake: () => undefined }, isHubOnline: () => true, newId: () => '0190f0a0-0000-7000-8000-000000000001', clock: fixedClock(new Date('2026-03-01T02:00:00Z')) } as unknown as ApplicationPortDeps;
  return { submit: applicationPorts(deps).submitApplication, logged };
}

const input = { card, item: { id: 'WHMA-SB-01', name: { 'zh-CN': '社会保障卡申领' } }, city: '420100', values: { phone: '13800000000' }, locale: 'zh-CN' } as never;

describe('a submission that is not stored', () => {
  it('is logged for the technician with its reason and nothing of the application', async () => {
    const { submit, logged } = await portsWith(async () => Promise.reject(new OutboxError('storage_full', 'the kiosk storage is full')));
    await expect(toPromise(createActor(submit, { input }).start())).rejects.toThrow('the kiosk storage is full');
    expect(logged).toEqual([{ level: 'warn', scope: 'outbox', message: 'application not stored: storage_full' }]);
    expect(JSON.stringify(logged)).not.toMatch(/张三|420102199001011234|13800000000/);
  });

  it('names a kiosk that is not enrolled', async () => {
    const { submit, logged } = await portsWith(async () => 'never', false);
    await expect(toPromise(createActor(submit, { input }).start())).rejects.toThrow('not enrolled');
    expect(logged).toEqual([{ level: 'warn', scope: 'outbox', message: 'application not stored: not_enrolled' }]);
  });

  it('logs nothing when the application is stored', async () => {
    const { submit, logged } = await portsWith(async () => '420102-001-0001');
    await expect(toPromise(createActor(submit, { input }).start())).resolves.toMatchObject({ receiptNo: '420102-001-0001' });
    expect(logged).toEqual([]);
  });
});
