import { describe, expect, it } from 'vitest';
import { sealAssociatedData, sealedPayloadSchema } from '../domain/hubApi';
import { base64ToBytes, bytesToBase64 } from './base64';
import { SealError, createSealSuite, sealApplication } from './seal';

const personal = { name: '张三', idNumber: '420102199001011234', phone: '13800138000', address: '武汉市江岸区', answers: { reason: '补办' } };
const context = { id: '01890a5d-ac96-774b-bcce-b302099a8057', kioskId: 'k-001', serviceId: 'hukou-transfer' };

async function hubKeyPair() {
  const suite = createSealSuite();
  const pair = await suite.kem.generateKeyPair();
  const publicRaw = new Uint8Array(await suite.kem.serializePublicKey(pair.publicKey));
  return { suite, pair, hubPublicKey: bytesToBase64(publicRaw) };
}

describe('sealApplication', () => {
  it('produces the wire shape, with nothing personal in clear', async () => {
    const { hubPublicKey } = await hubKeyPair();
    const sealed = await sealApplication(personal, { ...context, hubPublicKey });
    expect(sealedPayloadSchema.parse(sealed)).toEqual(sealed);
    const text = JSON.stringify(sealed);
    for (const value of ['张三', '420102199001011234', '13800138000', '武汉', '补办']) expect(text).not.toContain(value);
    // Fresh ephemeral key per application: sealing the same thing twice gives different bytes.
    const again = await sealApplication(personal, { ...context, hubPublicKey });
    expect(again.enc).not.toBe(sealed.enc);
    expect(again.ct).not.toBe(sealed.ct);
  });

  it('opens with the hub private key and the same associated data', async () => {
    const { suite, pair, hubPublicKey } = await hubKeyPair();
    const sealed = await sealApplication(personal, { ...context, hubPublicKey });
    const plain = await suite.open(
      { recipientKey: pair.privateKey, enc: base64ToBytes(sealed.enc) },
      base64ToBytes(sealed.ct),
      sealAssociatedData(context.id, context.kioskId, context.serviceId),
    );
    expect(JSON.parse(new TextDecoder().decode(plain))).toEqual(personal);
  });

  it('refuses to open when moved onto another application, kiosk or service', async () => {
    const { suite, pair, hubPublicKey } = await hubKeyPair();
    const sealed = await sealApplication(personal, { ...context, hubPublicKey });
    for (const [id, kiosk, service] of [
      ['01890a5d-ac96-774b-bcce-b302099a8058', context.kioskId, context.serviceId],
      [context.id, 'k-002', context.serviceId],
      [context.id, context.kioskId, 'other-service'],
    ] as const) {
      await expect(
        suite.open({ recipientKey: pair.privateKey, enc: base64ToBytes(sealed.enc) }, base64ToBytes(sealed.ct), sealAssociatedData(id, kiosk, service)),
      ).rejects.toThrow();
    }
  });

  it('refuses a public key that is not 32 raw X25519 bytes, without echoing the payload', async () => {
    const error = await sealApplication(personal, { ...context, hubPublicKey: bytesToBase64(new Uint8Array(31)) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SealError);
    expect((error as SealError).code).toBe('bad_public_key');
    expect((error as Error).message).not.toContain('张三');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const { hubPublicKey } = await hubKeyPair();
    await expect(sealApplication(cyclic, { ...context, hubPublicKey })).rejects.toMatchObject({ code: 'not_serialisable' });
  });
});
