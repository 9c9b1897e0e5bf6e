import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/clock';
import { createLogger } from './log';
import { guardStart } from './startGuard';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const setup = () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'start-guard-'));
  dirs.push(dataDir);
  writeFileSync(join(dataDir, 'config.json'), '{"version":1,"devices":{"printer":{"driver":"crashes"}}}');
  const lines: string[] = [];
  const start = () => guardStart({ dataDir, log: createLogger('t', { write: (l) => lines.push(l) }), clock: fixedClock(new Date('2031-05-06T07:08:09Z')) });
  return { dataDir, lines, start };
};

describe('crash-loop guard for config.json', () => {
  it('sets a config aside after 3 starts that never reached ready, and keeps it', () => {
    const { dataDir, lines, start } = setup();
    for (let i = 0; i < 3; i++) expect(start().setAside).toBeNull(); // each dies before markStarted
    const fourth = start();
    expect(fourth.setAside).toBe('config.json.crashed-2031-05-06T07-08-09-000Z');
    expect(existsSync(join(dataDir, 'config.json'))).toBe(false);
    expect(readFileSync(join(dataDir, fourth.setAside!), 'utf8')).toContain('"crashes"');
    expect(lines.filter((l) => l.includes('config set aside after starts that never finished'))).toHaveLength(1);
    fourth.markStarted();
    expect(start().setAside).toBeNull(); // the kiosk without it starts normally from then on
  });

  it('a start that reaches ready clears the count; a changed config counts afresh', () => {
    const { dataDir, start } = setup();
    start();
    start();
    start().markStarted();
    start();
    start();
    writeFileSync(join(dataDir, 'config.json'), '{"version":1}'); // the technician fixed it
    start();
    start();
    expect(start().setAside).toBeNull();
    expect(readdirSync(dataDir).filter((name) => name.startsWith('config.json.crashed'))).toEqual([]);
  });
});
