// Search as a resident uses it (issue 16 §3), in the Chromium host on the bundled catalogue: "yb" on the
// on-screen keyboard finds the 医保 items and not those that only have 业保 or 验标 inside their names; each
// result says its department and cities; the keyboard can be put away to read the list and brought back.
import { expect, test } from '@playwright/test';
import { KioskPage, medicalItem } from './pages/kiosk';
import { startStack, type Stack } from './support/stack';

test.describe('search', () => {
  let stack: Stack;
  test.beforeAll(async () => {
    stack = await startStack();
  });
  test.afterAll(async () => stack?.close());

  test('"yb" lists the medical-insurance items with department and cities; the keyboard hides and comes back', async ({ page }) => {
    const kiosk = new KioskPage(page);
    await kiosk.start(stack.kiosk.url);
    await page.getByTestId('home-search').click();
    for (const letter of 'yb') await page.getByTestId(`kbd-key-${letter}`).first().click();
    // Keep the letters as they are (no candidate chosen): search runs on what is being typed.
    const results = page.locator('[data-testid^="search-result-"]:not([data-testid$="-where"])');
    await expect(results.first()).toBeVisible();
    const names = await results.locator('.item-name').allTextContents();
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(name).toMatch(/医疗保险|医保/);
    expect(names.join()).not.toMatch(/机动车|失业/);
    await expect(page.getByTestId(`search-result-${medicalItem}-where`)).toHaveText('医疗保障 · 都市圈9个城市都可办');

    await page.getByTestId('search-keyboard-toggle').click();
    await expect(page.getByTestId('keyboard')).toHaveCount(0);
    await expect(results.last()).toBeInViewport();
    await page.screenshot({ path: 'docs/screens/search-results.png' });
    await page.getByTestId('search-keyboard-toggle').click();
    await expect(page.getByTestId('keyboard')).toBeVisible();
  });
});
