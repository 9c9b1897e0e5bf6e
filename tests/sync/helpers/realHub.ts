// The real hub, in process on an in-memory PGlite, behind the fault proxy, with one enrolled kiosk side.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHub } from '../../../hub/startHub';
import type { RunningHubHandle } from '../../../hub/startHub';
import { credentialPath } from '../../../main/host/hub/credentialStore';
import { startFaultProxy } from './faultProxy';
import type { FaultProxy } from './faultProxy';
import { createKioskSide } from './kioskSide';
import type { KioskSide } from './kioskSide';
import type { SyncEngineOptions } from '../../../src/sync/engine';

export const tempDir = (prefix: string): string => mkdtempSync(join(tmpdir(), prefix));

export interface HubRig {
  hub: RunningHubHandle;
  /** The hub's data directory (its key files: `loadHpkePrivateKey` opens what the kiosk sealed). */
  hubDataDir: string;
  proxy: FaultProxy;
  side: KioskSide;
  /** The kiosk's credential file (in its data directory). */
  credentialFile: string;
  /** Rows the hub holds for this kiosk, and how many distinct receipt numbers among them. */
  hubCounts(): Promise<{ rows: number; distinct: number }>;
  close(): Promise<void>;
}

export async function startHubRig(options: { timeoutMs?: number; engine?: Partial<SyncEngineOptions>; catalogFile?: string } = {}): Promise<HubRig> {
  const hubDir = tempDir('sync-hub-');
  const kioskDir = tempDir('sync-kiosk-');
  const hub = await startHub({ dataDir: hubDir, databaseUrl: 'memory://', log: false, catalogFile: options.catalogFile });
  const proxy = await startFaultProxy(Number(new URL(hub.url).port));
  const { code } = await hub.createEnrolmentCode('420102-001');
  const side = await createKioskSide({ hubUrl: proxy.url, dataDir: kioskDir, enrolmentCode: code, timeoutMs: options.timeoutMs, engine: options.engine });
  return {
    hub,
    hubDataDir: hubDir,
    proxy,
    side,
    credentialFile: credentialPath(kioskDir),
    async hubCounts() {
      const identity = await side.client.call('kiosk.identity', {});
      const kioskId = identity.ok ? identity.value.kioskId : '';
      const found = await hub.db.query<{ n: number; d: number }>('SELECT count(*)::int AS n, count(DISTINCT receipt_no)::int AS d FROM applications WHERE kiosk_id = $1', [kioskId]);
      return { rows: found.rows[0]?.n ?? -1, distinct: found.rows[0]?.d ?? -1 };
    },
    async close() {
      await side.stop();
      await proxy.close();
      await hub.close();
      rmSync(hubDir, { recursive: true, force: true });
      rmSync(kioskDir, { recursive: true, force: true });
    },
  };
}
