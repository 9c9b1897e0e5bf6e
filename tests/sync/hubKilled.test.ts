// The hub process is SIGKILLed while a batch is in its hands, then started again on the same data directory
// and database (PostgreSQL, so the kill cannot take the data with it). Whatever the hub had committed, the
// kiosk's retry must leave every application there exactly once.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres } from '../support/postgres';
import type { TestPostgres } from '../support/postgres';
import { startFaultProxy } from './helpers/faultProxy';
import type { FaultProxy } from './helpers/faultProxy';
import { spawnHub } from './helpers/hubProcess';
import type { HubProcess } from './helpers/hubProcess';
import { createKioskSide, isDrained, waitForStatus } from './helpers/kioskSide';
import type { KioskSide } from './helpers/kioskSide';
import { tempDir } from './helpers/realHub';
import { openDb } from '../../hub/db/db';

describe('hub killed mid-batch', () => {
  let pg: TestPostgres;
  let proxy: FaultProxy | undefined;
  let side: KioskSide | undefined;
  const hubs: HubProcess[] = [];
  const hubDir = tempDir('sync-killed-hub-');
  const kioskDir = tempDir('sync-killed-kiosk-');

  beforeAll(async () => {
    pg = await startPostgres();
  });
  afterAll(async () => {
    await side?.stop();
    await proxy?.close();
    for (const hub of hubs) await hub.kill('SIGKILL');
    await pg?.stop();
    rmSync(hubDir, { recursive: true, force: true });
    rmSync(kioskDir, { recursive: true, force: true });
  });

  it('delivers every application once after the hub dies and comes back', async () => {
    const first = await spawnHub(hubDir, pg.url, '420102-001');
    hubs.push(first);
    proxy = await startFaultProxy(first.port);
    side = await createKioskSide({ hubUrl: proxy.url, dataDir: kioskDir, enrolmentCode: first.code as string, timeoutMs: 5_000 });
    for (let i = 0; i < 30; i++) await side.kiosk.submit();

    let killed = false;
    const died = new Promise<void>((resolve) => {
      proxy!.policy = (request) => {
        if (killed || !request.path.startsWith('/v1/applications:batch')) return { kind: 'pass' };
        killed = true;
        // The request is on its way into the hub; give it a moment inside, then kill it without warning.
        return { kind: 'forwardThen', then: () => new Promise<void>((r) => setTimeout(r, 15)).then(() => first.kill('SIGKILL')).then(resolve) };
      };
    });
    await side.engine.start();
    await died;
    const failed = await waitForStatus(side.engine, (s) => s.lastError !== null && s.sending === 0);
    expect(failed.queued).toBe(30);

    const second = await spawnHub(hubDir, pg.url);
    hubs.push(second);
    proxy.setUpstream(second.port);
    side.engine.wake('online');
    await waitForStatus(side.engine, isDrained, 30_000);

    const db = await openDb({ databaseUrl: pg.url });
    try {
      const found = await db.query<{ n: number; d: number }>('SELECT count(*)::int AS n, count(DISTINCT receipt_no)::int AS d FROM applications');
      expect(found.rows[0]).toEqual({ n: 30, d: 30 });
    } finally {
      await db.close();
    }
    const rows = await side.kiosk.db.outbox.toArray();
    expect(rows.every((r) => r.status === 'accepted')).toBe(true);
  });
});
