// Where the kiosk keeps its data on each platform. KIOSK_DATA_DIR overrides (tests, several kiosks on one box).
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultDataDir(app = 'zhengwu-kiosk'): string {
  if (process.env.KIOSK_DATA_DIR) return process.env.KIOSK_DATA_DIR;
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), app);
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', app);
  return join(process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), app);
}

/** The installed package's version (package.json next to main/); 0.0.0 where there is none to read. */
export function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}
