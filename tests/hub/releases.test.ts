// The hub's release channel on a real hub and database (PGlite and PostgreSQL): publish, staged rollout by a
// hash of the kiosk id, download resumed with Range, heartbeats that carry the updater's state, and
// `kioskctl hub release publish` refusing a bundle built for another channel or failing verification.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listKiosks } from '../../hub/store/kiosks';
import { publishRelease, ReleaseConflictError } from '../../hub/store/releases';
import { readManifestUnverified } from '../../main/host/update/bundleFormat';
import { runKioskctl } from '../support/kioskctl';
import { bundleBytes, makeKey } from '../update/rig';
import { call, engines, enrol, tempDir, useDatabase, useHub } from './support';

const key = makeKey();
const release = (version: string, rollout: number, channel = 'stable', notes = `release ${version}`) => {
  const bundle = bundleBytes(key.privateKey, { version, channel, notes });
  return { channel, version, rollout, notes, manifest: readManifestUnverified(bundle), bundle };
};
/** Written independently of the hub's code: the rule, a hash of the kiosk id under the percentage. */
const inRollout = (kioskId: string, percent: number, channel = 'stable') => createHash('sha256').update(`${channel}\n${kioskId}`).digest().readUInt32BE(0) % 100 < percent;

for (const engine of engines) {
  describe(`release channel on ${engine}`, () => {
    const database = useDatabase(engine);
    const running = useHub(database);
    const url = (path: string) => `${running.hub.url}${path}`;

    it('serves the newest release whose rollout includes the kiosk, and widens it on request', { timeout: 120_000 }, async () => {
      const kiosks = await Promise.all(Array.from({ length: 12 }, () => enrol(running.hub)));
      const latest = async (credential: string) => (await call<{ version: string }>(url('/v1/releases/stable/latest'), { token: credential })).body?.version ?? null;
      expect((await call(url('/v1/releases/stable/latest'))).status).toBe(401);
      expect((await call(url('/v1/releases/stable/latest'), { token: kiosks[0]?.credential })).status).toBe(204);

      await publishRelease(database.db, release('0.2.0', 100));
      const v3 = release('0.3.0', 40);
      await publishRelease(database.db, v3);
      for (const kiosk of kiosks) expect(await latest(kiosk.credential)).toBe(inRollout(kiosk.kioskId, 40) ? '0.3.0' : '0.2.0');

      await publishRelease(database.db, { ...v3, rollout: 100 }); // same bytes: only the rollout changes
      for (const kiosk of kiosks) expect(await latest(kiosk.credential)).toBe('0.3.0');
      await expect(publishRelease(database.db, release('0.3.0', 100, 'stable', 'rebuilt'))).rejects.toBeInstanceOf(ReleaseConflictError); // new bytes, same version
    });

    it('resumes a download with Range and refuses a range past the end', { timeout: 60_000 }, async () => {
      const kiosk = await enrol(running.hub);
      const published = release('1.0.0', 100, 'pilot');
      await publishRelease(database.db, published);
      const info = await call<{ url: string; size: number; sha256: string }>(url('/v1/releases/pilot/latest'), { token: kiosk.credential });
      expect(info.body).toMatchObject({ size: published.bundle.length, url: '/v1/releases/pilot/1.0.0/bundle' });
      const get = (headers: Record<string, string>) => fetch(url(info.body.url), { headers: { authorization: `Bearer ${kiosk.credential}`, ...headers } });

      const first = await get({ range: 'bytes=0-99' });
      expect(first.status).toBe(206);
      expect(first.headers.get('content-range')).toBe(`bytes 0-99/${published.bundle.length}`);
      const etag = first.headers.get('etag') ?? '';
      const rest = await get({ range: 'bytes=100-', 'if-range': etag });
      expect(rest.status).toBe(206);
      const joined = Buffer.concat([Buffer.from(await first.arrayBuffer()), Buffer.from(await rest.arrayBuffer())]);
      expect(joined.equals(published.bundle)).toBe(true);
      expect(createHash('sha256').update(joined).digest('hex')).toBe(info.body.sha256);

      expect((await get({ range: `bytes=${published.bundle.length}-` })).status).toBe(416);
      const changed = await get({ range: 'bytes=100-', 'if-range': '"another-file"' }); // the file changed: start over
      expect(changed.status).toBe(200);
      expect(Buffer.from(await changed.arrayBuffer()).equals(published.bundle)).toBe(true);
      expect((await fetch(url(info.body.url))).status).toBe(401);
    });

    it('keeps the updater state a heartbeat reports and lists it with the kiosks', async () => {
      const kiosk = await enrol(running.hub);
      const update = { current: { slot: 'factory', version: '0.1.0' }, previous: null, pending: false, lastResult: 'rolledBack', rolledBack: { version: '0.9.0', reason: 'not marked good after 3 starts' } };
      const beat = { version: '0.1.0', devices: {}, queueDepth: 2, lastSyncAt: null, update };
      expect((await call(url('/v1/heartbeat'), { token: kiosk.credential, body: beat })).status).toBe(200);
      expect((await call(url('/v1/heartbeat'), { token: kiosk.credential, body: { ...beat, update: { ...update, lastResult: 'exploded' } } })).status).toBe(400);
      const listed = (await listKiosks(database.db)).find((k) => k.kioskId === kiosk.kioskId);
      expect(listed?.update).toEqual(update);
    });
  });
}

describe('kioskctl hub release publish', () => {
  it('publishes into the hub database and refuses another channel or a bundle that fails --pub', { timeout: 400_000 }, async () => {
    const dataDir = tempDir();
    const file = join(dataDir, 'kiosk-0.4.0.bundle');
    const bundle = bundleBytes(key.privateKey, { version: '0.4.0' });
    writeFileSync(file, bundle);
    const hubCli = (args: string[]) => runKioskctl(['hub', ...args, '--data', dataDir], { DATABASE_URL: '' }, 120_000);

    const published = await hubCli(['release', 'publish', file, '--channel', 'stable', '--rollout', '25', '--pub', key.publicFile]);
    expect(published.code, published.stderr).toBe(0);
    expect((await hubCli(['release', 'publish', file, '--channel', 'pilot', '--rollout', '25'])).code).toBe(4);
    const tampered = join(dataDir, 'tampered.bundle');
    const bad = Buffer.from(bundle);
    bad.writeUInt8(bad.readUInt8(bad.length - 1) ^ 1, bad.length - 1);
    writeFileSync(tampered, bad);
    expect((await hubCli(['release', 'publish', tampered, '--channel', 'stable', '--rollout', '25', '--pub', key.publicFile])).code).toBe(3);
    const list = await hubCli(['release', 'list']);
    expect(JSON.parse(list.stdout)).toEqual([expect.objectContaining({ channel: 'stable', version: '0.4.0', rollout: 25, size: bundle.length })]);
  });
});
