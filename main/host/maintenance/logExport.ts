// Export the kiosk's logs to a USB stick for whoever investigates a fault (issue 11 §4). The logs are already
// written through the allowlist logger; each line is redacted again on the way out (a line from an older
// version, or one that is not JSON, gets the free-text rule), so nothing personal leaves on the stick.
import { accessSync, constants, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultMountRoots } from '../update/usbSource';
import { redact, redactFreeText } from '../log';
import type { LogFields } from '../log';

/** Mount roots to look under: KIOSK_USB_ROOTS (comma-separated, for tests and odd installs) or Debian's usual ones. */
export function usbRoots(env: NodeJS.ProcessEnv = process.env): string[] {
  const given = (env.KIOSK_USB_ROOTS ?? '').split(',').map((r) => r.trim()).filter(Boolean);
  return given.length ? given : defaultMountRoots;
}

const subdirs = (dir: string): string[] => {
  try {
    return readdirSync(dir)
      .sort()
      .map((name) => join(dir, name))
      .filter((path) => statSync(path).isDirectory());
  } catch {
    return [];
  }
};
const writable = (dir: string): boolean => {
  try {
    accessSync(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
};

/** The first writable removable medium: /media/<user>/<label> style first, then /mnt/<label> style. */
export function findUsbFolder(roots: readonly string[]): string | null {
  const deep = roots.flatMap((root) => subdirs(root).flatMap(subdirs));
  const shallow = roots.flatMap(subdirs);
  return [...deep, ...shallow].find(writable) ?? null;
}

/** One log line, redacted again: JSON lines field by field (the message is a literal), others as free text. */
export function redactLogLine(line: string): string {
  try {
    const parsed = JSON.parse(line) as Record<string, unknown>;
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return redactFreeText(line);
    const { t, at, level, scope, msg, ...fields } = parsed;
    const head = Object.fromEntries(Object.entries({ t, at, level, scope, msg }).filter(([, v]) => typeof v === 'string'));
    return JSON.stringify({ ...head, ...redact(fields as LogFields) });
  } catch {
    return redactFreeText(line);
  }
}

export interface LogExport {
  folder: string;
  files: number;
  lines: number;
}

/** Copies `<data>/logs/*.log*` redacted into a new folder on the stick; null when no stick is mounted. */
export function exportLogs(dataDir: string, roots: readonly string[], now: Date): LogExport | null {
  const stick = findUsbFolder(roots);
  if (!stick) return null;
  const folder = join(stick, `zhengwu-kiosk-logs-${now.toISOString().replace(/[:.]/g, '-')}`);
  mkdirSync(folder, { recursive: true });
  const logsDir = join(dataDir, 'logs');
  let files = 0;
  let lines = 0;
  for (const name of readdirSync(logsDir).filter((n) => /\.log(\.\d+)?$/.test(n)).sort()) {
    const out = readFileSync(join(logsDir, name), 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map(redactLogLine);
    writeFileSync(join(folder, name), out.join('\n') + (out.length ? '\n' : ''));
    files += 1;
    lines += out.length;
  }
  return { folder, files, lines };
}
