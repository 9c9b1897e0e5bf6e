// `npm start -- --headless`: the whole kiosk comes up on simulated devices, prints its ready line, serves the
// page, and SIGTERM leaves nothing running; a second start works. A plain `insert` written to its standard
// input (a pipe, not a terminal) places the sample resident card, and the kiosk in Chromium reads it.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { chromiumArgs } from '../e2e/playwright.config';
import { freePort } from '../support/freePort';

const root = join(import.meta.dirname, '..', '..');
const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-start-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Processes whose command line mentions our data folder (socat pairs, simulators, hub, host). */
const leftovers = () =>
  spawnSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' })
    .stdout.split('\n')
    .filter((line) => line.includes(dataDir) && !line.includes('ps -eo'));

/** Runs `npm start -- --headless` in its own process group, as a terminal would. */
/** The processes of the tree under `root` whose command line runs main/start.ts. */
function startProcesses(rootPid: number): number[] {
  const table = spawnSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' }).stdout.split('\n').map((line) => line.trim().match(/^(\d+)\s+(\d+)\s+(.*)$/)).filter((m) => m !== null);
  const inTree = new Set([rootPid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [, pid, ppid] of table) if (inTree.has(Number(ppid)) && !inTree.has(Number(pid))) grew = inTree.add(Number(pid)) !== undefined;
  }
  return table.filter(([, pid, , args]) => inTree.has(Number(pid)) && args!.includes('main/start.ts')).map(([, pid]) => Number(pid));
}

const isRunning = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Resolves when a process that is not our child has exited; fails after 60 s (it never stopped). */
async function exitOf(pid: number): Promise<void> {
  for (const deadline = Date.now() + 60_000; isRunning(pid); ) {
    if (Date.now() > deadline) throw new Error(`process ${pid} (main/start.ts) did not exit`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function startOnce(port: number): Promise<{ url: string; port: number; lines: string[]; type: (line: string) => void; stop: (how: 'group SIGINT' | 'pkill SIGTERM') => Promise<number | null> }> {
  const child = spawn('npm', ['start', '--', '--headless'], {
    cwd: root,
    env: { ...process.env, KIOSK_DATA_DIR: dataDir, KIOSK_LOG_LEVEL: 'warn', KIOSK_PORT: String(port) },
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const lines: string[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ready line:\n${lines.join('\n')}`)), 120_000);
    child.stdout.on('data', (chunk: Buffer) => {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      const ready = lines.find((l) => l.startsWith('Kiosk ready at '));
      if (ready) {
        clearTimeout(timer);
        resolve(ready.slice('Kiosk ready at '.length).trim());
      }
    });
    child.stderr.on('data', () => undefined);
    void exited.then((code) => reject(new Error(`npm start exited with ${code}:\n${lines.join('\n')}`)));
  });
  return {
    url,
    port,
    lines,
    type: (line) => child.stdin.write(`${line}\n`),
    // Ctrl-C signals the whole group; `pkill -f main/start.ts` signals npm's shell, tsx and the kiosk each,
    // so the kiosk gets the signal twice (once relayed by tsx): both must close everything.
    // npm can exit before main/start.ts has finished stopping what it started (its shell dies of the signal at
    // once), so this resolves when the start.ts processes themselves have exited.
    stop: async (how) => {
      const starts = startProcesses(child.pid!);
      if (how === 'group SIGINT') process.kill(-child.pid!, 'SIGINT');
      else for (const pid of starts) process.kill(pid, 'SIGTERM');
      const code = await exited;
      for (const pid of starts) await exitOf(pid);
      return code;
    },
  };
}

describe('npm start --headless', () => {
  it('serves the kiosk, and Ctrl-C or SIGTERM stops everything it started; a second start works', async () => {
    // The kiosk's own port comes from config (17800); a test names a free one, as other worktrees run too.
    // Both starts get the same one, as a kiosk does: the second start must find it free again.
    const port = await freePort();
    for (const how of ['group SIGINT', 'pkill SIGTERM'] as const) {
      const run = await startOnce(port);
      expect(run.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#s=[\w-]{20,}$/);
      expect(new URL(run.url).port).toBe(String(run.port)); // the same port at every start: the origin holds the data
      expect(run.lines.filter((l) => l.startsWith('Kiosk ready at '))).toHaveLength(1);
      const page = await fetch(run.url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root">');
      expect(leftovers().length).toBeGreaterThan(0); // socat, simulators and hub are running
      await run.stop(how);
      await new Promise((r) => setTimeout(r, 300));
      expect(leftovers(), how).toEqual([]);
    }
  }, 300_000);

  it('places the sample resident card on a plain `insert` from a pipe, and the kiosk reads it', async () => {
    const run = await startOnce(await freePort());
    const browser = await chromium.launch({ executablePath: process.env.KIOSK_CHROMIUM ?? '/usr/bin/chromium', args: chromiumArgs });
    try {
      const page = await browser.newPage({ viewport: { width: 1080, height: 1920 }, hasTouch: true, locale: 'zh-CN' });
      await page.goto(run.url);
      await page.getByTestId('screen-attract').click();
      await page.getByTestId('home-byCity').click();
      await page.getByTestId('browse-city-420200').click();
      await page.getByTestId('browse-item-WHMA-YB-01').click();
      await page.getByTestId('guide-apply').click();
      await page.getByTestId('consent-agree').click(); // asked before the card is read
      await page.getByTestId('identify-prompt').waitFor();
      run.type('insert');
      // The form opens prefilled from the card read: the name, and the ID number masked.
      await page.getByTestId('screen-form').waitFor({ timeout: 30_000 });
      expect(await page.getByTestId('form-input-applicantName').textContent()).toContain('测试样本');
      expect(await page.getByTestId('form-input-applicantIdNumber').textContent()).toContain('1101**********002X');
      expect(await page.content()).not.toContain('11010519491231002X');
    } finally {
      await browser.close();
      await run.stop('group SIGINT');
    }
    await new Promise((r) => setTimeout(r, 300));
    expect(leftovers()).toEqual([]);
  }, 300_000);
});
