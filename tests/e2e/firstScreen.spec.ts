// The attract screen is drawn before the rest of the kiosk has loaded (ADR 0019): first as the page's own
// prerendered markup, then by React. A touch, 长辈模式 or a language chosen on either meanwhile is kept and
// carried into the visit once the kiosk is ready. The test holds back a chunk, so the first screen is up for as
// long as it needs: React's (`main`), so only the prerendered screen is there, or the kiosk's (`startKiosk`).
import { expect, test } from '@playwright/test';
import type { Page, Route } from '@playwright/test';
import { startKiosk } from './support/kioskHost';
import type { RunningKiosk } from './support/kioskHost';

let kiosk: RunningKiosk;
test.beforeAll(async () => {
  kiosk = await startKiosk();
});
test.afterAll(async () => kiosk?.stop());

/** Opens the kiosk with a chunk behind the first screen held until `release()`. */
async function openHeldBack(page: Page, chunk: 'main' | 'startKiosk' = 'startKiosk'): Promise<{ release: () => Promise<void> }> {
  let held!: (route: Route) => void;
  const requested = new Promise<Route>((resolve) => (held = resolve));
  await page.route(new RegExp(`/assets/${chunk}-[^/]+\\.js$`), (route) => held(route));
  await page.goto(kiosk.url);
  const route = await requested;
  await expect(page.getByTestId('screen-starting')).toBeVisible();
  return { release: () => route.continue() };
}

test('a touch on the first screen, while the kiosk starts, opens the home screen once it is ready', async ({ page }) => {
  const { release } = await openHeldBack(page);
  await expect(page.getByTestId('attract-starting')).toHaveCount(0);
  await page.getByTestId('screen-starting').click();
  await expect(page.getByTestId('attract-starting')).toHaveText('正在启动，请稍候…');
  await page.screenshot({ path: 'test-results/screens/first-screen-starting.png' });
  await expect(page.getByTestId('screen-home')).toHaveCount(0);

  await release();
  await expect(page.getByTestId('screen-home')).toBeVisible();
  await expect(page.getByTestId('screen-starting')).toHaveCount(0);
});

test('a language and 长辈模式 chosen on the first screen carry into the visit', async ({ page }) => {
  const { release } = await openHeldBack(page);
  await page.getByTestId('lang-en').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByTestId('screen-starting')).toContainText('Government Service Cabin');
  await page.getByTestId('attract-elder').click();
  await expect(page.getByTestId('attract-starting')).toHaveText('Starting, please wait…');

  await release();
  await expect(page.getByTestId('screen-home')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('body')).toHaveClass(/\belder\b/);
});

test('the prerendered first screen, before React has loaded, takes a language, 长辈模式 and a touch for the visit', async ({ page }) => {
  const { release } = await openHeldBack(page, 'main');
  await expect(page.getByTestId('attract-starting')).toBeHidden();
  await page.getByTestId('lang-zh-TW').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-TW');
  await expect(page.getByTestId('lang-zh-TW')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('attract-starting')).toBeHidden();
  await page.getByTestId('attract-elder').click();
  await expect(page.getByTestId('attract-starting')).toHaveText('正在啟動，請稍候…');
  await page.screenshot({ path: 'test-results/screens/first-screen-prerendered.png' });

  await release();
  await expect(page.getByTestId('screen-home')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-TW');
  await expect(page.locator('body')).toHaveClass(/\belder\b/);
});

test('without a touch the kiosk is simply ready: the attract screen, and nothing replayed', async ({ page }) => {
  const { release } = await openHeldBack(page);
  await release();
  await expect(page.getByTestId('screen-attract')).toBeVisible();
  await expect(page.getByTestId('screen-starting')).toHaveCount(0);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
});
