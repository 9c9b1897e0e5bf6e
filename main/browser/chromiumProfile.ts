// What the Chromium host does to its browser profile before the window opens (ADR 0005):
// - grants the kiosk origin durable storage, so IndexedDB (the outbox) is never evicted under disk pressure.
//   Chromium decides `navigator.storage.persist()` by heuristics (bookmarks, engagement, notifications) that
//   a kiosk never meets; the content setting `durable_storage` = allow for the origin, in the profile's
//   Preferences, answers it before any heuristic runs.
// - finds IndexedDB left by older origins: before the port was fixed in config, every start served from a new
//   port, and each port's outbox is unreachable from any other origin.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StorageHealth } from '../../src/bridge/contract/app';

const allow = 1; // ContentSetting CONTENT_SETTING_ALLOW

/** The per-origin IndexedDB folder name Chromium uses, e.g. `http_127.0.0.1_17800.indexeddb.leveldb`. */
const indexedDbFolder = /^http_127\.0\.0\.1_(\d+)\.indexeddb\.(leveldb|blob)$/;

type Json = Record<string, unknown>;
const objectAt = (parent: Json, key: string): Json => {
  const value = parent[key];
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Json;
  return (parent[key] = {});
};

/**
 * Sets `durable_storage` = allow for `origin` in `<profileDir>/Default/Preferences`, keeping every other
 * preference. Run before Chromium starts (it rewrites the file while running). A file Chromium cannot parse
 * either is left alone and reported (false): Chromium will reset it, and the next start grants again.
 */
export function grantDurableStorage(profileDir: string, origin: string): boolean {
  const dir = join(profileDir, 'Default');
  const file = join(dir, 'Preferences');
  let prefs: Json = {};
  if (existsSync(file)) {
    try {
      prefs = JSON.parse(readFileSync(file, 'utf8')) as Json;
    } catch {
      return false;
    }
  }
  const exceptions = objectAt(objectAt(objectAt(prefs, 'profile'), 'content_settings'), 'exceptions');
  objectAt(exceptions, 'durable_storage')[`${origin},*`] = { setting: allow };
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${file}.kiosk.tmp`, JSON.stringify(prefs));
  renameSync(`${file}.kiosk.tmp`, file);
  return true;
}

function folderBytes(path: string): number {
  const info = statSync(path);
  if (!info.isDirectory()) return info.size;
  return readdirSync(path).reduce((sum, name) => sum + folderBytes(join(path, name)), 0);
}

/**
 * IndexedDB of loopback origins other than `port` in the profile, per port with its size on disk. The data
 * stays where it is: nothing here deletes or moves it (a technician can still serve that port to get it).
 */
export function findOrphanedOrigins(profileDir: string, port: number): StorageHealth['orphanedOrigins'] {
  const root = join(profileDir, 'Default', 'IndexedDB');
  if (!existsSync(root)) return [];
  const byPort = new Map<number, number>();
  for (const name of readdirSync(root)) {
    const match = indexedDbFolder.exec(name);
    if (!match || Number(match[1]) === port) continue;
    byPort.set(Number(match[1]), (byPort.get(Number(match[1])) ?? 0) + folderBytes(join(root, name)));
  }
  return [...byPort].sort(([a], [b]) => a - b).map(([orphanPort, bytes]) => ({ port: orphanPort, bytes }));
}
