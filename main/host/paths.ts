// Where the kiosk keeps its data on each platform. KIOSK_DATA_DIR overrides (tests, several kiosks on one box).
import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultDataDir(app = 'zhengwu-kiosk'): string {
  if (process.env.KIOSK_DATA_DIR) return process.env.KIOSK_DATA_DIR;
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), app);
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', app);
  return join(process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), app);
}
