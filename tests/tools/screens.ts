// `npm run screens`: regenerates docs/screens/ — a screenshot of every resident screen on a 1080×1920
// portrait kiosk, in zh-CN, in elder mode, and in English — from the real kiosk on simulated devices.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumArgs } from '../e2e/playwright.config';
import { walkScreens } from '../e2e/pages/walk';
import { repoRoot } from '../e2e/support/kioskHost';
import { startStack } from '../e2e/support/stack';

const variants = [
  { dir: 'zh-CN', options: {} },
  { dir: 'elder', options: { elder: true } },
  { dir: 'en', options: { locale: 'en' as const } },
  { dir: 'zh-TW', options: { locale: 'zh-TW' as const } },
];

// SCREENS_ONLY=elder,en regenerates only those sets.
const only = process.env.SCREENS_ONLY?.split(',');

const browser = await chromium.launch({ executablePath: process.env.KIOSK_CHROMIUM ?? '/usr/bin/chromium', args: chromiumArgs });
const stack = await startStack({ idleSeconds: 15, countdownSeconds: 30 });
try {
  for (const { dir, options } of variants.filter((v) => !only || only.includes(v.dir))) {
    const out = join(repoRoot, 'docs', 'screens', dir);
    rmSync(out, { recursive: true, force: true });
    mkdirSync(out, { recursive: true });
    const context = await browser.newContext({ viewport: { width: 1080, height: 1920 }, hasTouch: true, locale: 'zh-CN' });
    const page = await context.newPage();
    await walkScreens(page, stack, async (name) => {
      await page.screenshot({ path: join(out, `${name}.png`) });
      console.log(`docs/screens/${dir}/${name}.png`);
    }, options);
    await context.close();
  }
} finally {
  await stack.close();
  await browser.close();
}
