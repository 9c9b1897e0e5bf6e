// Debian's Chromium, launched the way the Chromium host launches it (main/browser/chromium.ts: its flags, its
// one-time launch page), in a private mount namespace whose /etc/chromium is a copy of the machine's with or
// without the deb's managed policy. Only this Chromium and its children see the copy: the machine's /etc stays
// as it is for every other browser, and the namespace ends with the process. Needs root (mount), as the tests
// run here and in CI.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumArgs, chromiumPath, writeLaunchPage } from '../../main/browser/chromium';

export const policyDir = '/etc/chromium';
export const installedName = 'policies/managed/zhengwu-kiosk.json';

export interface PolicyChromium {
  /** The browser's DevTools endpoint port (from DevToolsActivePort in the profile). */
  devToolsPort(): Promise<number>;
  stop(): Promise<void>;
}

export function launchWithPolicy(url: string, { policyFile, display }: { policyFile?: string; display: string }): PolicyChromium {
  // Bind-mounting over /etc/chromium needs the directory; Debian's chromium package creates it.
  if (!existsSync(policyDir)) throw new Error(`${policyDir} missing; install Debian's chromium package`);
  const dir = mkdtempSync(join(tmpdir(), 'chromium-policy-'));
  const etc = join(dir, 'etc-chromium');
  // The machine's own files (master_preferences) stay, any policy already there does not: both sides of the
  // test differ only in the deb's file.
  cpSync(policyDir, etc, { recursive: true, filter: (source) => !source.startsWith(join(policyDir, 'policies')) });
  if (policyFile) {
    mkdirSync(join(etc, 'policies/managed'), { recursive: true });
    copyFileSync(policyFile, join(etc, installedName));
  }
  const profileDir = join(dir, 'profile');
  const launchPage = writeLaunchPage(join(dir, 'run'), url);
  // DevTools on a port of Chromium's choosing: the only way to see from outside that DevTools is refused.
  const args = [...chromiumArgs(launchPage.fileUrl, profileDir), '--remote-debugging-port=0'];
  const child: ChildProcess = spawn('unshare', ['--mount', '--propagation', 'private', '/bin/sh', '-c', 'mount --bind "$0" /etc/chromium && exec "$@"', etc, chromiumPath, ...args], {
    stdio: 'ignore',
    detached: true, // its own process group, so that stop() ends Chromium's helpers with it
    env: { ...process.env, DISPLAY: display },
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    async devToolsPort() {
      const file = join(profileDir, 'DevToolsActivePort');
      for (let tries = 0; !existsSync(file); tries++) {
        if (tries > 100) throw new Error('Chromium wrote no DevToolsActivePort');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return Number(readFileSync(file, 'utf8').split('\n')[0]);
    },
    async stop() {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        // already gone
      }
      const killLater = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 5000);
      await exited;
      clearTimeout(killLater);
      launchPage.remove();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface DevToolsView {
  /** URL of every target the browser lists (pages, frames, print preview). */
  targetUrls: string[];
  /** What the browser answered to attaching DevTools to the probe page: 'attached' or its error message. */
  attachToPage: string;
}

/** Looks through the browser-wide DevTools endpoint: which targets exist, and whether a page may be inspected. */
export async function viewThroughDevTools(port: number, pageUrl: string): Promise<DevToolsView> {
  const { webSocketDebuggerUrl } = (await (await fetch(`http://127.0.0.1:${port}/json/version`)).json()) as { webSocketDebuggerUrl: string };
  const socket = new WebSocket(webSocketDebuggerUrl);
  await new Promise((resolve, reject) => {
    socket.onopen = resolve;
    socket.onerror = reject;
  });
  let nextId = 0;
  type Answer = { id?: number; result?: Record<string, unknown>; error?: { message: string } };
  const call = (method: string, params: object = {}): Promise<Answer> =>
    new Promise((resolve) => {
      const id = ++nextId;
      socket.addEventListener('message', function answer(event) {
        const message = JSON.parse(String(event.data)) as Answer;
        if (message.id !== id) return;
        socket.removeEventListener('message', answer);
        resolve(message);
      });
      socket.send(JSON.stringify({ id, method, params }));
    });
  try {
    const targets = (await call('Target.getTargets')).result!.targetInfos as { targetId: string; url: string }[];
    const page = targets.find((target) => target.url === pageUrl);
    if (!page) throw new Error(`probe page not among the targets: ${targets.map((target) => target.url).join(', ')}`);
    const attach = await call('Target.attachToTarget', { targetId: page.targetId, flatten: true });
    return { targetUrls: targets.map((target) => target.url), attachToPage: attach.error ? attach.error.message : 'attached' };
  } finally {
    socket.close();
  }
}
