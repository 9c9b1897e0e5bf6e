// The ID card is never left behind, and a card already on the reader is read (issue 16 §4), on the reader
// simulator behind the real driver: 请取回您的证件 after a read and at the end of a visit while the reader senses
// the card; 我的办件 reads a card that was lying there before it opened.
import { expect, test } from '@playwright/test';
import { startStack, type Stack } from './support/stack';
import { KioskPage, medicalItem } from './pages/kiosk';

test.describe('the card on the reader', () => {
  test.describe.configure({ mode: 'serial' });
  let stack: Stack;
  test.beforeAll(async () => {
    stack = await startStack();
  });
  test.afterAll(async () => stack?.close());

  test('after the read, and at the end of the visit, the screen says 请取回您的证件 until the card is lifted', async ({ page }) => {
    const kiosk = new KioskPage(page);
    await kiosk.start(stack.kiosk.url);
    await kiosk.openItemByCity('420200', medicalItem);
    await page.getByTestId('guide-apply').click();
    // Laid down while consent is asked: not read yet, and no "take your card" either (it is meant to be there).
    stack.insertCard('resident-hubei');
    await expect(page.getByTestId('screen-consent')).toBeVisible();
    await expect(page.getByTestId('take-card-back')).toHaveCount(0);
    await page.getByTestId('consent-agree').click();
    await expect(page.getByTestId('screen-form')).toBeVisible(); // read once the resident agreed
    await expect(page.getByTestId('take-card-back')).toHaveText(/请取回您的证件/);

    // The resident leaves without lifting it: the attract screen keeps saying so.
    await page.getByTestId('nav-home').click();
    await page.getByTestId('finish').click();
    await expect(page.getByTestId('screen-attract')).toBeVisible();
    await expect(page.getByTestId('take-card-back')).toBeVisible();
    stack.removeCard();
    await expect(page.getByTestId('take-card-back')).toHaveCount(0);
  });

  test('我的办件 reads a card that was already lying on the reader, without lifting it', async ({ page }) => {
    const kiosk = new KioskPage(page);
    await kiosk.start(stack.kiosk.url);
    stack.insertCard('resident-hubei'); // placed too early, while the home screen is open
    await expect(page.getByTestId('take-card-back')).toBeVisible();
    await page.getByTestId('home-myApplications').click();
    await expect(page.getByTestId('screen-my-applications')).toBeVisible();
    // Read again without lifting the card: the list (empty or not) replaces the prompt.
    await expect(page.getByTestId('my-prompt')).toHaveCount(0, { timeout: 15_000 });
    await expect(page.locator('[data-testid="my-empty"], [data-testid^="my-app-"]').first()).toBeVisible({ timeout: 15_000 });
    await expect(page.getByTestId('take-card-back')).toBeVisible();
    stack.removeCard();
    await expect(page.getByTestId('take-card-back')).toHaveCount(0);
  });
});
