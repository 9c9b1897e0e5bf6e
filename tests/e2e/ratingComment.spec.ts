// 其他 opens a short comment (issue 16 §3), typed on the on-screen keyboard, on real parts: the Chromium host,
// the printer simulator for the guide, the rating queue in IndexedDB and the hub on PGlite. The comment reaches
// the hub with the phone number the resident typed into it despite the hint masked.
import { expect, test } from '@playwright/test';
import { KioskPage, medicalItem } from './pages/kiosk';
import { startStack, type Stack } from './support/stack';

test.describe('the rating comment', () => {
  let stack: Stack;
  test.beforeAll(async () => {
    stack = await startStack();
  });
  test.afterAll(async () => stack?.close());

  test('其他 opens a comment field; the text typed on the keyboard reaches the hub, long numbers masked', async ({ page }) => {
    const kiosk = new KioskPage(page);
    await kiosk.start(stack.kiosk.url);
    await kiosk.openItemByCity('420200', medicalItem);
    await page.getByTestId('guide-print').click();
    await page.getByTestId('guide-done').click();
    await expect(page.getByTestId('screen-rating')).toBeVisible();

    await page.getByTestId('rating-level-dissatisfied').click();
    await expect(page.getByTestId('rating-comment')).toHaveCount(0); // only under 其他
    await page.getByTestId('rating-reason-other').click();
    await page.getByTestId('rating-comment').click();
    await expect(page.getByTestId('keyboard')).toBeVisible();
    await expect(page.getByTestId('rating-submit')).toHaveCount(0); // the keyboard has the footer while it is open
    for (const letter of 'zi') await page.locator(`[data-testid="kbd-key-${letter}"], [data-testid="kbd-key-${letter.toUpperCase()}"]`).first().click();
    const word = (await page.getByTestId('kbd-candidate-0').textContent())!.trim();
    await page.getByTestId('kbd-candidate-0').click();
    await page.getByTestId('kbd-mode-numeric').click();
    for (const digit of '13912345678') await page.getByTestId(`kbd-key-${digit}`).first().click();
    await expect(page.getByTestId('rating-comment')).toHaveText(`${word}13912345678`);
    await page.screenshot({ path: 'docs/screens/rating-comment.png' });
    await page.getByTestId('kbd-done').click();
    await page.getByTestId('rating-submit').click();
    await expect(page.getByTestId('rating-thanks')).toBeVisible();

    const comments = async () => (await stack.hub.db.query<{ comment: string; reasons: unknown }>('SELECT comment, reasons FROM ratings')).rows;
    await expect.poll(comments, { timeout: 30_000 }).toEqual([{ comment: `${word}***********`, reasons: ['other'] }]);
  });
});
