// Watches the renderer's IndexedDB (the outbox, the catalog cache) against what the browser will let it use,
// and warns the hub well before a submission could fail to be stored (issue 15 §3). Measured by the host, on
// disk, for both hosts alike: the renderer cannot be trusted to report when it is the part in trouble, and
// this needs no bridge method.
//
// Chromium gives one origin at most 60 % of the disk, and less when the disk itself is nearly full (it keeps
// a reserve free for the system). So two warnings, either one making the heartbeat's `storage` entry
// degraded: `quotaNearFull` when the kiosk's IndexedDB has used 80 % of that 60 %, and `diskNearFull` when
// less than 5 % of the disk (at least 256 MiB) is free, whoever filled it.
import { existsSync, readdirSync, statfsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { DeviceHealth } from '../../src/domain/hubApi';
import type { HostService } from './host';
import type { HealthBoard } from './healthBoard';
import type { Logger } from './log';

export interface StorageSample {
  /** Bytes in the browser's IndexedDB folder. */
  usedBytes: number;
  diskTotalBytes: number;
  diskFreeBytes: number;
}

/** Chromium's per-origin share of the disk (60 %, Chromium ≥ 106). */
export const originQuotaShare = 0.6;
/** Share of that quota at which the hub is warned (default 0.8). */
export const quotaWarnRatio = 0.8;
/** Free disk below which the hub is warned: 5 % of the disk, at least 256 MiB. */
export const minFreeBytes = (diskTotalBytes: number): number => Math.max(256 * 1024 * 1024, 0.05 * diskTotalBytes);

const mib = (bytes: number) => Math.round(bytes / (1024 * 1024));

/** The heartbeat entry for a sample: ok, or degraded with what is running out (sizes in MiB). */
export function assessStorage({ usedBytes, diskTotalBytes, diskFreeBytes }: StorageSample): DeviceHealth {
  const quota = originQuotaShare * diskTotalBytes;
  const problems: string[] = [];
  if (usedBytes >= quotaWarnRatio * quota) problems.push(`quotaNearFull usedMiB=${mib(usedBytes)} quotaMiB=${mib(quota)}`);
  if (diskFreeBytes < minFreeBytes(diskTotalBytes)) problems.push(`diskNearFull freeMiB=${mib(diskFreeBytes)} totalMiB=${mib(diskTotalBytes)}`);
  return problems.length ? { status: 'degraded', detail: problems.join('; ') } : { status: 'ok' };
}

export function folderBytes(path: string): number {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.size;
  return readdirSync(path).reduce((sum, name) => sum + folderBytes(join(path, name)), 0);
}

export interface StorageWatchOptions {
  /** The browser profile's IndexedDB folder. */
  indexedDbDir: string;
  /** A path on the disk that holds it (the data directory). */
  diskPath: string;
  health: HealthBoard;
  log: Logger;
  /** How often to look (default 10 minutes); the first look is at start. */
  everyMs?: number;
  /** Default fs.statfsSync. */
  statfs?: (path: string) => { blocks: number; bsize: number; bavail: number };
}

export function createStorageWatch({ indexedDbDir, diskPath, health, log, everyMs = 10 * 60_000, statfs = statfsSync }: StorageWatchOptions): HostService & { check(): DeviceHealth } {
  let timer: NodeJS.Timeout | undefined;
  let last: string | undefined;
  const check = (): DeviceHealth => {
    try {
      const disk = statfs(diskPath);
      const sample = { usedBytes: folderBytes(indexedDbDir), diskTotalBytes: disk.blocks * disk.bsize, diskFreeBytes: disk.bavail * disk.bsize };
      const entry = assessStorage(sample);
      const key = `${entry.status} ${entry.detail ?? ''}`;
      if (key !== last && entry.status !== 'ok') log.warn('storage running out', { detail: entry.detail, bytes: sample.usedBytes });
      last = key;
      // 'storage' is also where the Chromium host reports orphaned origins (services.ts storageHeartbeat): a
      // healthy sample clears only this watch's own warning and leaves that one standing.
      health.set('storage', entry.status === 'ok' ? undefined : entry);
      return entry;
    } catch (error) {
      log.warn('storage check failed', { error });
      return { status: 'unknown' };
    }
  };
  return {
    name: 'storageWatch',
    handlers: {},
    check,
    start() {
      check();
      timer = setInterval(check, everyMs);
      timer.unref();
    },
    stop() {
      clearInterval(timer);
    },
  };
}
