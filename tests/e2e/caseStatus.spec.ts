// The case life cycle end to end, on real parts: a resident applies on the kiosk (Chromium host, simulators,
// hub on PGlite); the handling city (黄石) asks for 补正 and later completes the case through the hub's API;
// "我的办件" shows the status words and the note, and the receipt's QR opens the public status page, which says
// 已办结 with nothing personal on it.
import { mkdirSync, readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { KioskPage } from './pages/kiosk';
import { applyForMedical } from './pages/apply';
import { startStack } from './support/stack';
import type { Stack } from './support/stack';

const shots = 'test-results/screens';
mkdirSync(shots, { recursive: true });

test.describe('case status: hub → 我的办件 and the status page', () => {
  let stack: Stack;
  test.beforeAll(async () => {
    stack = await startStack();
  });
  test.afterAll(async () => stack?.close());

  test('a 需补正 note reaches 我的办件; once completed, the QR page says 已办结', async ({ page }) => {
    test.setTimeout(240_000); // two visits to 我的办件 after a whole application, on a shared machine
    const kiosk = new KioskPage(page);
    await kiosk.start(stack.kiosk.url);
    await applyForMedical(kiosk, stack);
    const receiptNo = (await kiosk.receiptNo())!;
    const [job] = await stack.printer.waitForJobs(1);
    const printed = JSON.parse(readFileSync(job!.jsonPath, 'utf8')) as { qr: { payload: string | null }[] };
    // The hub was started without a public URL, so the one it listens on is what the kiosk learnt.
    expect(printed.qr[0]?.payload).toBe(`${stack.hub.url}/q/${receiptNo}`);

    // The resident finishes the visit as residents do (rating, back to the attract screen).
    await page.getByTestId('receipt-next').click();
    await page.getByTestId('rating-level-satisfied').click();
    await page.getByTestId('rating-submit').click();
    await expect(page.getByTestId('screen-attract')).toBeVisible({ timeout: 15_000 });

    await expect.poll(async () => (await stack.hub.db.query('SELECT 1 FROM applications WHERE receipt_no = $1', [receiptNo])).rows.length, { timeout: 30_000 }).toBe(1);
    const id = (await stack.hub.db.query<{ id: string }>('SELECT id::text FROM applications WHERE receipt_no = $1', [receiptNo])).rows[0]!.id;
    const { token } = await stack.hub.createCityToken('420200', '黄石市医保局 跨市通办专窗');
    const move = async (body: unknown) => {
      const answer = await fetch(`${stack.hub.url}/v1/cities/420200/applications/${id}/events`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect(answer.status).toBe(200);
    };
    const note = '请补交异地长期居住证明，可到黄石市民之家3楼医保窗口或邮寄';
    await move({ status: 'needsCorrection', note });

    const openMine = async (from: 'attract' | 'myApplications') => {
      if (from === 'attract') await kiosk.start(stack.kiosk.url);
      else await page.getByTestId('nav-home').click(); // the same visit: 首页, then 我的办件 again
      await page.getByTestId('home-myApplications').click();
      stack.insertCard('resident-hubei');
      await expect(page.getByTestId(`my-app-${receiptNo}`)).toBeVisible();
      stack.removeCard();
      return page.getByTestId(`my-app-${receiptNo}`);
    };
    const mine = await openMine('attract');
    await expect(mine.getByTestId('case-status')).toHaveAttribute('data-case-status', 'needsCorrection');
    await expect(mine.getByTestId('case-status')).toContainText('需补正');
    await expect(mine.getByTestId('case-note')).toContainText(note);
    await page.screenshot({ path: `${shots}/my-applications-needs-correction.png` });

    await move({ status: 'accepted' });
    await move({ status: 'completed', note: '备案已生效' });
    const done = await openMine('myApplications');
    await expect(done.getByTestId('case-status')).toContainText('已办结');
    await expect(done.getByTestId('case-deadline')).toBeVisible(); // a promised limit of 0 days: the day of acceptance

    // The status slip, through the real printer path: the same words, the note, the QR to the status page.
    await done.getByTestId('my-print-slip').click();
    await expect(done.getByTestId('my-slip-outcome')).toHaveAttribute('data-outcome', 'printed', { timeout: 30_000 });
    const slip = (await stack.printer.waitForJobs(2))[1]!;
    const slipText = (JSON.parse(readFileSync(slip.jsonPath, 'utf8')) as { lines: string[] }).lines.join('\n');
    expect(slipText).toContain('办理状态：已办结');
    expect(slipText).toContain('备案已生效');
    expect(slip.qr[0]?.payload).toBe(`${stack.hub.url}/q/${receiptNo}`);

    // The second 好差评, about the result, once; the hub keeps both ratings of the application.
    await done.getByTestId('my-rate-result').click();
    await page.getByTestId('rating-level-verySatisfied').click();
    await page.getByTestId('rating-submit').click();
    await page.getByTestId('rating-done').click();
    await expect(page.getByTestId(`my-app-${receiptNo}`).getByTestId('my-result-rated')).toBeVisible();
    await expect(page.getByTestId('my-rate-result')).toHaveCount(0);
    await expect
      .poll(async () => (await stack.hub.db.query<{ n: number }>('SELECT assess_number::int AS n FROM ratings WHERE application_id = $1::uuid ORDER BY assess_number', [id])).rows.map((r) => r.n), { timeout: 30_000 })
      .toEqual([1, 2]);

    await page.goto(`${stack.hub.url}/q/${receiptNo}`);
    await expect(page.locator('.big')).toHaveText('已办结');
    await expect(page.locator('body')).toContainText('异地就医');
    await expect(page.locator('body')).not.toContainText('0024'); // no ID number, not even its end
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${shots}/status-page.png` });
  });
});
