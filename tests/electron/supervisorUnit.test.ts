// What the deb ships for a kiosk that must never go dark (issue 15 §1, ADR 0013): the systemd user unit that
// restarts the kiosk and watches it, and the Chromium managed policy for kiosks that run the Chromium host.
// The unit is checked by systemd's own parser (`systemd-analyze verify`); the policy's names by the Chromium
// binary this project runs, which carries the name of every policy it knows (its effects in a running Chromium:
// chromiumPolicy.test.ts). Whether systemd really restarts a unit cannot be run here (no systemd as PID 1 on a
// build machine): docs/operations.md says how to see it on a kiosk.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBuilderConfig, root } from './builtShell';

const unitText = readFileSync(join(root, 'docs/build/zhengwu-kiosk.service'), 'utf8');
const config = readBuilderConfig() as ReturnType<typeof readBuilderConfig> & { deb: { fpm: string[] }; linux: { executableName: string } };

/** `Key=value` lines per [Section], comments dropped (a key may repeat). */
function parseUnit(text: string): Record<string, Record<string, string[]>> {
  const sections: Record<string, Record<string, string[]>> = {};
  let current = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const section = /^\[(.+)\]$/.exec(line);
    if (section) current = section[1]!;
    else {
      const [key, ...value] = line.split('=');
      ((sections[current] ??= {})[key!] ??= []).push(value.join('='));
    }
  }
  return sections;
}

describe('systemd unit shipped in the deb', () => {
  const unit = parseUnit(unitText);

  it('restarts on every exit but the technician’s exit to desktop (crash, watchdog, 75), never gives up, and watches with sd_notify', () => {
    expect(unit.Service).toMatchObject({ Type: ['notify'], NotifyAccess: ['all'], Restart: ['always'], ExecStart: [`/usr/bin/${config.linux.executableName}`] });
    expect(Number(unit.Service!.WatchdogSec![0])).toBeGreaterThan(0);
    // Only 0 (exit to desktop, maintenance) is left alone; 75 (every restart the kiosk asks for) must restart.
    expect(unit.Service!.RestartPreventExitStatus).toEqual(['0']);
    expect(unit.Unit!.StartLimitIntervalSec).toEqual(['0']);
  });

  it('starts after the graphical session is up, and with it', () => {
    expect(unit.Unit!.After).toEqual(['graphical-session.target']);
    expect(unit.Install!.WantedBy).toEqual(['graphical-session.target']);
  });

  it("passes systemd's own parser", () => {
    const dir = mkdtempSync(join(tmpdir(), 'unit-'));
    try {
      // The kiosk binary is not installed here; any executable stands in for it so that only the unit is judged.
      const file = join(dir, 'zhengwu-kiosk.service');
      writeFileSync(file, unitText.replace(/^ExecStart=.*$/m, `ExecStart=${process.execPath}`));
      const run = spawnSync('systemd-analyze', ['verify', file], { encoding: 'utf8' });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      const broken = join(dir, 'broken.service');
      writeFileSync(broken, readFileSync(file, 'utf8').replace('Restart=always', 'Restart=alwayz'));
      expect(spawnSync('systemd-analyze', ['verify', broken], { encoding: 'utf8' }).stderr).toMatch(/restart specifier/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is installed by the deb as a user unit and enabled by its after-install script, with the Chromium policy', () => {
    expect(config.deb.fpm).toEqual([
      'docs/build/zhengwu-kiosk.service=/usr/lib/systemd/user/zhengwu-kiosk.service',
      'docs/build/chromium-policy.json=/etc/chromium/policies/managed/zhengwu-kiosk.json',
    ]);
    for (const mapping of config.deb.fpm) expect(existsSync(join(root, mapping.split('=')[0]!))).toBe(true);
    expect(readFileSync(join(root, config.deb.afterInstall), 'utf8')).toContain('systemctl --global enable zhengwu-kiosk.service');
  });
});

describe('Chromium managed policy shipped in the deb', () => {
  const policy = JSON.parse(readFileSync(join(root, 'docs/build/chromium-policy.json'), 'utf8')) as Record<string, unknown>;

  it('turns off DevTools, printing, file pickers and downloads, and allows only the kiosk origin', () => {
    expect(policy).toMatchObject({ DeveloperToolsAvailability: 2, PrintingEnabled: false, AllowFileSelectionDialogs: false, DownloadRestrictions: 3, URLBlocklist: ['*'] });
    expect(policy.URLAllowlist).toContain('http://127.0.0.1');
  });

  it('names only policies the installed Chromium knows (a misspelt policy is silently ignored)', () => {
    const binary = '/usr/lib/chromium/chromium';
    const names = Object.keys(policy);
    const run = spawnSync('grep', ['-a', '-o', '-w', '-F', ...names.flatMap((name) => ['-e', name]), binary], { encoding: 'latin1', maxBuffer: 64 * 1024 * 1024 });
    const found = new Set(run.stdout.split('\n'));
    expect(names.filter((name) => !found.has(name))).toEqual([]);
    expect(spawnSync('grep', ['-a', '-c', '-w', '-F', 'DeveloperToolsAvailabilityy', binary], { encoding: 'latin1' }).stdout.trim()).toBe('0');
  });
});
