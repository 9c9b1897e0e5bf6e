// The log file's size and count limits, and a log on a full disk (a real tmpfs of 64 KiB: the tests run as root,
// as CI does; mounting needs it).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger, defaultLogRotation } from './log';

const dirs: string[] = [];
const fresh = () => {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-logs-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) {
    spawnSync('umount', [join(dir, 'disk')]);
    rmSync(dir, { recursive: true, force: true });
  }
});

describe('log rotation', () => {
  it('keeps each file under its size limit and only `keep` old files, losing only the oldest lines', () => {
    const file = join(fresh(), 'kiosk.log');
    const log = createLogger('test', { file, rotation: { maxBytes: 2000, keep: 3 }, write: () => undefined });
    for (let i = 0; i < 200; i++) log.child('sub').info('line written', { count: i });
    const generations = [`${file}.3`, `${file}.2`, `${file}.1`, file];
    for (const path of generations) expect(statSync(path).size).toBeLessThanOrEqual(2000);
    expect(existsSync(`${file}.4`)).toBe(false);
    const counts = generations.flatMap((path) => readFileSync(path, 'utf8').trim().split('\n').map((line) => (JSON.parse(line) as { count: number }).count));
    expect(counts.at(-1)).toBe(199);
    expect(counts).toEqual(counts.map((_, i) => counts[0]! + i)); // one unbroken run up to the newest line
    expect(counts[0]).toBeGreaterThan(0); // the oldest lines are gone
  });

  it('continues an existing file after a restart, counting what is already in it', () => {
    const file = join(fresh(), 'kiosk.log');
    writeFileSync(file, 'x'.repeat(1990) + '\n');
    createLogger('test', { file, rotation: { maxBytes: 2000, keep: 2 }, write: () => undefined }).info('after restart', { count: 1 });
    expect(readFileSync(`${file}.1`, 'utf8')).toBe('x'.repeat(1990) + '\n');
    expect(readFileSync(file, 'utf8')).toContain('after restart');
  });

  it('defaults to 5 MiB and 5 old files', () => {
    expect(defaultLogRotation).toEqual({ maxBytes: 5 * 1024 * 1024, keep: 5 });
  });

  it('on a full disk the logger neither throws nor stops writing to stderr, and the file resumes when space returns', () => {
    const disk = join(fresh(), 'disk');
    mkdirSync(disk);
    const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', disk], { encoding: 'utf8' });
    expect(mount.stderr).toBe('');
    const filler = join(disk, 'filler');
    spawnSync('dd', ['if=/dev/zero', `of=${filler}`, 'bs=4k', 'count=64']); // fills the disk (dd stops at ENOSPC)
    const file = join(disk, 'kiosk.log');
    const stderr: string[] = [];
    const log = createLogger('test', { file, write: (line) => stderr.push(line) });
    for (let i = 0; i < 50; i++) expect(() => log.warn('disk full', { count: i })).not.toThrow();
    expect(stderr).toHaveLength(50);
    expect(existsSync(file) ? readFileSync(file, 'utf8') : '').not.toContain('"count":49');
    rmSync(filler);
    log.info('space again', { count: 50 });
    expect(readFileSync(file, 'utf8')).toContain('space again');
  });
});
