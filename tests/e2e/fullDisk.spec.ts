// A full disk under the real kiosk (issue 15 §3), on a real tmpfs holding the whole data folder, the Chromium
// profile with the outbox included (the tests run as root, as CI does; mounting needs it). With the disk full
// the kiosk still shows guides, and a submission says it was not stored; once space is freed, the same page
// (no reload) stores the resident's retry and the hub receives it, and the application stored before is still
// there. Chromium closes the outbox's connection when a write hits the full disk and Dexie's own reopen fails
// while it stays full, so this passes only because the store opens the database again (KioskDb.reopenIfLost).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { applyForMedical } from './pages/apply';
import { KioskPage, medicalItem } from './pages/kiosk';
import { copyIndexedDb } from './support/indexedDbCopy';
import { openKioskBrowser } from './support/kioskBrowser';
import { startStack } from './support/stack';
import type { Stack } from './support/stack';

// Made in the test, not at load: Playwright also loads this file in its main process, to list the tests.
let base = '';
let disk = '';
const fillers: string[] = [];
/** Takes every free page of the small disk (dd until ENOSPC), again each time: Chromium frees some as it goes. */
function fillDisk() {
  fillers.push(join(disk, `filler-${fillers.length}`));
  spawnSync('dd', ['if=/dev/zero', `of=${fillers.at(-1)}`, 'bs=64k']);
}
let stack: Stack | undefined;

test.afterAll(async () => {
  await stack?.close();
  if (!base) return;
  // Lazily: Chromium's last child processes may still hold the profile open for a moment after it closes.
  spawnSync('umount', ['--lazy', disk]);
  rmSync(base, { recursive: true, force: true });
});

test('a full disk: guides still shown, a submission that cannot be stored says so, and the same page stores it once space is back', async () => {
  test.setTimeout(180_000);
  base = mkdtempSync(join(tmpdir(), 'kiosk-fulldisk-e2e-'));
  disk = join(base, 'disk');
  mkdirSync(disk);
  expect(spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64m', 'tmpfs', disk], { encoding: 'utf8' }).stderr).toBe('');
  stack = await startStack({ kioskDataDir: join(disk, 'kiosk') });
  const hubCount = async () => Number((await stack!.hub.db.query<{ n: string }>('SELECT count(*) AS n FROM applications')).rows[0]!.n);

  // Chromium on the host's own profile folder (`<dataDir>/chromium`), so IndexedDB lives on the small disk.
  const { context, page } = await openKioskBrowser(stack.kiosk.dataDir);
  try {
    const kiosk = new KioskPage(page);
    await kiosk.start(stack.kiosk.url);
    await applyForMedical(kiosk, stack);
    const before = (await kiosk.receiptNo())!;
    await expect.poll(hubCount, { timeout: 30_000 }).toBe(1);
    await page.getByTestId('nav-home').click();
    await expect(page.getByTestId('screen-home')).toBeVisible();
    // A mark a reload would wipe: everything below happens in this one page.
    await page.evaluate(() => ((window as { __samePage?: boolean }).__samePage = true));

    fillDisk();
    // An application is a few kB, and the tail of a file the store already has may still take that much after
    // dd has taken every free page (and Chromium frees pages as it goes: four stored in a row once, with one dd);
    // such a submission is really stored (it gets a receipt and must reach the hub like any other). The resident
    // applies until the kiosk says it could not store one, the disk filled again just before each submit.
    const storedWhileFull: string[] = [];
    for (;;) {
      // Guides still come up (the catalogue and the page are not on the data disk), and the host still serves.
      await kiosk.openItemByCity('420200', medicalItem);
      await expect(page.getByTestId('screen-guide')).toContainText('异地就医');
      expect((await fetch(new URL('/', stack.kiosk.url))).status).toBe(200);
      await page.getByTestId('guide-apply').click();
      await page.getByTestId('consent-agree').click();
      stack.insertCard('resident-hubei');
      await expect(page.getByTestId('screen-form')).toBeVisible({ timeout: 20_000 });
      stack.removeCard();
      await kiosk.fillMedicalForm();
      fillDisk(); // whatever Chromium freed meanwhile (old log files, caches) is taken again
      await kiosk.submitForm();
      await expect(page.getByTestId('screen-receipt').or(page.getByTestId('submit-failed'))).toBeVisible({ timeout: 30_000 });
      if (await page.getByTestId('submit-failed').isVisible()) break;
      storedWhileFull.push((await kiosk.receiptNo())!);
      expect(storedWhileFull.length).toBeLessThan(4);
      await page.getByTestId('nav-home').click();
    }
    test.info().annotations.push({ type: 'stored while the disk was full', description: String(storedWhileFull.length) });
    await expect(page.getByTestId('submit-failed')).toHaveText('保存没有成功，申请还没有提交。请再试一次，或到窗口办理');
    // Trying again while the disk is still full fails the same way, and says so again.
    fillDisk();
    await page.getByTestId('review-confirm').click();
    await expect(page.getByTestId('submit-failed')).toBeVisible();
    await expect(page.getByTestId('review-confirm')).toBeEnabled();
    await expect(page.getByTestId('screen-receipt')).toHaveCount(0);

    for (const filler of fillers) rmSync(filler);
    await page.getByTestId('review-confirm').click(); // the resident's retry, on the same screen
    await expect(page.getByTestId('screen-receipt')).toBeVisible({ timeout: 30_000 });
    const after = (await kiosk.receiptNo())!;
    expect(after).not.toBe(before);
    await expect.poll(hubCount, { timeout: 30_000 }).toBe(2 + storedWhileFull.length);
    expect(await page.evaluate(() => (window as { __samePage?: boolean }).__samePage)).toBe(true);

    const receipts = ((await copyIndexedDb(page)).outbox as { receiptNo: string; status: string }[]).map((row) => row.receiptNo).sort();
    expect(receipts).toEqual([before, ...storedWhileFull, after].sort());
  } finally {
    await context.close();
  }
});
