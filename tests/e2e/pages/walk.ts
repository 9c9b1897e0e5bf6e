// Walks every resident screen once, in journey order, calling `visit` on each: shared by the accessibility
// scan and the script that regenerates docs/screens.
import { expect } from '@playwright/test';
import type { Page } from '@playwright/test';
import type { Stack } from '../support/stack';
import { KioskPage, medicalItem } from './kiosk';

export type Visit = (name: string) => Promise<void>;

/** Device round trips (card polling, printing, the hub) get this long, also when run outside the test runner. */
const device = { timeout: 20_000 };

export async function walkScreens(page: Page, stack: Stack, visit: Visit, options: { elder?: boolean; locale?: 'zh-TW' | 'en'; idle?: boolean } = {}) {
  const kiosk = new KioskPage(page);
  await page.goto(stack.kiosk.url);
  await expect(page.getByTestId('screen-attract')).toBeVisible();
  if (options.locale) await page.getByTestId(`lang-${options.locale}`).click();
  await visit('01-attract');
  await page.getByTestId('screen-attract').click();
  await expect(page.getByTestId('screen-home')).toBeVisible();
  if (options.elder) await page.getByTestId('toggle-elder').click();
  await visit('02-home');

  await page.getByTestId('home-search').click();
  // In English the keyboard starts on letters (upper case), in Chinese on pinyin: the same two keys either way.
  await page.locator('[data-testid="kbd-key-y"], [data-testid="kbd-key-Y"]').first().click();
  await page.locator('[data-testid="kbd-key-b"], [data-testid="kbd-key-B"]').first().click();
  await visit('03-search');
  await page.getByTestId('nav-home').click();

  await page.getByTestId('home-byCity').click();
  await visit('04-browse-city');
  await page.getByTestId('browse-city-420200').click();
  await visit('05-browse-items');
  await page.getByTestId(`browse-item-${medicalItem}`).click();
  await expect(page.getByTestId('screen-guide')).toBeVisible();
  await visit('06-guide');

  await page.getByTestId('guide-apply').click();
  await expect(page.getByTestId('screen-consent')).toBeVisible();
  await visit('07-consent');
  await page.getByTestId('consent-agree').click();
  await expect(page.getByTestId('identify-prompt')).toBeVisible();
  await visit('07-identify');
  stack.insertCard('resident-hubei');
  await expect(page.getByTestId('screen-form')).toBeVisible(device);
  // Residents take their card back once it is read; the reader must see it gone before the next card.
  stack.removeCard();
  await visit('08-form');
  await page.getByTestId('form-input-phone').click();
  await expect(page.getByTestId('keyboard')).toBeVisible();
  await visit('09-form-keyboard');
  await page.getByTestId('kbd-done').click();
  await kiosk.fillMedicalForm();
  await page.getByTestId('form-submit').click();
  await expect(page.getByTestId('review-consent-given')).toBeVisible();
  await visit('10-review');
  await page.getByTestId('review-confirm').click();
  await expect(page.getByTestId('receipt-print-state')).toHaveAttribute('data-state', /printed|paperOut|unavailable|failed/, { timeout: 30_000 });
  await visit('11-receipt');
  await page.getByTestId('receipt-next').click();
  await expect(page.getByTestId('screen-rating')).toBeVisible();
  await page.getByTestId('rating-level-dissatisfied').click();
  await visit('12-rating');
  await page.getByTestId('rating-submit').click();
  await expect(page.getByTestId('rating-thanks')).toBeVisible(device);

  await page.getByTestId('rating-done').click();
  await kiosk.start(stack.kiosk.url);
  // A new visit starts in the default language: choose it again, as the resident would (issue 16 §5).
  if (options.locale) await page.getByTestId(`lang-${options.locale}`).click();
  if (options.elder) await page.getByTestId('toggle-elder').click();
  await page.getByTestId('home-myApplications').click();
  await visit('13-my-applications-card');
  stack.insertCard('resident-hubei');
  await expect(page.locator('[data-testid^="my-app-"]').first()).toBeVisible(device);
  await visit('14-my-applications');
  stack.removeCard();

  await page.getByTestId('nav-home').click();
  if (options.idle === false) return;
  // Elder mode doubles the idle time (ADR 0012).
  await expect(page.getByTestId('idle-countdown')).toBeVisible({ timeout: options.elder ? 75_000 : 40_000 });
  await visit('15-idle-countdown');
}
