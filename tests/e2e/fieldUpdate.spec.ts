// The field-staff update flow end to end, in Chromium through the Chromium host: a USB folder (config
// update.usbRoots → a temp dir) holds bundles built with `kioskctl bundle build` and signed by a key the kiosk
// trusts. Field staff open maintenance mode with their PIN, see each bundle's version, channel and notes and
// the verification in plain words; a bundle damaged after it was listed is refused on screen with nothing
// changed; the good one installs with progress under "请勿断电/拔出U盘" into the pending state; "restart now"
// ends the host (the test is the watchdog and starts it again); the new version reports healthy and is good.
// Screenshots: docs/screens/update/.
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig, saveConfig } from '../../main/host/config';
import { hashPin } from '../../main/host/maintenance/pinHash';
import { startChild, waitForLine } from '../../main/processes';
import type { Child } from '../../main/processes';
import { updateStatus } from '../../main/host/update/bootSlot';
import { trustedKeys } from '../../main/host/update/keys';
import { freePort } from '../support/freePort';
import { tempDir } from '../update/rig';
import { MaintenancePage } from './pages/maintenance';
import { UpdatePanelPage } from './pages/updatePanel';
import { e2eRendererDir, repoRoot } from './support/kioskHost';

const fieldStaffPin = '31415926';
const shots = join(repoRoot, 'docs', 'screens', 'update');
const factoryVersion = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
const notes = '回执二维码改为状态查询页地址\n长辈模式字号加大';

/** `kioskctl ARGS…` as field staff and release managers run it; fails the test on a non-zero exit. */
function kioskctl(...args: string[]): string {
  const run = spawnSync(process.execPath, [join(repoRoot, 'bin', 'kioskctl.mjs'), ...args], { cwd: repoRoot, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`kioskctl ${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  return run.stdout;
}

/** One start of the kiosk host on a fixed port (IndexedDB belongs to the origin, so the port never moves). */
async function startHost(dataDir: string, port: number): Promise<{ child: Child; url: string }> {
  const child = startChild('kiosk', process.execPath, ['--import', 'tsx', join(repoRoot, 'main/browser/main.ts'), '--headless'], {
    cwd: repoRoot,
    // Each file the install writes waits 150 ms, so the running install can be seen (and photographed).
    env: { ...process.env, KIOSK_DATA_DIR: dataDir, KIOSK_PORT: String(port), KIOSK_LOG_LEVEL: 'warn', KIOSK_RENDERER_DIR: e2eRendererDir, KIOSK_UPDATE_TEST_FILE_DELAY_MS: '150' },
  });
  const [, url] = await waitForLine(child, /Kiosk ready at (\S+)/, 30_000);
  return { child, url: url! };
}

async function openAsFieldStaff(page: Page, url: string) {
  await page.goto('about:blank');
  await page.goto(url);
  const maintenance = new MaintenancePage(page);
  await maintenance.open();
  await maintenance.enterPin(fieldStaffPin, { opens: true });
  await expect(page.getByTestId('maint-role')).toHaveText('现场人员');
}

test('field staff install a verified bundle from a USB folder; a damaged one is refused; after the restart it is good', async ({ page }) => {
  test.setTimeout(240_000);
  mkdirSync(shots, { recursive: true });
  const keys = tempDir('kiosk-release-keys-');
  kioskctl('bundle', 'keygen', '--out', keys);
  const usb = tempDir('kiosk-usb-');
  const stick = join(usb, 'KINGSTON');
  mkdirSync(stick);
  // The release manager's bundles: this project's own build output, signed with the release key.
  const good = join(stick, 'kiosk-0.2.0.bundle');
  const later = join(stick, 'kiosk-0.2.1.bundle');
  kioskctl('bundle', 'build', '--version', '0.2.0', '--channel', 'stable', '--key', join(keys, 'update-signing.pem'), '--out', good, '--notes', notes);
  kioskctl('bundle', 'build', '--version', '0.2.1', '--channel', 'stable', '--key', join(keys, 'update-signing.pem'), '--out', later, '--notes', '仅用于测试');

  // The kiosk: trusts the release key, follows `stable`, looks for sticks under the temp folder, has a field-staff PIN.
  const dataDir = tempDir('kiosk-field-');
  kioskctl('update', 'trust', '--pub', join(keys, 'update-signing.pub'), '--data', dataDir);
  expect(trustedKeys(dataDir)).toHaveLength(1);
  const config = loadConfig(dataDir, {});
  config.maintenance.pins.fieldStaff = await hashPin(fieldStaffPin);
  config.update.usbRoots = [usb];
  saveConfig(dataDir, config);
  const kiosk = { dataDir, factoryVersion, trusted: trustedKeys(dataDir) };

  const port = await freePort();
  let host = await startHost(dataDir, port);
  await openAsFieldStaff(page, host.url);
  const panel = new UpdatePanelPage(page);
  await expect(panel.installed()).toHaveAttribute('data-slot', 'factory');
  await expect(panel.bundle('kiosk-0.2.0.bundle')).toContainText('kiosk-0.2.0.bundle：版本 0.2.0（stable）');
  await expect(panel.bundle('kiosk-0.2.0.bundle').getByTestId('update-notes')).toHaveText(notes);
  await expect(panel.bundle('kiosk-0.2.0.bundle').getByTestId('update-verdict')).toHaveText('检查通过：文件完整，是本单位发布的，可以安装');
  await expect(panel.bundle('kiosk-0.2.1.bundle')).toHaveAttribute('data-verdict', 'ready');
  await panel.panel().scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(shots, 'update-1-usb-list.png') });

  // 0.2.1 is damaged on the stick after it was listed (one byte of its payload): the install refuses it.
  const bytes = readFileSync(later);
  bytes[bytes.length - 10] = bytes[bytes.length - 10]! ^ 0x01;
  writeFileSync(later, bytes);
  const before = updateStatus(kiosk);
  await panel.install('kiosk-0.2.1.bundle');
  await expect(panel.result()).toHaveAttribute('data-outcome', 'refused');
  await expect(panel.result()).toHaveAttribute('data-code', 'damaged');
  await expect(panel.result()).toContainText('没有安装，本机没有任何改动。');
  await expect(panel.result()).toContainText('这个文件已损坏（内容与签名不符），不能安装。请换一份新的文件。');
  // Listed again, it now says so before anyone tries, and has no install button.
  await expect(panel.bundle('kiosk-0.2.1.bundle')).toHaveAttribute('data-verdict', 'damaged');
  await expect(panel.bundle('kiosk-0.2.1.bundle').getByTestId('update-install')).toHaveCount(0);
  expect(updateStatus(kiosk)).toEqual(before);
  await page.screenshot({ path: join(shots, 'update-2-refused-damaged.png') });

  // The good one: progress with bytes under the warning, then installed and pending a good start.
  await panel.install('kiosk-0.2.0.bundle');
  await expect(page.getByTestId('update-do-not-unplug')).toHaveText('正在安装，请勿断电/拔出U盘');
  await expect(page.getByTestId('update-progress')).toHaveAttribute('data-phase', 'writing');
  await expect(page.getByTestId('update-bytes')).toContainText(/已写入 \d+\.\d MB \/ \d+\.\d MB/);
  await page.screenshot({ path: join(shots, 'update-3-installing.png') });
  await expect(panel.result()).toHaveAttribute('data-outcome', 'installed', { timeout: 60_000 });
  await expect(panel.result()).toContainText('0.2.0 已安装。请重启本机以启用新版本');
  await expect(page.getByTestId('update-do-not-unplug')).toHaveCount(0);
  expect(updateStatus(kiosk)).toMatchObject({ current: { slot: 'A', version: '0.2.0' }, previous: { slot: 'factory' }, pending: true, lastResult: 'installed' });
  await expect(panel.installed()).toHaveAttribute('data-pending', 'true');
  await page.screenshot({ path: join(shots, 'update-4-installed.png') });
  // The maintenance audit log says who tried what and how it ended.
  await expect
    .poll(() => readFileSync(join(dataDir, 'logs', 'audit.log'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { event: string; role?: string; detail?: string }).filter((e) => e.event === 'update'))
    .toEqual([
      expect.objectContaining({ role: 'fieldStaff', detail: 'install kiosk-0.2.1.bundle' }),
      expect.objectContaining({ role: 'fieldStaff', detail: 'refused damaged kiosk-0.2.1.bundle' }),
      expect.objectContaining({ role: 'fieldStaff', detail: 'install kiosk-0.2.0.bundle' }),
      expect.objectContaining({ role: 'fieldStaff', detail: 'installed 0.2.0' }),
    ]);

  // "Restart now": the host ends this start with 75, as every restart from maintenance does (ADR 0015); the
  // service manager (here, the test) starts it again.
  await page.getByTestId('update-restart').click();
  await expect(page.getByTestId('update-restarting')).toBeVisible();
  expect(await host.child.exited).toBe(75);
  host = await startHost(dataDir, port);
  await page.goto('about:blank');
  await page.goto(host.url);
  await expect(page.getByTestId('screen-attract')).toBeVisible();
  // The new version's renderer reports healthy; the host marks the slot good.
  await expect.poll(() => updateStatus(kiosk)).toMatchObject({ current: { slot: 'A', version: '0.2.0' }, pending: false, lastResult: 'good' });
  await openAsFieldStaff(page, host.url);
  await expect(page.getByTestId('maint-version')).toHaveText('0.2.0');
  await expect(panel.installed()).toHaveAttribute('data-last', 'good');
  await expect(panel.installed()).toContainText('本机现在运行 0.2.0');
  await expect(panel.installed()).toContainText('上次更新已通过自检，运行正常');
  // The same bundle again is not newer than what runs: said in plain words.
  await expect(panel.bundle('kiosk-0.2.0.bundle').getByTestId('update-verdict')).toHaveText('版本 0.2.0 不比本机的 0.2.0 新。');
  await page.screenshot({ path: join(shots, 'update-5-good-after-restart.png') });

  await host.child.stop();
  for (const dir of [keys, usb, dataDir]) rmSync(dir, { recursive: true, force: true });
});

test('en: a bundle signed by a key the kiosk does not trust is refused in plain words', async ({ page }) => {
  test.setTimeout(120_000);
  const trusted = tempDir('kiosk-release-keys-');
  const stranger = tempDir('kiosk-stranger-keys-');
  kioskctl('bundle', 'keygen', '--out', trusted);
  kioskctl('bundle', 'keygen', '--out', stranger);
  const usb = tempDir('kiosk-usb-');
  copyFileSync(join(repoRoot, 'package.json'), join(usb, 'not-a-bundle.json')); // other files on the stick are ignored
  kioskctl('bundle', 'build', '--version', '0.3.0', '--channel', 'stable', '--key', join(stranger, 'update-signing.pem'), '--out', join(usb, 'kiosk-0.3.0.bundle'));
  const dataDir = tempDir('kiosk-field-');
  kioskctl('update', 'trust', '--pub', join(trusted, 'update-signing.pub'), '--data', dataDir);
  const config = loadConfig(dataDir, {});
  config.maintenance.pins.fieldStaff = await hashPin(fieldStaffPin);
  config.update.usbRoots = [usb];
  saveConfig(dataDir, config);

  const host = await startHost(dataDir, await freePort());
  await page.goto(host.url);
  await page.getByTestId('lang-en').click();
  const maintenance = new MaintenancePage(page);
  await maintenance.open();
  await maintenance.enterPin(fieldStaffPin, { opens: true });
  const panel = new UpdatePanelPage(page);
  await expect(panel.bundle('kiosk-0.3.0.bundle')).toHaveAttribute('data-verdict', 'untrusted');
  await expect(panel.bundle('kiosk-0.3.0.bundle').getByTestId('update-verdict')).toHaveText(
    'This file was not released by us (its signature is not trusted by this kiosk), so it cannot be installed.',
  );
  await expect(panel.bundle('kiosk-0.3.0.bundle').getByTestId('update-install')).toHaveCount(0);
  await expect(page.locator('[data-testid="update-bundle"]')).toHaveCount(1);
  await page.screenshot({ path: join(shots, 'update-6-untrusted-en.png') });
  await host.child.stop();
  for (const dir of [trusted, stranger, usb, dataDir]) rmSync(dir, { recursive: true, force: true });
});
