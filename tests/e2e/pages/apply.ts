// One application a resident makes, shared by the specs that need one: 异地就医备案 handled in 黄石 (420200).
import { expect } from '@playwright/test';
import type { Stack } from '../support/stack';
import { medicalItem } from './kiosk';
import type { KioskPage } from './kiosk';

export async function applyForMedical(kiosk: KioskPage, stack: Stack) {
  await kiosk.openItemByCity('420200', medicalItem);
  await kiosk.page.getByTestId('guide-apply').click();
  await kiosk.page.getByTestId('consent-agree').click(); // asked before the card is read
  await expect(kiosk.page.getByTestId('identify-prompt')).toBeVisible();
  stack.insertCard('resident-hubei');
  await expect(kiosk.page.getByTestId('screen-form')).toBeVisible();
  stack.removeCard(); // taken back once read, as residents do
  await kiosk.fillMedicalForm();
  await kiosk.submitForm();
  await expect(kiosk.page.getByTestId('screen-receipt')).toBeVisible();
}
