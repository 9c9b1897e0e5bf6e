// Enrolment from the maintenance screen (issue 11 §4) against a real hub on PGlite: a wrong code is refused and
// writes nothing; the right one stores the credential, writes the hub URL to config.json and connects the running
// hub link, which had no hub configured: an application goes through at once, no restart; field staff may not.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Handlers, MethodName } from '../../src/bridge/contract';
import { loadConfig, saveConfig } from '../../main/host/config';
import { createDeviceManager } from '../../main/host/devices/deviceManager';
import { readCredential } from '../../main/host/hub/credentialStore';
import { createLogger } from '../../main/host/log';
import { createAuditLog } from '../../main/host/maintenance/audit';
import { createMaintenanceHub } from '../../main/host/hub/enrolFromScreen';
import { createHubService } from '../../main/host/hub/hubService';
import { createEventHub } from '../../src/bridge/dispatcher';
import { createMaintenanceService } from '../../main/host/maintenance/maintenanceService';
import { createPinGuard } from '../../main/host/maintenance/pinGuard';
import { hashPin } from '../../main/host/maintenance/pinHash';
import { countApplications, makeItem, tempDir, useDatabase, useHub } from './support';

const log = createLogger('test', { write: () => undefined });

describe('maintenance.enrol', () => {
  const database = useDatabase('pglite');
  const started = useHub(database);
  const dataDir = tempDir('kiosk-enrol-screen-');
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('enrols with a typed code and writes the hub URL; a wrong code or field staff changes nothing', async () => {
    const config = loadConfig(dataDir, {});
    config.maintenance.pins = { technician: await hashPin('246810'), fieldStaff: await hashPin('13579135') };
    saveConfig(dataDir, config);
    const maintenance = createMaintenanceService({ config, devices: createDeviceManager({}, log), guard: createPinGuard({ file: join(dataDir, 'guard.json') }), audit: createAuditLog(join(dataDir, 'audit.log')), log, version: '1', dataDir });
    const link = createHubService({ url: null, dataDir, log, heartbeatMs: 0 });
    const seen: string[] = [];
    const events = createEventHub();
    events.subscribe((event) => seen.push(`${event.name}:${(event.payload as { state: string }).state}`));
    link.start(events);
    const handlers: Handlers = { ...maintenance.handlers, ...link.handlers, ...createMaintenanceHub({ maintenance, dataDir, config, version: '1.2.3', link }).handlers };
    const call = async (method: MethodName, input: object = {}) => (handlers[method] as (i: object) => Promise<{ ok: boolean; value?: never; error?: { code: string; message: string } }>)(input);
    const { code } = await started.hub.createEnrolmentCode('420102-031');

    await call('maintenance.enter', { pin: '13579135' });
    expect((await call('maintenance.enrol', { hubUrl: started.hub.url, code })).error?.code).toBe('forbidden');
    await call('maintenance.exit');
    await call('maintenance.enter', { pin: '246810' });
    expect((await call('maintenance.enrol', { hubUrl: 'http://hub.example.gov.cn', code })).error?.code).toBe('invalid_argument'); // plain http off this machine
    const wrong = await call('maintenance.enrol', { hubUrl: started.hub.url, code: 'AAAA-BBBB-CCCC' });
    expect(wrong.error?.code).toBe('invalid_argument');
    expect(loadConfig(dataDir, {}).hub.url).toBeNull();
    expect(readdirSync(dataDir).filter((n) => n.includes('credential'))).toEqual([]);

    expect((await call('hub.sendBatch', { items: [makeItem()] })).error?.code).toBe('unavailable'); // no hub yet

    // Typed in capitals with a trailing slash, as an on-screen keyboard may leave it: stored as one spelling.
    const enrolled = await call('maintenance.enrol', { hubUrl: `${started.hub.url.toUpperCase()}/`, code });
    expect(enrolled.value).toMatchObject({ siteCode: '420102-031', hub: 'online' });
    expect(loadConfig(dataDir, {}).hub.url).toBe(started.hub.url);
    expect(readCredential(dataDir)).toMatchObject({ siteCode: '420102-031', hubUrl: started.hub.url });
    expect(existsSync(join(dataDir, 'config.json.prev'))).toBe(true);
    // The link the kiosk is running told the renderer, and carries applications now.
    expect(seen).toEqual(['hub.status:unenrolled', 'hub.status:offline', 'hub.status:online']); // enrolled, then heard from
    const sent = await call('hub.sendBatch', { items: [makeItem()] });
    expect((sent.value as unknown as { results: { status: string }[] }).results[0]?.status).toBe('accepted');
    expect(await countApplications(database.db, readCredential(dataDir)!.kioskId)).toBe(1);
    link.stop();
    maintenance.stop();
  }, 60_000);
});
