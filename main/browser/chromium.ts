// Launches Debian's Chromium as the kiosk window: app + kiosk mode, its own profile, no background traffic.
// The bridge secret never goes on Chromium's command line, which any local user can read in `ps`: the
// window opens a one-time launch page in the host's run folder (mode 0700, file 0600, readable only by the
// kiosk's own user) that forwards to the kiosk URL with the secret, and the host deletes that page as soon
// as the kiosk page has connected (ADR 0005).
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const chromiumPath = process.env.KIOSK_CHROMIUM ?? '/usr/bin/chromium';

export interface ChromiumLaunchOptions {
  /** Full-screen kiosk mode (default true; KIOSK_WINDOWED=1 turns it off for development). */
  kiosk?: boolean;
  /** No window at all (tests on machines without a display; default false). */
  headless?: boolean;
}

/** Flags that keep Chromium quiet on a closed network and make it a kiosk. `appUrl` must not carry a secret. */
export function chromiumArgs(appUrl: string, profileDir: string, { kiosk = true, headless = false }: ChromiumLaunchOptions = {}): string[] {
  const args = [
    `--app=${appUrl}`,
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
    // Linux Chromium reaches a speech engine only through speech-dispatcher, and only with this flag; the deb
    // depends on speech-dispatcher and espeak-ng, whose Mandarin voice (lang "cmn") reads the screens offline.
    '--enable-speech-dispatcher',
  ];
  if (kiosk) args.push('--kiosk');
  if (headless) args.push('--headless');
  if (process.getuid?.() === 0) args.push('--no-sandbox'); // Chromium refuses to run as root otherwise
  return args;
}

export const hasDisplay = (): boolean => Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY) || process.platform === 'win32';

/** Writes the one-time page that forwards Chromium to `url`; `remove()` deletes it (idempotent). */
export function writeLaunchPage(runDir: string, url: string): { fileUrl: string; remove(): void } {
  mkdirSync(runDir, { recursive: true, mode: 0o700 });
  chmodSync(runDir, 0o700); // an older run folder may have been created with the default mode
  const file = join(runDir, `launch-${randomBytes(12).toString('hex')}.html`);
  // `replace`, not a link: the launch page leaves no history entry to go back to once it is deleted.
  const html = `<!doctype html><meta charset="utf-8"><meta name="referrer" content="no-referrer"><script>location.replace(${JSON.stringify(url)})</script>\n`;
  writeFileSync(file, html, { mode: 0o600, flag: 'wx' });
  return { fileUrl: pathToFileURL(file).href, remove: () => rmSync(file, { force: true }) };
}

export interface LaunchedChromium {
  process: ChildProcess;
  /** Deletes the launch page (call when the kiosk page has connected, and at exit). */
  forgetLaunchPage(): void;
}

export function launchChromium(url: string, { profileDir, runDir, ...options }: ChromiumLaunchOptions & { profileDir: string; runDir: string }): LaunchedChromium {
  if (!existsSync(chromiumPath)) throw new Error(`Chromium not found at ${chromiumPath}; install it (apt-get install chromium) or set KIOSK_CHROMIUM`);
  const page = writeLaunchPage(runDir, url);
  const child = spawn(chromiumPath, chromiumArgs(page.fileUrl, profileDir, { kiosk: process.env.KIOSK_WINDOWED !== '1', ...options }), { stdio: 'ignore' });
  child.once('exit', page.remove);
  return { process: child, forgetLaunchPage: page.remove };
}
