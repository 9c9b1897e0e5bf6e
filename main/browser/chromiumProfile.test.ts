import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findOrphanedOrigins, grantDurableStorage } from './chromiumProfile';

const profile = () => mkdtempSync(join(tmpdir(), 'kiosk-profile-'));
const prefs = (dir: string) => JSON.parse(readFileSync(join(dir, 'Default', 'Preferences'), 'utf8'));

describe('Chromium profile preparation', () => {
  it('allows durable storage for the origin and keeps every other preference', () => {
    const dir = profile();
    mkdirSync(join(dir, 'Default'));
    writeFileSync(join(dir, 'Default', 'Preferences'), JSON.stringify({ intl: { accept_languages: 'zh-CN' }, profile: { content_settings: { exceptions: { durable_storage: { 'http://127.0.0.1:1,*': { setting: 2 } } } } } }));
    expect(grantDurableStorage(dir, 'http://127.0.0.1:17800')).toBe(true);
    expect(prefs(dir).intl).toEqual({ accept_languages: 'zh-CN' });
    expect(prefs(dir).profile.content_settings.exceptions.durable_storage).toEqual({ 'http://127.0.0.1:1,*': { setting: 2 }, 'http://127.0.0.1:17800,*': { setting: 1 } });
  });

  it('creates the preferences of a new profile, and leaves a file it cannot parse alone', () => {
    const fresh = profile();
    expect(grantDurableStorage(fresh, 'http://127.0.0.1:17800')).toBe(true);
    expect(prefs(fresh).profile.content_settings.exceptions.durable_storage['http://127.0.0.1:17800,*']).toEqual({ setting: 1 });
    const broken = profile();
    mkdirSync(join(broken, 'Default'));
    writeFileSync(join(broken, 'Default', 'Preferences'), '{ half');
    expect(grantDurableStorage(broken, 'http://127.0.0.1:17800')).toBe(false);
    expect(readFileSync(join(broken, 'Default', 'Preferences'), 'utf8')).toBe('{ half');
  });

  it('lists the IndexedDB of other loopback ports with their size, not its own or other sites', () => {
    const dir = profile();
    const idb = join(dir, 'Default', 'IndexedDB');
    for (const [name, bytes] of [
      ['http_127.0.0.1_17800.indexeddb.leveldb', 10],
      ['http_127.0.0.1_40001.indexeddb.leveldb', 100],
      ['http_127.0.0.1_40001.indexeddb.blob', 7],
      ['http_127.0.0.1_39000.indexeddb.leveldb', 5],
      ['https_example.org_0.indexeddb.leveldb', 50],
    ] as const) {
      mkdirSync(join(idb, name), { recursive: true });
      writeFileSync(join(idb, name, '000001.log'), Buffer.alloc(bytes));
    }
    expect(findOrphanedOrigins(dir, 17800)).toEqual([
      { port: 39000, bytes: 5 },
      { port: 40001, bytes: 107 },
    ]);
    expect(findOrphanedOrigins(profile(), 17800)).toEqual([]);
  });
});
