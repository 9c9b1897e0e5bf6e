// Voice guidance on a Debian kiosk without a network (issue 16 §2): Debian's Chromium, headed on an Xvfb display
// and started with the Chromium host's own flags (main/browser/chromium.ts: --enable-speech-dispatcher), lists
// espeak-ng's Mandarin voice through speech-dispatcher (packages the deb depends on), and the kiosk page in
// 长辈模式 speaks its screens with that voice. What this cannot show: that a loudspeaker plays the sound.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test } from '@playwright/test';
import type { Browser } from '@playwright/test';
import { chromiumArgs } from '../../main/browser/chromium';
import { startKiosk, type RunningKiosk } from './support/kioskHost';
import { startXvfb, type Xvfb } from './support/xvfb';

let xvfb: Xvfb;
let kiosk: RunningKiosk;
let browser: Browser;
// speech-dispatcher of this test's own (its socket under XDG_RUNTIME_DIR): a daemon left hanging by another
// session on the machine would answer with no voices.
const runtimeDir = mkdtempSync(join(tmpdir(), 'kiosk-voice-run-'));

test.beforeAll(async () => {
  xvfb = await startXvfb();
  kiosk = await startKiosk();
  // The host's flags but the window's own: Playwright gives the profile and opens the page itself.
  const args = chromiumArgs('about:blank', mkdtempSync(join(tmpdir(), 'kiosk-voice-')), { kiosk: false }).filter((a) => !/^--(app|user-data-dir)=/.test(a));
  browser = await chromium.launch({ headless: false, executablePath: process.env.KIOSK_CHROMIUM ?? '/usr/bin/chromium', args, env: { ...process.env, DISPLAY: xvfb.display, XDG_RUNTIME_DIR: runtimeDir } });
});

test.afterAll(async () => {
  await browser?.close();
  await kiosk?.stop();
  xvfb?.stop();
  // The daemon Chromium started, and its espeak-ng module: SIGKILL, since a daemon shutting down can hang.
  for (const pid of spawnSync('pgrep', ['-f', runtimeDir], { encoding: 'utf8' }).stdout.split(/\s+/).filter(Boolean)) {
    spawnSync('pkill', ['-9', '-P', pid]);
    spawnSync('kill', ['-9', pid]);
  }
  rmSync(runtimeDir, { recursive: true, force: true });
});

test('Chromium lists a Mandarin voice, and 长辈模式 speaks the screens with it', async () => {
  const page = await browser.newPage({ viewport: { width: 1080, height: 1920 }, locale: 'zh-CN' });
  // What the page asks the engine to say, and with which voice (the engine then speaks it as usual).
  await page.addInitScript(() => {
    const said: { text: string; lang: string; voice: string | null }[] = [];
    (window as unknown as { said: typeof said }).said = said;
    const speak = speechSynthesis.speak.bind(speechSynthesis);
    speechSynthesis.speak = (u: SpeechSynthesisUtterance) => {
      said.push({ text: u.text, lang: u.lang, voice: u.voice?.name ?? null });
      speak(u);
    };
  });
  await page.goto(kiosk.url);
  // speech-dispatcher answers after it has started its modules: the list fills in a moment after the page opens.
  const mandarin = () => page.evaluate(() => speechSynthesis.getVoices().filter((v) => /^(cmn|zh)\b/i.test(v.lang)).map((v) => v.name));
  await expect.poll(async () => (await mandarin()).length, { timeout: 30_000 }).toBeGreaterThan(0);

  // With a voice, 长辈模式 promises it and 语音播报 is offered (without one neither is: elderPath.spec.ts).
  await expect(page.getByTestId('attract-elder')).toHaveText('长辈模式：大字、语音、更多时间');
  await page.getByTestId('attract-elder').click();
  await expect(page.getByTestId('toggle-voice')).toHaveAttribute('aria-pressed', 'true');
  const said = () => page.evaluate(() => (window as unknown as { said: { text: string; lang: string; voice: string | null }[] }).said);
  // The home screen reads its title and what to do on it.
  await expect.poll(async () => (await said()).length, { timeout: 10_000 }).toBeGreaterThan(0);
  const first = (await said())[0]!;
  expect(first).toMatchObject({ lang: 'zh-CN', text: expect.stringContaining('您要办什么事') });
  expect(await mandarin()).toContain(first.voice);
  await page.getByTestId('home-byCity').click();
  await expect.poll(async () => (await said()).length).toBeGreaterThan(1);
  expect(await mandarin()).toContain((await said()).at(-1)!.voice);
});
