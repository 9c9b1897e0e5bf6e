// The system-package step shared by `npm start` and `npm test`: only what the command needs, the exact
// apt-get command when it may not install, and an install (after apt-get update) when it may.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ensureSystemPackages } from './systemDeps';
import type { SystemPackage } from './systemDeps';

const installed = new Set<string>(['socat']);
const pkg = (name: string, neededBy: SystemPackage['neededBy']): SystemPackage => ({ name, why: 'a test', neededBy, isPresent: () => installed.has(name) });
const packages = [pkg('socat', ['start', 'test']), pkg('chromium', ['start', 'test']), pkg('faketime', ['test'])];

describe('ensureSystemPackages', () => {
  const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
  afterEach(() => errors.mockClear());

  it('without root prints the exact command for the missing packages of that command and fails', () => {
    const runShell = vi.fn(() => 0);
    expect(ensureSystemPackages('start', { packages, canInstall: false, runShell })).toBe(false);
    expect(errors.mock.calls.flat().join('\n')).toContain("sudo sh -c 'apt-get update && apt-get install -y --no-install-recommends chromium'");
    expect(ensureSystemPackages('test', { packages, canInstall: false, runShell })).toBe(false);
    expect(errors.mock.calls.flat().join('\n')).toContain('--no-install-recommends chromium faketime');
    expect(runShell).not.toHaveBeenCalled();
  });

  it('as root updates the package lists, installs, and checks that they are there now', () => {
    const runShell = vi.fn((command: string) => {
      for (const name of ['chromium', 'faketime']) if (command.includes(name)) installed.add(name);
      return 0;
    });
    expect(ensureSystemPackages('test', { packages, canInstall: true, runShell })).toBe(true);
    expect(runShell).toHaveBeenCalledWith('apt-get update && apt-get install -y --no-install-recommends chromium faketime');
    expect(ensureSystemPackages('test', { packages, canInstall: true, runShell })).toBe(true);
    expect(runShell).toHaveBeenCalledTimes(1);
  });

  it('fails when apt-get answered 0 but a package is still missing', () => {
    const never = pkg('no-such-package', ['start']);
    expect(ensureSystemPackages('start', { packages: [never], canInstall: true, runShell: () => 0 })).toBe(false);
    expect(errors.mock.calls.flat().join('\n')).toContain('could not install no-such-package');
  });
});
