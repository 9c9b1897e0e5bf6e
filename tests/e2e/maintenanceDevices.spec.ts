// Maintenance mode's device setup and roles on screen (issue 11 §3–4), on real parts: a second printer
// simulator and an empty pseudo-terminal are offered to the kiosk's detect (KIOSK_DETECT_PORTS). Field staff
// see neither detect nor exit to desktop (the host refuses them too: tests/devices/applyLive.test.ts); the
// technician finds the second printer, is asked before it is used, and after applying it the test page
// comes out of that printer and config.json names it.
import { join } from 'node:path';
import { mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { expect, test } from '@playwright/test';
import { loadConfig, saveConfig } from '../../main/host/config';
import { hashPin } from '../../main/host/maintenance/pinHash';
import { startPrinterSimulator } from '../../devices/sim/printerSim';
import type { PrinterSimulator } from '../../devices/sim/printerSim';
import { openPtyPair } from '../../devices/sim/ptyPair';
import type { PtyPair } from '../../devices/sim/ptyPair';
import { MaintenancePage } from './pages/maintenance';
import { startStack } from './support/stack';
import type { Stack } from './support/stack';

const technicianPin = '20261202';
const fieldStaffPin = '8642013579';
let stack: Stack;
let spare: PtyPair;
let empty: PtyPair;
let sparePrinter: PrinterSimulator;
let usbRoot: string;

test.beforeEach(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-detect-e2e-'));
  spare = await openPtyPair({ dir, names: ['spare-printer', 'spare-printer-sim'] });
  empty = await openPtyPair({ dir, names: ['empty', 'empty-sim'] });
  sparePrinter = await startPrinterSimulator({ path: spare.simPath, outDir: join(dir, 'receipts'), state: 'ready' });
  usbRoot = join(dir, 'media');
  mkdirSync(join(usbRoot, 'kiosk', 'STICK'), { recursive: true });
  stack = await startStack({ kioskEnv: { KIOSK_DETECT_PORTS: `${spare.devicePath},${empty.devicePath}`, KIOSK_USB_ROOTS: usbRoot } });
  const config = loadConfig(stack.kiosk.dataDir, {});
  config.maintenance.pins = { technician: await hashPin(technicianPin), fieldStaff: await hashPin(fieldStaffPin) };
  saveConfig(stack.kiosk.dataDir, config);
});
test.afterEach(async () => {
  await stack?.close();
  await sparePrinter?.close();
  await spare?.close();
  await empty?.close();
});

test('zh-CN: field staff cannot set devices up; the technician detects, confirms and applies a printer live', async ({ page }) => {
  test.setTimeout(240_000); // two PIN entries (scrypt), a detect and a live apply on a shared, loaded machine
  const maintenance = new MaintenancePage(page);
  await page.goto(stack.kiosk.url);
  await maintenance.open();
  await maintenance.enterPin(fieldStaffPin, { opens: true });
  await expect(page.getByTestId('maint-role')).toHaveText('现场人员');
  await expect(page.getByTestId('maint-restart')).toBeVisible();
  await expect(page.getByTestId('maint-detect')).toHaveCount(0);
  await expect(page.getByTestId('maint-exit-desktop')).toHaveCount(0);
  await expect(page.getByTestId('maint-test-read')).toHaveCount(0);
  await expect(page.getByTestId('maint-export-logs')).toHaveCount(0);
  await expect(page.getByTestId('maint-quarantined-count')).toHaveCount(0); // requeue is the technician's
  await page.getByTestId('maint-sync-now').click(); // field staff may force a sync: the host allows and audits it
  await expect(page.getByTestId('maint-sync-message')).toHaveText('已开始同步');
  await page.screenshot({ path: 'test-results/screens/maintenance-6-field-staff.png' });
  await page.getByTestId('maint-exit').click();

  await maintenance.open();
  await maintenance.enterPin(technicianPin, { opens: true });
  await expect(page.getByTestId('maint-exit-desktop')).toBeVisible();
  await expect(page.getByTestId('maint-quarantined-count')).toHaveText('被隔离的申请 0 份');
  await expect(page.getByTestId('maint-flagged-count')).toHaveText('未能发送的评价 0 条');
  await page.getByTestId('maint-detect').click();
  await expect(page.getByTestId('maint-detect-results')).toBeVisible({ timeout: 30_000 });
  await expect(page.locator(`[data-testid="maint-detect-result"][data-port="${spare.devicePath}"]`)).toHaveAttribute('data-kind', 'printer');
  await expect(page.locator(`[data-testid="maint-detect-result"][data-port="${empty.devicePath}"]`)).toHaveAttribute('data-kind', '');
  await expect(page.getByTestId('maint-proposal-printer')).toContainText(spare.devicePath);
  // Nothing is applied before the technician confirms.
  await page.getByTestId('maint-apply-printer').click();
  await expect(page.getByTestId('maint-apply-ask')).toContainText('测试不通过会自动恢复');
  expect(loadConfig(stack.kiosk.dataDir, {}).devices.printer).toBeUndefined();
  await page.screenshot({ path: 'test-results/screens/maintenance-5-detect-apply.png' });
  await page.getByTestId('maint-apply-confirm').click();
  await expect(page.getByTestId('maint-device-message')).toHaveText('已启用并通过测试，已写入配置', { timeout: 30_000 });
  expect(loadConfig(stack.kiosk.dataDir, {}).devices.printer).toMatchObject({ driver: 'printer/escpos-serial', port: spare.devicePath });

  // A test read shows the card masked; the logs go to the stick, redacted.
  await page.getByTestId('maint-test-read').click();
  await expect(page.getByTestId('maint-read-result')).toContainText('请在');
  stack.insertCard('resident-hubei');
  await expect(page.getByTestId('maint-read-result')).toHaveText('读卡成功：测*乙 4201**********0024', { timeout: 20_000 });
  stack.removeCard();
  await page.getByTestId('maint-export-logs').click();
  await expect(page.getByTestId('maint-export-result')).toContainText('已导出');
  expect(readdirSync(join(usbRoot, 'kiosk', 'STICK'))).toEqual([expect.stringMatching(/^zhengwu-kiosk-logs-/)]);
  await page.screenshot({ path: 'test-results/screens/maintenance-7-checks.png' });

  await page.getByTestId('maint-test-print').click();
  const [job] = await sparePrinter.waitForJobs(1, 30_000);
  expect(job!.lines.join('\n')).toContain('政务小屋 打印测试');
  expect(stack.printer.jobs).toHaveLength(0);
  await page.getByTestId('maint-exit').click();
  await expect(page.getByTestId('screen-attract')).toBeVisible();
});
