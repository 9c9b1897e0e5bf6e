// The hub opens what a kiosk seals: with @hpke/core directly (the suite spelled out) and with the kiosk's own
// sealApplication, so the two sides cannot drift apart. The binding (id, kiosk, service) and the key must match.
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Aes128Gcm, CipherSuite, DhkemX25519HkdfSha256, HkdfSha256 } from '@hpke/core';
import { sealApplication } from '../src/sync/seal';
import { sealAssociatedData } from '../src/domain/hubApi';
import { rawPublicKey } from './keys';
import { openSealed } from './openSealed';

const hub = generateKeyPairSync('x25519').privateKey;
const hubPublicKey = rawPublicKey(hub);
const binding = { id: '0190a000-0000-7000-8000-00000000abcd', kioskId: '420102-001-7K2M', serviceId: 'WHMA-SB-01' };
const personal = { name: '张三', idNumber: '420102199003071232', phone: '13800000000', answers: { delivery: 'post' } };

describe('openSealed', () => {
  it('opens a payload sealed with @hpke/core in base mode with the shared associated data', async () => {
    const suite = new CipherSuite({ kem: new DhkemX25519HkdfSha256(), kdf: new HkdfSha256(), aead: new Aes128Gcm() });
    const recipientPublicKey = await suite.kem.deserializePublicKey(Buffer.from(hubPublicKey, 'base64'));
    const { enc, ct } = await suite.seal({ recipientPublicKey }, new TextEncoder().encode(JSON.stringify(personal)), sealAssociatedData(binding.id, binding.kioskId, binding.serviceId));
    const sealed = { enc: Buffer.from(enc).toString('base64'), ct: Buffer.from(ct).toString('base64') };
    expect(await openSealed(hub, { ...binding, sealed })).toEqual(personal);
  });

  it("opens what the kiosk's sealApplication produced, and nothing moved to another binding or key", async () => {
    const sealed = await sealApplication(personal, { ...binding, hubPublicKey });
    expect(await openSealed(hub, { ...binding, sealed })).toEqual(personal);
    await expect(openSealed(hub, { ...binding, id: '0190a000-0000-7000-8000-00000000abce', sealed })).rejects.toThrow(/cannot open/);
    await expect(openSealed(hub, { ...binding, kioskId: '420102-001-XXXX', sealed })).rejects.toThrow(/cannot open/);
    await expect(openSealed(hub, { ...binding, serviceId: 'WHMA-HJ-02', sealed })).rejects.toThrow(/cannot open/);
    await expect(openSealed(generateKeyPairSync('x25519').privateKey, { ...binding, sealed })).rejects.toThrow(/cannot open/);
    const tampered = Buffer.from(sealed.ct, 'base64');
    tampered[0] = (tampered[0] ?? 0) ^ 1;
    await expect(openSealed(hub, { ...binding, sealed: { enc: sealed.enc, ct: tampered.toString('base64') } })).rejects.toThrow(/cannot open/);
  });
});
