// A damaged config.json never leaves a blank screen (issue 11 §4, main/host/configStore.ts), on real parts:
// an application is queued while the hub is down, config.json is then damaged and the Chromium host started
// again on the same data folder. The kiosk comes up on the last good config showing 暂停服务 with the reason
// for the technician and the queued application counted; when the hub returns, that application arrives.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { loadConfig, saveConfig } from '../../main/host/config';
import { KioskPage, medicalItem } from './pages/kiosk';
import { startStack } from './support/stack';
import type { Stack } from './support/stack';

let stack: Stack;
test.beforeEach(async () => {
  stack = await startStack();
});
test.afterEach(async () => stack?.close());

test('corrupt config.json: 暂停服务 with the reason, last good config, queue kept and sent', async ({ page }) => {
  test.setTimeout(300_000); // one UI application and the hub coming back on a shared, loaded machine
  // Two saves, as a technician's changes would make them: config.json and its previous version.
  const good = loadConfig(stack.kiosk.dataDir, {});
  good.settings.serviceDesk = '汉阳区政务服务中心 3 号窗口';
  saveConfig(stack.kiosk.dataDir, good);
  saveConfig(stack.kiosk.dataDir, good);
  await stack.stopHub();

  const kiosk = new KioskPage(page);
  await kiosk.start(stack.kiosk.url);
  await kiosk.openItemByCity('420200', medicalItem);
  await page.getByTestId('guide-apply').click();
  await page.getByTestId('consent-agree').click(); // asked before the card is read
  stack.insertCard('resident-hubei');
  await expect(page.getByTestId('screen-form')).toBeVisible({ timeout: 20_000 });
  stack.removeCard();
  await kiosk.fillMedicalForm();
  await kiosk.submitForm();
  await expect(page.getByTestId('screen-receipt')).toBeVisible();
  const receipt = (await kiosk.receiptNo())!;

  // Half a file, as a power cut during a hand edit would leave it.
  writeFileSync(join(stack.kiosk.dataDir, 'config.json'), '{ "version": 2, "settings": { "idleTimeoutSeconds": ');
  await stack.restartKiosk();
  await page.goto('about:blank');
  await page.goto(stack.kiosk.url);
  await expect(page.getByTestId('screen-out-of-service')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('screen-out-of-service')).toContainText('暂停服务');
  const reason = page.getByTestId('oos-reason');
  await expect(reason).toHaveAttribute('data-code', 'unreadable');
  await expect(reason).toHaveAttribute('data-fallback', 'previous');
  await expect(reason).toContainText('config.json 无法读取');
  await expect(reason).toContainText('上一次正常的配置');
  await expect(page.getByTestId('oos-detail')).toContainText('is not valid JSON');
  await expect(page.getByTestId('oos-queued')).toHaveAttribute('data-count', '1');
  await page.screenshot({ path: 'test-results/screens/maintenance-4-config-out-of-service.png' });
  // The technician's way in stays open on this screen.
  await expect(page.getByTestId('maintenance-corner')).toBeAttached();

  await stack.startHub();
  const arrived = async () => (await stack.hub.db.query<{ receipt_no: string }>('SELECT receipt_no FROM applications')).rows.map((r) => r.receipt_no);
  await expect.poll(arrived, { timeout: 150_000 }).toEqual([receipt]);
  await expect(page.getByTestId('screen-out-of-service')).toBeVisible();
});
