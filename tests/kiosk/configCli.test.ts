// `kioskctl config get|set|validate`: the same validated, atomic writes as the host, from a terminal.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../main/host/config';
import { runKioskctl } from '../support/kioskctl';

describe('kioskctl config', () => {
  it('sets a setting (keeping the previous file), refuses an invalid one, reads and validates', async () => {
    const data = mkdtempSync(join(tmpdir(), 'kiosk-config-cli-'));
    const set = await runKioskctl(['config', 'set', 'settings.idleTimeoutSeconds', '120', '--data', data]);
    expect(set.stderr).toBe('');
    expect(set.code).toBe(0);
    expect(loadConfig(data, {}).settings.idleTimeoutSeconds).toBe(120);
    expect((await runKioskctl(['config', 'set', 'settings.locale', 'zh-TW', '--data', data])).code).toBe(0);
    expect(JSON.parse(readFileSync(join(data, 'config.json.prev'), 'utf8')).settings.idleTimeoutSeconds).toBe(120);

    const bad = await runKioskctl(['config', 'set', 'settings.idleTimeoutSeconds', '0', '--data', data]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/settings\.idleTimeoutSeconds.*nothing written/);
    expect(loadConfig(data, {}).settings).toMatchObject({ idleTimeoutSeconds: 120, locale: 'zh-TW' });
    expect((await runKioskctl(['config', 'set', 'maintenance.pins.technician', 'x', '--data', data])).code).toBe(64);

    const get = await runKioskctl(['config', 'get', 'settings.locale', '--data', data]);
    expect([get.code, JSON.parse(get.stdout)]).toEqual([0, 'zh-TW']);
    expect((await runKioskctl(['config', 'get', 'nothing.here', '--data', data])).code).toBe(1);

    expect((await runKioskctl(['config', 'validate', '--data', data])).code).toBe(0);
    writeFileSync(join(data, 'config.json'), '{"chromiumHost": {"port": 0}}');
    const invalid = await runKioskctl(['config', 'validate', '--data', data]);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain('chromiumHost.port');
  }, 120_000);
});
