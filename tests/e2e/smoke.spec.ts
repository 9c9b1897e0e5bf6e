// The foundation's promise: the attract screen in zh-CN, a tap opens home, idling returns to attract.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { e2eRendererDir, repoRoot, startKiosk } from './support/kioskHost';
import type { RunningKiosk } from './support/kioskHost';

let kiosk: RunningKiosk;
test.beforeAll(async () => {
  kiosk = await startKiosk({ KIOSK_IDLE_SECONDS: '3', KIOSK_IDLE_COUNTDOWN_SECONDS: '8' });
});
test.afterAll(async () => kiosk?.stop());

test('attract → home → idle countdown → attract', async ({ page }) => {
  await page.goto(kiosk.url);
  const attract = page.getByTestId('screen-attract');
  await expect(attract).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(attract).toContainText('政务小屋');
  await page.screenshot({ path: 'test-results/screens/smoke-1-attract.png' });

  await attract.click();
  await expect(page.getByTestId('screen-home')).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/smoke-2-home.png' });

  await expect(page.getByTestId('idle-countdown')).toBeVisible({ timeout: 10_000 });
  await page.screenshot({ path: 'test-results/screens/smoke-3-countdown.png' });
  await expect(page.getByTestId('screen-attract')).toBeVisible({ timeout: 15_000 });
});

test('"continue" on the countdown keeps the visit', async ({ page }) => {
  await page.goto(kiosk.url);
  await page.getByTestId('screen-attract').click();
  await expect(page.getByTestId('idle-countdown')).toBeVisible({ timeout: 10_000 });
  await page.getByTestId('idle-continue').click();
  await expect(page.getByTestId('idle-countdown')).toBeHidden();
  await expect(page.getByTestId('screen-home')).toBeVisible();
});

test('no text is smaller than 24 px, portrait and landscape', async ({ page }) => {
  for (const viewport of [{ width: 1080, height: 1920 }, { width: 1920, height: 1080 }]) {
    await page.setViewportSize(viewport);
    await page.goto(kiosk.url);
    for (const screen of ['screen-attract', 'screen-home']) {
      if (screen === 'screen-home') await page.getByTestId('screen-attract').click();
      await expect(page.getByTestId(screen)).toBeVisible();
      const smallest = await page.evaluate(() => {
        let min = Infinity;
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        while (walker.nextNode()) {
          const parent = walker.currentNode.parentElement;
          if (parent && walker.currentNode.textContent?.trim()) min = Math.min(min, parseFloat(getComputedStyle(parent).fontSize));
        }
        return min;
      });
      expect(smallest).toBeGreaterThanOrEqual(24);
    }
    await page.screenshot({ path: `test-results/screens/smoke-home-${viewport.width}x${viewport.height}.png` });
  }
});

test('the page answers 200 and refuses the bridge without the secret', async ({ page, request }) => {
  const origin = new URL(kiosk.url).origin;
  expect((await request.get(origin + '/')).status()).toBe(200);
  await page.goto(origin + '/');
  await expect(page.getByTestId('screen-out-of-service')).toBeVisible();
});

test('the production renderer has no test hook: window.__kioskSession (card data) is only in the e2e build', async ({ page }) => {
  const productionDir = join(repoRoot, 'renderer', 'dist');
  const scripts = (dir: string) =>
    readdirSync(join(dir, 'assets'))
      .filter((name) => name.endsWith('.js'))
      .map((name) => readFileSync(join(dir, 'assets', name), 'utf8'))
      .join('\n');
  expect(scripts(productionDir)).not.toContain('__kioskSession');
  expect(scripts(e2eRendererDir)).toContain('__kioskSession'); // the same check finds it where it is meant to be
  const production = await startKiosk({ KIOSK_RENDERER_DIR: productionDir });
  try {
    await page.goto(production.url);
    await expect(page.getByTestId('screen-attract')).toBeVisible();
    expect(await page.evaluate(() => '__kioskSession' in window)).toBe(false);
  } finally {
    await production.stop();
  }
});
