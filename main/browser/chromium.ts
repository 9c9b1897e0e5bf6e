// Launches Debian's Chromium as the kiosk window: app + kiosk mode, its own profile, no background traffic.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';

export const chromiumPath = process.env.KIOSK_CHROMIUM ?? '/usr/bin/chromium';

/** Flags that keep Chromium quiet on a closed network and make it a kiosk. */
export function chromiumArgs(url: string, profileDir: string, { kiosk = true } = {}): string[] {
  const args = [
    `--app=${url}`,
    `--user-data-dir=${profileDir}`,
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-translate',
    '--noerrdialogs',
    '--disable-pinch',
    '--overscroll-history-navigation=0',
    '--autoplay-policy=no-user-gesture-required', // voice guidance must speak without a prior click
  ];
  if (kiosk) args.push('--kiosk');
  if (process.getuid?.() === 0) args.push('--no-sandbox'); // Chromium refuses to run as root otherwise
  return args;
}

export const hasDisplay = (): boolean => Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY) || process.platform === 'win32';

export function launchChromium(url: string, profileDir: string): ChildProcess {
  if (!existsSync(chromiumPath)) throw new Error(`Chromium not found at ${chromiumPath}; install it (apt-get install chromium) or set KIOSK_CHROMIUM`);
  return spawn(chromiumPath, chromiumArgs(url, profileDir, { kiosk: process.env.KIOSK_WINDOWED !== '1' }), { stdio: 'ignore' });
}
