// A new cabin, end to end: the kiosk starts with no hub, its technician enrols it from the maintenance screen
// (the hub's address, the one-time code and the hub key fingerprint printed with it, typed on the kiosk's own
// keyboard), and the next resident's application reaches the hub from the same running kiosk: no restart, no
// config edit by hand. A fingerprint that is not the hub's is refused and nothing is stored.
import { expect, test } from '@playwright/test';
import { loadConfig, saveConfig } from '../../main/host/config';
import { hashPin } from '../../main/host/maintenance/pinHash';
import { hubKeyFingerprint } from '../../src/domain/hubApi';
import { applyForMedical } from './pages/apply';
import { KioskPage } from './pages/kiosk';
import { MaintenancePage } from './pages/maintenance';
import { startStack } from './support/stack';
import type { Stack } from './support/stack';

const technicianPin = '20261202';
let stack: Stack;
test.beforeEach(async () => {
  stack = await startStack({ hubLink: false });
});
test.afterEach(async () => stack?.close());

const hubCount = async () => Number((await stack.hub.db.query<{ n: string | number }>('SELECT count(*) AS n FROM applications')).rows[0]!.n);

test('zh-CN: enrolled from the screen, the running kiosk connects and sends the next application', async ({ page }) => {
  test.setTimeout(120_000);
  const config = loadConfig(stack.kiosk.dataDir, {});
  config.maintenance.pins.technician = await hashPin(technicianPin);
  saveConfig(stack.kiosk.dataDir, config);
  const maintenance = new MaintenancePage(page);
  await page.goto(stack.kiosk.url);
  await maintenance.open();
  await maintenance.enterPin(technicianPin, { opens: true });
  await expect(page.getByTestId('maint-hub')).toHaveAttribute('data-state', 'unenrolled');

  // The address keys: lower case first, with . : / (a hub's real address needs them all).
  await page.getByTestId('maint-hub-url').click();
  await expect(page.getByTestId('kbd-key-dot')).toBeVisible();
  await page.getByTestId('keyboard').screenshot({ path: 'test-results/screens/maintenance-enrol-keys.png' });
  await maintenance.typeInto('maint-hub-url', stack.hub.url);
  await maintenance.typeInto('maint-enrol-code', stack.enrolmentCode);
  const fingerprint = await hubKeyFingerprint(stack.hub.keys);
  const another = await hubKeyFingerprint({ ...stack.hub.keys, hpkePublicKey: Buffer.alloc(32, 9).toString('base64') });
  await maintenance.typeInto('maint-enrol-fingerprint', another.toUpperCase()); // the keys start in capitals; case does not matter
  await page.getByTestId('maint-enrol-submit').click();
  await expect(page.getByTestId('maint-enrol-message')).toContainText('nothing was stored', { timeout: 30_000 });
  await expect(page.getByTestId('maint-hub')).toHaveAttribute('data-state', 'unenrolled');
  expect(loadConfig(stack.kiosk.dataDir, {}).hub.url).toBeNull();

  // The hub spent that code before the kiosk saw its keys: the operator issues another.
  const { code } = await stack.hub.createEnrolmentCode('420200-001');
  await maintenance.typeInto('maint-enrol-code', code);
  await maintenance.typeInto('maint-enrol-fingerprint', fingerprint.toUpperCase());
  await page.getByTestId('maint-enrol-submit').click();
  await expect(page.getByTestId('maint-enrol-message')).toHaveText(/^已注册为 420200-001-\w+（420200-001），已连接中心$/, { timeout: 30_000 });
  await expect(page.getByTestId('maint-hub')).toHaveAttribute('data-state', 'online');
  await page.screenshot({ path: 'test-results/screens/maintenance-enrol.png' });
  expect(loadConfig(stack.kiosk.dataDir, {}).hub.url).toBe(stack.hub.url);

  await page.getByTestId('maint-exit').click();
  const kiosk = new KioskPage(page);
  await page.getByTestId('screen-attract').click();
  await applyForMedical(kiosk, stack);
  await expect.poll(hubCount, { timeout: 30_000 }).toBe(1);
});
