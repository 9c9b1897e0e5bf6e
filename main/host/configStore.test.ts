import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, saveConfig } from './config';
import { loadConfigOrFallback, salvagePort } from './configStore';

const dir = () => mkdtempSync(join(tmpdir(), 'kiosk-config-store-'));
const withIdle = (d: string, seconds: number) => {
  const config = loadConfig(d, {});
  config.settings.idleTimeoutSeconds = seconds;
  config.chromiumHost.port = 48100;
  return config;
};

describe('saving config.json', () => {
  it('keeps the previous valid version as config.json.prev and leaves no temporary file', () => {
    const d = dir();
    saveConfig(d, withIdle(d, 60));
    expect(existsSync(join(d, 'config.json.prev'))).toBe(false); // nothing before the first save
    saveConfig(d, withIdle(d, 70));
    expect(JSON.parse(readFileSync(join(d, 'config.json.prev'), 'utf8')).settings.idleTimeoutSeconds).toBe(60);
    expect(loadConfig(d, {}).settings.idleTimeoutSeconds).toBe(70);
    expect(readdirSync(d).sort()).toEqual(['config.json', 'config.json.prev']);
  });

  it('validates before writing: an invalid config changes nothing on disk', () => {
    const d = dir();
    saveConfig(d, withIdle(d, 60));
    const before = readFileSync(join(d, 'config.json'), 'utf8');
    const bad = withIdle(d, 60);
    bad.settings.idleTimeoutSeconds = -5;
    expect(() => saveConfig(d, bad)).toThrow(/settings\.idleTimeoutSeconds/);
    expect(readFileSync(join(d, 'config.json'), 'utf8')).toBe(before);
    expect(existsSync(join(d, 'config.json.prev'))).toBe(false);
  });

  it('does not let a damaged file become the "previous" one', () => {
    const d = dir();
    saveConfig(d, withIdle(d, 60));
    saveConfig(d, withIdle(d, 70)); // .prev = 60
    writeFileSync(join(d, 'config.json'), '{ "settings": ');
    saveConfig(d, withIdle(dir(), 80));
    expect(JSON.parse(readFileSync(join(d, 'config.json.prev'), 'utf8')).settings.idleTimeoutSeconds).toBe(60);
  });
});

describe('starting on a damaged config.json', () => {
  it('uses config.json when it is fine, with no problem reported', () => {
    const d = dir();
    saveConfig(d, withIdle(d, 60));
    expect(loadConfigOrFallback(d, {})).toEqual({ config: loadConfig(d, {}) });
  });

  it('falls back to the last good version, naming the reason', () => {
    const d = dir();
    saveConfig(d, withIdle(d, 60));
    saveConfig(d, withIdle(d, 70));
    writeFileSync(join(d, 'config.json'), '{ not json');
    const { config, problem } = loadConfigOrFallback(d, {});
    expect(config.settings.idleTimeoutSeconds).toBe(60);
    expect(problem).toMatchObject({ code: 'unreadable', fallback: 'previous' });
    expect(problem!.detail).toContain('is not valid JSON');
    expect(() => loadConfig(d, {})).toThrow(ConfigError); // the strict loader (kioskctl) still refuses it
  });

  it('reports an invalid field and a newer version distinctly', () => {
    const d = dir();
    saveConfig(d, withIdle(d, 60));
    saveConfig(d, withIdle(d, 70));
    writeFileSync(join(d, 'config.json'), JSON.stringify({ settings: { idleTimeoutSeconds: 'soon' } }));
    expect(loadConfigOrFallback(d, {}).problem).toMatchObject({ code: 'invalid', fallback: 'previous' });
    expect(loadConfigOrFallback(d, {}).problem!.detail).toContain('settings.idleTimeoutSeconds');
    writeFileSync(join(d, 'config.json'), JSON.stringify({ version: 99 }));
    expect(loadConfigOrFallback(d, {}).problem).toMatchObject({ code: 'version', fallback: 'previous' });
  });

  it('without a good previous version starts on defaults, keeping the port seen in the damaged text', () => {
    const d = dir();
    writeFileSync(join(d, 'config.json'), '{"version": 2, "chromiumHost": { "port": 48123 }, "settings": {"idleTimeoutSeconds": ');
    const { config, problem } = loadConfigOrFallback(d, {});
    expect(problem).toMatchObject({ code: 'unreadable', fallback: 'defaults' });
    expect(config.settings.idleTimeoutSeconds).toBe(90);
    expect(config.chromiumHost.port).toBe(48123);
    expect(config.devices).toEqual({});
    // Environment overrides still apply on a fallback (tests and development machines).
    expect(loadConfigOrFallback(d, { KIOSK_PORT: '40000' }).config.chromiumHost.port).toBe(40000);
    expect(() => loadConfigOrFallback(d, { KIOSK_PORT: 'x' })).toThrow(/KIOSK_\*/);
  });

  it('salvages only a plausible port', () => {
    expect(salvagePort('{"chromiumHost":{"port":17900}}')).toBe(17900);
    expect(salvagePort('{"chromiumHost":{"port":99999}}')).toBeUndefined();
    expect(salvagePort('{"hub":{"port":17900}}')).toBeUndefined();
    expect(salvagePort('\u0000\u0001garbage')).toBeUndefined();
  });
});
