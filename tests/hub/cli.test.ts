// `kioskctl hub …` end to end: a real hub process on an on-disk PGlite, operator commands that go through the
// running hub, then the same commands straight on the database once the hub has stopped.
import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { bundledCatalog } from '../../src/domain/catalogData';
import { batchResponseSchema, enrolResponseSchema, signedCatalogSchema } from '../../src/domain/hubApi';
import { verifySignedCatalog } from '../../src/sync/catalogUpdate';
import { runKioskctl } from '../support/kioskctl';
import { call, makeItem, sealAs, startHubProcess, tempDir } from './support';

const kioskctl = (args: string[], env: NodeJS.ProcessEnv = {}) => runKioskctl(['hub', ...args], { DATABASE_URL: '', ...env });

describe('kioskctl hub', () => {
  const dataDir = tempDir('kiosk-hub-cli-');
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts, enrols, opens, revokes and stops; the operator commands also work with the hub down', { timeout: 120_000 }, async () => {
    const { child, url } = await startHubProcess(dataDir);
    children.push(child);
    expect((await call(`${url}/v1/health`)).status).toBe(200);

    const enrolCode = await kioskctl(['enrol-code', '--site', '420902-005', '--data', dataDir]);
    expect(enrolCode.code).toBe(0);
    const code = enrolCode.stdout.trim();
    expect(enrolCode.stderr).toMatch(/hub key fingerprint: [0-9a-f]{4}(-[0-9a-f]{4}){7} /);
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const kiosk = enrolResponseSchema.parse((await call(`${url}/v1/enrol`, { body: { code } })).body);
    expect(kiosk.siteCode).toBe('420902-005');
    // Started without --catalog, it publishes the kiosk's bundled catalogue, signed with the enrolment key.
    const served = signedCatalogSchema.parse((await call(`${url}/v1/catalog`)).body);
    expect(await verifySignedCatalog(served, kiosk.signingPublicKey)).toEqual(bundledCatalog());

    const personal = { name: '李四', idNumber: '11010519491231002X', form: { reason: '迁入' } };
    const item = makeItem({ handlingCity: '420100' });
    item.sealed = await sealAs(kiosk.hpkePublicKey, { id: item.id, kioskId: kiosk.kioskId, serviceId: item.serviceId }, personal);
    const stored = batchResponseSchema.parse((await call(`${url}/v1/applications:batch`, { token: kiosk.credential, body: { items: [item] } })).body);
    const caseNo = (stored.results[0] as { caseNo: string }).caseNo;

    const opened = await kioskctl(['open', item.id, '--data', dataDir]);
    expect(opened.code, opened.stderr).toBe(0);
    expect(JSON.parse(opened.stdout)).toMatchObject({ id: item.id, caseNo, kioskId: kiosk.kioskId, personal });

    const token = await kioskctl(['city-token', '--city', '420100', '--data', dataDir]);
    const queue = await call<{ items: { id: string }[] }>(`${url}/v1/cities/420100/applications`, { token: token.stdout.trim() });
    expect(queue.body.items.map((i) => i.id)).toEqual([item.id]);
    const tokenId = /city token (CT-[0-9A-Z-]+) /.exec(token.stderr)?.[1] ?? '';
    expect(token.stderr).toMatch(/valid until \S+/);
    expect((await kioskctl(['city-token', '--revoke', tokenId, '--data', dataDir])).code).toBe(0);
    expect((await call(`${url}/v1/cities/420100/applications`, { token: token.stdout.trim() })).status).toBe(401);
    expect((await kioskctl(['city-token', '--revoke', tokenId, '--data', dataDir])).code).toBe(1);

    expect((await kioskctl(['revoke', kiosk.kioskId, '--data', dataDir])).code).toBe(0);
    expect((await call(`${url}/v1/applications:batch`, { token: kiosk.credential, body: { items: [makeItem()] } })).status).toBe(401);
    expect((await kioskctl(['revoke', kiosk.kioskId, '--data', dataDir])).code).toBe(1);

    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);

    const offline = await kioskctl(['open', caseNo, '--data', dataDir]);
    expect(offline.code, offline.stderr).toBe(0);
    expect(JSON.parse(offline.stdout).personal).toEqual(personal);
    const kiosks = await kioskctl(['kiosks', '--data', dataDir]);
    expect(JSON.parse(kiosks.stdout)).toEqual([expect.objectContaining({ kioskId: kiosk.kioskId, revokedAt: expect.any(String) })]);

    expect((await kioskctl(['enrol-code', '--site', 'nowhere', '--data', dataDir])).code).toBe(64);
    const empty = tempDir('kiosk-hub-empty-');
    const wrongDir = await kioskctl(['open', caseNo, '--data', empty]);
    rmSync(empty, { recursive: true, force: true });
    expect(wrongDir.code).toBe(1);
    expect(wrongDir.stderr).toMatch(/no hub key/);
  });
});
