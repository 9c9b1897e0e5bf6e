// The hub's keys (issue 10 §3): the network-facing process runs without the key that opens applications, and
// a hub that lost its keys refuses to start over a database holding sealed applications.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadHpkePrivateKey } from '../../hub/keys';
import { openSealed } from '../../hub/openSealed';
import { startHub } from '../../hub/startHub';
import { batchResponseSchema } from '../../src/domain/hubApi';
import { call, enrol, engines, makeItem, sealAs, tempDir, useDatabase } from './support';

describe.each(engines)('hub keys on %s', (engine) => {
  const database = useDatabase(engine);
  const dirs: string[] = [];
  const newDir = () => {
    const dir = tempDir('kiosk-hub-keys-');
    dirs.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('serves kiosks with the opening key kept elsewhere, and refuses new keys over sealed applications', async () => {
    const dataDir = newDir();
    const first = await startHub({ dataDir, db: database.db, log: false });
    await first.close();
    expect(readdirSync(join(dataDir, 'keys')).sort()).toEqual(['hpke-x25519.pem', 'hpke-x25519.pub', 'signing-ed25519.pem']);

    // The operator keeps the opening key off the serving machine: the hub starts and works without it.
    const vault = newDir();
    mkdirSync(join(vault, 'keys'));
    renameSync(join(dataDir, 'keys', 'hpke-x25519.pem'), join(vault, 'keys', 'hpke-x25519.pem'));
    const hub = await startHub({ dataDir, db: database.db, log: false });
    try {
      const kiosk = await enrol(hub);
      const personal = { name: '王五', idNumber: '420102199003071232' };
      const item = makeItem();
      item.sealed = await sealAs(kiosk.hpkePublicKey, { id: item.id, kioskId: kiosk.kioskId, serviceId: item.serviceId }, personal);
      const answer = await call(`${hub.url}/v1/applications:batch`, { token: kiosk.credential, body: { items: [item] } });
      expect(batchResponseSchema.parse(answer.body).results[0]?.status).toBe('accepted');
      expect(existsSync(join(dataDir, 'keys', 'hpke-x25519.pem'))).toBe(false);
      // Only the key in the vault opens what the kiosk sealed.
      expect(await openSealed(loadHpkePrivateKey(vault), { ...item, kioskId: kiosk.kioskId })).toEqual(personal);
    } finally {
      await hub.close();
    }

    // Keys lost (or a wrong --data) with applications in the database: no start, and no new keys made.
    const lost = newDir();
    await expect(startHub({ dataDir: lost, db: database.db, log: false })).rejects.toThrow(/no hub keys in .*sealed applications.*refusing to create new keys/);
    expect(existsSync(join(lost, 'keys'))).toBe(false);
  });
});
