import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, saveConfig } from './config';

const dir = () => mkdtempSync(join(tmpdir(), 'kiosk-config-'));

describe('config store', () => {
  it('gives the documented defaults when there is no file', () => {
    const config = loadConfig(dir(), {});
    expect(config.settings).toMatchObject({ idleTimeoutSeconds: 90, idleCountdownSeconds: 20, locale: 'zh-CN' });
    expect(config.devices).toEqual({});
    expect(config.version).toBe(2);
    expect(config.hub.url).toBeNull();
  });

  it('round-trips what it saves, and environment overrides win', () => {
    const d = dir();
    const config = loadConfig(d, {});
    config.devices.printer = { driver: 'printer/escpos-serial', port: '/dev/ttyS1', baud: 9600, options: { profile: 'epson-80' } };
    saveConfig(d, config);
    expect(loadConfig(d, {}).devices.printer).toEqual(config.devices.printer);
    const env = loadConfig(d, { KIOSK_IDLE_SECONDS: '5', KIOSK_IDCARD_PORT: '/tmp/pty', KIOSK_HUB_URL: 'http://127.0.0.1:9' });
    expect(env.settings.idleTimeoutSeconds).toBe(5);
    expect(env.devices.idcard).toMatchObject({ driver: 'idcard/sam-serial', port: '/tmp/pty' });
    expect(env.hub.url).toBe('http://127.0.0.1:9');
    expect(env.settings.staffedHours).toBeUndefined();
    expect(loadConfig(d, { KIOSK_STAFFED_HOURS: '工作日 9:00–17:00' }).settings.staffedHours).toBe('工作日 9:00–17:00');
  });

  it('refuses a damaged or invalid file with a message that names the file and the field', () => {
    const d = dir();
    writeFileSync(join(d, 'config.json'), '{ not json');
    expect(() => loadConfig(d, {})).toThrow(ConfigError);
    writeFileSync(join(d, 'config.json'), JSON.stringify({ settings: { idleTimeoutSeconds: -1, idleCountdownSeconds: 20, locale: 'zh-CN' } }));
    expect(() => loadConfig(d, {})).toThrow(/settings\.idleTimeoutSeconds/);
    expect(() => loadConfig(dir(), { KIOSK_IDLE_SECONDS: 'soon' })).toThrow(ConfigError);
  });

  it('keeps the Chromium host on one port: 17800 by default, config.json or KIOSK_PORT may name another, never 0', () => {
    const d = dir();
    expect(loadConfig(d, {}).chromiumHost.port).toBe(17800);
    writeFileSync(join(d, 'config.json'), JSON.stringify({ chromiumHost: { port: 48123 } }));
    expect(loadConfig(d, {}).chromiumHost.port).toBe(48123);
    expect(loadConfig(d, { KIOSK_PORT: '40123' }).chromiumHost.port).toBe(40123);
    expect(() => loadConfig(d, { KIOSK_PORT: '0' })).toThrow(/chromiumHost\.port/);
    writeFileSync(join(d, 'config.json'), JSON.stringify({ chromiumHost: { port: 0 } }));
    expect(() => loadConfig(d, {})).toThrow(/chromiumHost\.port/);
  });

  it('migrates a version-1 file written by the code before the device registry, keeping every setting', () => {
    // Both fixtures were written by that code's saveConfig (commit 9e38278): one with both devices and a hub,
    // one with nothing configured (its devices were two `none` entries).
    const fixture = (name: string) => {
      const d = dir();
      writeFileSync(join(d, 'config.json'), readFileSync(join(import.meta.dirname, 'fixtures', name)));
      return d;
    };
    const full = loadConfig(fixture('config-v1.json'), {});
    expect(full.version).toBe(2);
    expect(full.devices).toEqual({
      idcard: { driver: 'idcard/sam-serial', port: '/dev/ttyUSB0', baud: 115200, options: { pollIntervalMs: 500 } },
      printer: { driver: 'printer/escpos-serial', port: '/dev/ttyUSB1', baud: 9600, options: { profile: 'clone-58' } },
    });
    expect(full.hub.url).toBe('https://hub.example.gov.cn');
    expect(full.settings.serviceDesk).toBe('所在地政务服务中心综合窗口');
    const empty = loadConfig(fixture('config-v1-defaults.json'), {});
    expect(empty.devices).toEqual({});
    // Saved again, it is a version-2 file that loads to the same thing.
    const d = dir();
    saveConfig(d, full);
    expect(JSON.parse(readFileSync(join(d, 'config.json'), 'utf8')).version).toBe(2);
    expect(loadConfig(d, {})).toEqual(full);
  });

  it('refuses a file from a newer kiosk version instead of guessing', () => {
    const d = dir();
    writeFileSync(join(d, 'config.json'), JSON.stringify({ version: 3 }));
    expect(() => loadConfig(d, {})).toThrow(/newer than this kiosk understands/);
  });

  it('writes atomically (no temp file left behind)', () => {
    const d = dir();
    saveConfig(d, loadConfig(d, {}));
    expect(JSON.parse(readFileSync(join(d, 'config.json'), 'utf8')).settings.locale).toBe('zh-CN');
  });
});
