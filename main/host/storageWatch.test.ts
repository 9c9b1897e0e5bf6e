import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHealthBoard, mergeHealth } from './healthBoard';
import { createLogger } from './log';
import { assessStorage, createStorageWatch } from './storageWatch';

const GiB = 1024 ** 3;
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) {
    spawnSync('umount', [join(dir, 'disk')]);
    rmSync(dir, { recursive: true, force: true });
  }
});

describe('assessStorage', () => {
  it('is ok with room, warns at 80 % of the 60 % origin quota, and when the disk itself runs low', () => {
    expect(assessStorage({ usedBytes: 1 * GiB, diskTotalBytes: 100 * GiB, diskFreeBytes: 50 * GiB })).toEqual({ status: 'ok' });
    expect(assessStorage({ usedBytes: 47.9 * GiB, diskTotalBytes: 100 * GiB, diskFreeBytes: 50 * GiB }).status).toBe('ok');
    expect(assessStorage({ usedBytes: 48 * GiB, diskTotalBytes: 100 * GiB, diskFreeBytes: 50 * GiB })).toEqual({ status: 'degraded', detail: 'quotaNearFull usedMiB=49152 quotaMiB=61440' });
    expect(assessStorage({ usedBytes: 1 * GiB, diskTotalBytes: 100 * GiB, diskFreeBytes: 4.9 * GiB })).toMatchObject({ status: 'degraded', detail: expect.stringMatching(/^diskNearFull freeMiB=5018 /) });
    // A small disk: at least 256 MiB must stay free.
    expect(assessStorage({ usedBytes: 0, diskTotalBytes: 2 * GiB, diskFreeBytes: 200 * 1024 ** 2 }).detail).toMatch(/diskNearFull/);
  });
});

describe('storage watch', () => {
  it('measures the IndexedDB folder on disk and puts the warning on the health board (the heartbeat)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-quota-'));
    dirs.push(dir);
    const idb = join(dir, 'IndexedDB', 'http_127.0.0.1_17800.indexeddb.leveldb');
    mkdirSync(idb, { recursive: true });
    writeFileSync(join(idb, '000003.log'), Buffer.alloc(900_000));
    const health = createHealthBoard();
    const lines: string[] = [];
    // A disk of 1.5 MB: the origin quota is 900 kB, all of it used.
    const watch = createStorageWatch({ indexedDbDir: join(dir, 'IndexedDB'), diskPath: dir, health, log: createLogger('t', { write: (l) => lines.push(l) }), statfs: () => ({ blocks: 1500, bsize: 1000, bavail: 1400 }) });
    expect(watch.check().detail).toMatch(/^quotaNearFull usedMiB=1 quotaMiB=1; diskNearFull/);
    expect(health.snapshot().storage?.status).toBe('degraded');
    expect(lines.filter((l) => l.includes('storage running out'))).toHaveLength(1);
    rmSync(join(idb, '000003.log'));
    const freed = createStorageWatch({ indexedDbDir: join(dir, 'IndexedDB'), diskPath: dir, health, log: createLogger('t', { write: () => undefined }), statfs: () => ({ blocks: 100_000_000, bsize: 4096, bavail: 90_000_000 }) });
    expect(freed.check()).toEqual({ status: 'ok' });
    expect(health.snapshot().storage).toBeUndefined();
  });

  it('sees a real disk fill up (a 300 MiB tmpfs)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-quota-'));
    dirs.push(dir);
    const disk = join(dir, 'disk');
    mkdirSync(disk);
    expect(spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=300m', 'tmpfs', disk], { encoding: 'utf8' }).stderr).toBe('');
    const health = createHealthBoard();
    const watch = createStorageWatch({ indexedDbDir: join(disk, 'IndexedDB'), diskPath: disk, health, log: createLogger('t', { write: () => undefined }) });
    expect(watch.check()).toEqual({ status: 'ok' });
    spawnSync('dd', ['if=/dev/zero', `of=${join(disk, 'filler')}`, 'bs=1M', 'count=100']);
    expect(watch.check().detail).toMatch(/^diskNearFull freeMiB=200 totalMiB=300$/);
  });

  it('merges with the orphaned-origin entry instead of hiding it', () => {
    expect(mergeHealth({ storage: { status: 'degraded', detail: 'orphanedQueue origins=1' } }, { storage: { status: 'degraded', detail: 'quotaNearFull' }, browser: { status: 'ok' } })).toEqual({
      storage: { status: 'degraded', detail: 'orphanedQueue origins=1; quotaNearFull' },
      browser: { status: 'ok' },
    });
  });
});
