// The resident journey end to end, on real parts: Debian's Chromium with real IndexedDB, the kiosk host, the
// ID-card reader and printer simulators on pseudo-terminals, and the hub on PGlite.
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { startStack } from './support/stack';
import type { Stack } from './support/stack';
import { KioskPage, medicalItem } from './pages/kiosk';
import { copyIndexedDb, copyYieldsLookupKey, hmacHex } from './support/indexedDbCopy';
import { applyForMedical } from './pages/apply';

const shots = 'test-results/screens';
mkdirSync(shots, { recursive: true });

async function hubCount(stack: Stack): Promise<number> {
  const result = await stack.hub.db.query<{ n: string | number }>('SELECT count(*) AS n FROM applications');
  return Number(result.rows[0]!.n);
}

async function waitForHub(stack: Stack, count: number) {
  await expect.poll(() => hubCount(stack), { timeout: 30_000 }).toBe(count);
}

test.describe('with a hub, a reader and a printer', () => {
  test.describe.configure({ mode: 'serial' });
  let stack: Stack;
  test.beforeAll(async () => {
    stack = await startStack();
  });
  test.afterAll(async () => stack?.close());

  test('the full application: card → form → outbox → printed receipt → hub → rating → my applications', async ({ page }) => {
    const kiosk = new KioskPage(page);
    await kiosk.start(stack.kiosk.url);
    await applyForMedical(kiosk, stack);
    const receiptNo = await kiosk.receiptNo();
    expect(receiptNo).toMatch(/^420200-001-/);

    // ADR 0006: the row's lookup key was computed by the host with its 0600 secret, and a copy of this
    // Chromium's IndexedDB alone holds nothing that computes it.
    const idNumber = '420102199006150024';
    const copy = await copyIndexedDb(page);
    const row = (copy.outbox as { receiptNo: string; lookupKey: string }[]).find((r) => r.receiptNo === receiptNo)!;
    const hostSecrets = (JSON.parse(readFileSync(join(stack.kiosk.dataDir, 'lookup-secrets.json'), 'utf8')) as { secrets: string[] }).secrets;
    expect(row.lookupKey).toBe(hmacHex(Buffer.from(hostSecrets[0]!, 'base64'), idNumber));
    expect(copyYieldsLookupKey(copy, idNumber, row.lookupKey)).toBe(false);
    expect(JSON.stringify(copy)).not.toContain(hostSecrets[0]!);

    await expect(page.getByTestId('receipt-print-state')).toHaveAttribute('data-state', 'printed', { timeout: 30_000 });
    await page.screenshot({ path: `${shots}/journey-receipt.png` });
    // One vocabulary (issue 16 §1): a just-submitted application is 已收件; a 即办 item is done once the handling
    // city has it, never "on the spot" here.
    await expect(page.getByTestId('receipt-status')).toContainText('已收件');
    await expect(page.getByTestId('receipt-promised')).toContainText('受理后即时办结');
    await expect(page.getByTestId('screen-receipt')).not.toContainText('当场办结');

    const [job] = await stack.printer.waitForJobs(1);
    const printed = JSON.parse(readFileSync(job!.jsonPath, 'utf8')) as { lines: string[]; qr: { payload: string | null }[] };
    const text = printed.lines.join('\n');
    expect(text).toContain(receiptNo!);
    expect(text).toContain('异地就医');
    expect(text).not.toContain('420102199006150024'); // the ID number only masked
    expect(text).toContain('4201**********0024');
    expect(printed.qr[0]?.payload).toContain(receiptNo!);
    // 全程网办: the paper matches the screen, names no place of receipt and owes nothing (不用跑现场).
    expect(text).toContain('已收件');
    expect(text).not.toMatch(/收件地点|待补交|已收取|当场办结/);
    copyFileSync(job!.pngPath, `${shots}/journey-printed-receipt.png`);

    await waitForHub(stack, 1);

    await page.getByTestId('receipt-next').click();
    await expect(page.getByTestId('screen-rating')).toBeVisible();
    await page.getByTestId('rating-level-verySatisfied').click();
    await page.getByTestId('rating-submit').click();
    await expect(page.getByTestId('rating-thanks')).toBeVisible();
    await expect(page.getByTestId('screen-attract')).toBeVisible({ timeout: 15_000 });

    // My applications, on the same kiosk (same browser profile): the card lists what this resident applied for.
    await kiosk.start(stack.kiosk.url);
    await page.getByTestId('home-myApplications').click();
    await expect(page.getByTestId('screen-my-applications')).toBeVisible();
    stack.insertCard('resident-hubei');
    await expect(page.getByTestId(`my-app-${receiptNo}`)).toBeVisible();
    await expect(page.getByTestId(`my-app-${receiptNo}`)).toContainText('已收件');
    await page.screenshot({ path: `${shots}/journey-my-applications.png` });
    stack.removeCard();

  });

  test('my applications: the card finds what it applied for through the host’s lookup key, whatever the printer did', async ({ page }) => {
    const kiosk = new KioskPage(page);
    await kiosk.start(stack.kiosk.url);
    await applyForMedical(kiosk, stack);
    const receiptNo = await kiosk.receiptNo();
    // A new page load, as after a restart or on a later day (the same URL with only a fragment would not reload).
    await page.goto('about:blank');
    await kiosk.start(stack.kiosk.url);
    await page.getByTestId('home-myApplications').click();
    stack.insertCard('resident-hubei');
    await expect(page.getByTestId(`my-app-${receiptNo}`)).toBeVisible();
    stack.removeCard();
  });

  test('guide only: print the one-time notice (一次告知)', async ({ page }) => {
    const kiosk = new KioskPage(page);
    await kiosk.start(stack.kiosk.url);
    await kiosk.openItemByCity('421100', 'WHMA-GJJ-01');
    await expect(page.getByTestId('guide-apply')).toHaveCount(0);
    const before = stack.printer.jobs.length;
    await page.getByTestId('guide-print').click();
    await expect(page.getByTestId('guide-print-state')).toHaveAttribute('data-state', 'printed', { timeout: 30_000 });
    const jobs = await stack.printer.waitForJobs(before + 1);
    expect(jobs.at(-1)!.lines.join('\n')).toContain('一次告知');
  });

  test('out of paper: the application is kept and the receipt is on screen with its QR', async ({ page }) => {
    stack.printer.setState('paperOut');
    const kiosk = new KioskPage(page);
    await kiosk.start(stack.kiosk.url);
    const before = await hubCount(stack);
    await applyForMedical(kiosk, stack);
    await expect(page.getByTestId('receipt-print-state')).toHaveAttribute('data-state', 'paperOut', { timeout: 30_000 });
    await expect(page.getByTestId('receipt-qr')).toBeVisible();
    await page.screenshot({ path: `${shots}/journey-paper-out.png` });
    await waitForHub(stack, before + 1);
    stack.printer.setState('ready');
  });

  test('language switch: 简 → 繁 → EN on the guide, nothing lost', async ({ page }) => {
    const kiosk = new KioskPage(page);
    await kiosk.start(stack.kiosk.url);
    await kiosk.openItemByCity('420200', medicalItem);
    await page.getByTestId('lang-zh-TW').click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-TW');
    await expect(page.getByTestId('screen-guide')).toContainText('異地就醫');
    await page.getByTestId('lang-en').click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByTestId('screen-guide')).toContainText(/medical/i);
    await page.screenshot({ path: `${shots}/journey-guide-en.png` });
  });

  test('elder mode: larger type (nothing under 32 px) and larger targets', async ({ page }) => {
    const kiosk = new KioskPage(page);
    await kiosk.start(stack.kiosk.url);
    await kiosk.openItemByCity('420200', medicalItem);
    await page.getByTestId('toggle-elder').click();
    await expect(page.locator('body')).toHaveClass(/elder/);
    expect(await smallestText(page)).toBeGreaterThanOrEqual(32);
    const smallestTarget = await page.evaluate(() =>
      Math.min(...[...document.querySelectorAll('button')].filter((b) => b.offsetParent).map((b) => Math.min(b.getBoundingClientRect().height, b.getBoundingClientRect().width))),
    );
    expect(smallestTarget).toBeGreaterThanOrEqual(80);
    await page.screenshot({ path: `${shots}/journey-guide-elder.png` });
  });
});

async function smallestText(page: Page): Promise<number> {
  return page.evaluate(() => {
    let min = Infinity;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const parent = walker.currentNode.parentElement;
      if (parent && parent.offsetParent && walker.currentNode.textContent?.trim()) min = Math.min(min, parseFloat(getComputedStyle(parent).fontSize));
    }
    return min;
  });
}

test.describe('a kiosk left alone', () => {
  let stack: Stack;
  test.beforeAll(async () => {
    stack = await startStack({ idleSeconds: 4, countdownSeconds: 3 });
  });
  test.afterAll(async () => stack?.close());

  test('an idle timeout mid-form wipes the card, the form and the keyboard', async ({ page }) => {
    const kiosk = new KioskPage(page);
    await kiosk.start(stack.kiosk.url);
    await kiosk.openItemByCity('420200', medicalItem);
    await page.getByTestId('guide-apply').click();
    await page.getByTestId('consent-agree').click(); // asked before the card is read
    stack.insertCard('resident-hubei');
    await expect(page.getByTestId('screen-form')).toBeVisible();
    await expect(page.getByTestId('screen-form')).toContainText('测试乙');
    await page.getByTestId('form-input-phone').click();
    for (const digit of '13912') await page.getByTestId(`kbd-key-${digit}`).first().click();
    stack.removeCard();
    await expect(page.getByTestId('idle-countdown')).toBeVisible({ timeout: 15_000 });
    await expect(page.getByTestId('idle-wipe-notice')).toHaveText('返回首页时，本次读取和填写的信息会全部清除');
    await expect(page.getByTestId('screen-attract')).toBeVisible({ timeout: 15_000 });

    const session = JSON.stringify(await page.evaluate(() => (window as { __kioskSession?: () => unknown }).__kioskSession?.()));
    expect(session).toContain('"attract"');
    for (const secret of ['测试乙', '420102199006150024', '13912', '江岸区']) expect(session).not.toContain(secret);
    const text = await page.locator('body').innerText();
    expect(text).not.toContain('测试乙');
    await expect(page.getByTestId('keyboard')).toHaveCount(0);
  });
});
