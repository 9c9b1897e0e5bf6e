// Help and time on every screen (issue 16 §2): a 帮助 button on each screen that says what the screen is for,
// how to go back, the 12345 hotline and when staff are here; and 第N步/共M步 on each step of an application.
import { expect, test } from '@playwright/test';
import { startStack, type Stack } from './support/stack';
import { KioskPage, medicalItem } from './pages/kiosk';

test.describe('help and steps', () => {
  test.describe.configure({ mode: 'serial' });
  let stack: Stack;
  test.beforeAll(async () => {
    stack = await startStack();
  });
  test.afterAll(async () => stack?.close());

  async function openHelp(kiosk: KioskPage) {
    await kiosk.page.getByTestId('nav-help').click();
    const panel = kiosk.page.getByTestId('help-panel');
    await expect(panel).toBeVisible();
    return panel;
  }

  test('every screen of the journey has 帮助 with purpose, the way back, 12345 and staffed hours', async ({ page }) => {
    const kiosk = new KioskPage(page);
    await kiosk.start(stack.kiosk.url);
    let panel = await openHelp(kiosk);
    await expect(panel.getByTestId('help-line-0')).toContainText('选择要办的事');
    await expect(panel.getByTestId('help-line-1')).toContainText('返回');
    await expect(panel.getByTestId('help-line-2')).toContainText('12345');
    await expect(panel.getByTestId('help-line-3')).toHaveText('工作人员值守时间：工作日 9:00–17:00');
    await page.getByTestId('help-close').click();
    await expect(panel).toHaveCount(0);
    await expect(page.getByTestId('step-indicator')).toHaveCount(0); // home is not a step of an application

    await kiosk.openItemByCity('420200', medicalItem);
    panel = await openHelp(kiosk);
    await expect(panel.getByTestId('help-line-0')).toContainText('办事指南');
    await page.getByTestId('help-close').click();

    await page.getByTestId('guide-apply').click();
    await page.getByTestId('consent-agree').click(); // asked before the card is read
    await expect(page.getByTestId('identify-prompt')).toBeVisible();
    await expect(page.getByTestId('step-indicator')).toHaveText('第1步/共4步');
    panel = await openHelp(kiosk);
    await expect(panel.getByTestId('help-line-0')).toContainText('身份证');
    await page.getByTestId('help-close').click();

    stack.insertCard('resident-hubei');
    await expect(page.getByTestId('screen-form')).toBeVisible();
    stack.removeCard();
    await expect(page.getByTestId('step-indicator')).toHaveText('第2步/共4步');
    await kiosk.fillMedicalForm();
    await page.getByTestId('form-submit').click();
    await expect(page.getByTestId('screen-review')).toBeVisible();
    await expect(page.getByTestId('step-indicator')).toHaveText('第3步/共4步');
    panel = await openHelp(kiosk);
    await expect(panel.getByTestId('help-line-0')).toContainText('核对');
    await page.getByTestId('help-close').click();
  });

  test('in English the help and the step indicator are English', async ({ page }) => {
    const kiosk = new KioskPage(page);
    await kiosk.start(stack.kiosk.url);
    await page.getByTestId('lang-en').click();
    await kiosk.openItemByCity('420200', medicalItem);
    await page.getByTestId('guide-apply').click();
    await page.getByTestId('consent-agree').click(); // asked before the card is read
    await expect(page.getByTestId('step-indicator')).toHaveText('Step 1 of 4');
    const panel = await openHelp(kiosk);
    await expect(panel).toContainText('Place your ID card');
    await expect(panel).toContainText('12345');
  });
});
