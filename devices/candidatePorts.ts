// The serial ports auto-detect tries by default (issue 11 §3), shared by `kioskctl devices detect|apply` and the
// maintenance screen's detect: every port the OS lists plus the usual device nodes.
import { readdirSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { SerialPort } from 'serialport';

const globDir = (dir: string, matches: (name: string) => boolean): string[] => {
  try {
    return readdirSync(dir)
      .filter(matches)
      .sort()
      .map((name) => join(dir, name));
  } catch {
    return [];
  }
};

/**
 * Default candidates: stable by-id links first, then what the OS lists and the usual device nodes. A node
 * reached through a by-id link is probed once, under the link's name (two opens of one device would collide).
 */
export async function candidatePorts(): Promise<string[]> {
  let listed: string[] = [];
  try {
    listed = (await SerialPort.list()).map((p) => p.path);
  } catch {
    // No udev (a container, a minimal image): the device nodes below are still probed.
  }
  const all = [
    ...globDir('/dev/serial/by-id', () => true),
    ...listed,
    ...globDir('/dev', (n) => /^tty(USB|ACM|S)\d+$/.test(n)),
  ];
  const seen = new Set<string>();
  return all.filter((path) => {
    let real = path;
    try {
      real = realpathSync(path);
    } catch {
      // a dangling link is still worth reporting
    }
    if (seen.has(real)) return false;
    seen.add(real);
    return true;
  });
}

