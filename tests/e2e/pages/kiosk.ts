// Page objects for the resident screens: each step a resident takes, by the screens' data-testids.
import { expect } from '@playwright/test';
import type { Page } from '@playwright/test';

export const medicalItem = 'WHMA-YB-01'; // 异地就医备案

export class KioskPage {
  constructor(readonly page: Page) {}

  async start(url: string) {
    await this.page.goto(url);
    await this.page.getByTestId('screen-attract').click();
    await expect(this.page.getByTestId('screen-home')).toBeVisible();
  }

  async openItemByCity(city: string, itemId: string) {
    await this.page.getByTestId('home-byCity').click();
    await this.page.getByTestId(`browse-city-${city}`).click();
    await this.page.getByTestId(`browse-item-${itemId}`).click();
    await expect(this.page.getByTestId('screen-guide')).toBeVisible();
  }

  /** Types digits on the on-screen keyboard (numeric mode) and closes it. */
  async typeDigits(field: string, digits: string) {
    await this.page.getByTestId(`form-input-${field}`).click();
    await expect(this.page.getByTestId('keyboard')).toBeVisible();
    for (const digit of digits) await this.page.getByTestId(`kbd-key-${digit}`).first().click();
    await this.page.getByTestId('kbd-done').click();
  }

  async fillMedicalForm() {
    await this.page.getByTestId('form-option-filingType-longTermResident').click();
    await this.page.getByTestId('form-option-treatmentCity-421100').click();
    await this.fillDate('startDate');
    await this.typeDigits('phone', '13912345678');
  }

  /** Picks tomorrow among the offered days of a date field (today's tile would pass at midnight before submit). */
  async fillDate(field: string) {
    await this.page.locator(`[data-testid^="form-option-${field}-"]`).nth(1).click();
  }

  async submitForm() {
    await this.page.getByTestId('form-submit').click();
    await expect(this.page.getByTestId('review-consent-given')).toBeVisible(); // agreed before the card was read
    await this.page.getByTestId('review-confirm').click();
  }

  receiptNo() {
    return this.page.getByTestId('receipt-no').getAttribute('data-receipt-no');
  }
}
