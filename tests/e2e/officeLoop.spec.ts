// 收受分离 end to end on real parts (issue 13, "Done means"): a resident applies on the kiosk (Chromium host,
// ID-card and printer simulators, hub on PGlite); an operator of the handling city (黄石) signs in to the back
// office, opens the application (decrypted by the hub, audited), accepts and completes it; the kiosk's
// "我的办件" and the public status page the receipt's QR opens both say 已办结, and the resident rates the result.
import { expect, test } from '@playwright/test';
import { hashPassword } from '../../hub/office/passwords';
import { addOperatorAudited } from '../../hub/routes/adminOffice';
import { readAudit } from '../../hub/store/officeAudit';
import { applyForMedical } from './pages/apply';
import { KioskPage } from './pages/kiosk';
import { OfficePage } from './pages/office';
import { startStack, type Stack } from './support/stack';

const operator = { name: '黄石-医保-赵六', password: 'ci-hu-lake-2026-xx' };

test.describe('the whole loop: kiosk → back office → 我的办件 and the status page', () => {
  let stack: Stack;
  test.beforeAll(async () => {
    stack = await startStack({ officeKey: true });
    await addOperatorAudited(stack.hub.db, { city: '420200', name: operator.name, passwordHash: await hashPassword(operator.password) }, new Date());
  });
  test.afterAll(async () => stack?.close());

  test('a resident applies, 黄石 accepts and completes it in /office, the kiosk and /q say 已办结', async ({ page, browser }) => {
    test.setTimeout(300_000); // a whole application, the back office, and 我的办件 again, on a shared machine
    const kiosk = new KioskPage(page);
    await kiosk.start(stack.kiosk.url);
    await applyForMedical(kiosk, stack);
    const receiptNo = (await kiosk.receiptNo())!;
    await page.getByTestId('receipt-next').click();
    await page.getByTestId('rating-level-satisfied').click();
    await page.getByTestId('rating-submit').click();
    await expect(page.getByTestId('screen-attract')).toBeVisible({ timeout: 15_000 });

    await expect.poll(async () => (await stack.hub.db.query('SELECT 1 FROM applications WHERE receipt_no = $1', [receiptNo])).rows.length, { timeout: 30_000 }).toBe(1);
    const { case_no: caseNo } = (await stack.hub.db.query<{ case_no: string }>('SELECT case_no FROM applications WHERE receipt_no = $1', [receiptNo])).rows[0]!;

    const officeContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, hasTouch: false, locale: 'zh-CN' });
    const office = new OfficePage(await officeContext.newPage(), stack.hub.url);
    await office.signIn(operator.name, operator.password);
    await expect(office.queueRow(caseNo)).toContainText('已收件');
    await office.openCase(caseNo);
    await office.openPersonal();
    await expect(office.page.getByTestId('personal')).toContainText('测试乙'); // the name on the simulator's card
    await expect(office.page.getByTestId('personal')).toContainText('13912345678');
    expect((await readAudit(stack.hub.db, { city: '420200' })).filter((e) => e.action === 'open').map((e) => [e.operatorName, e.caseNo])).toEqual([[operator.name, caseNo]]);
    await office.move('accepted');
    await office.move('completed', '备案已生效，可在黄冈市定点医院直接结算');
    await officeContext.close();

    await kiosk.start(stack.kiosk.url);
    await page.getByTestId('home-myApplications').click();
    stack.insertCard('resident-hubei');
    const mine = page.getByTestId(`my-app-${receiptNo}`);
    await expect(mine).toBeVisible();
    stack.removeCard();
    await expect(mine.getByTestId('case-status')).toHaveAttribute('data-case-status', 'completed');
    await expect(mine.getByTestId('case-status')).toContainText('已办结');
    await expect(mine.getByTestId('case-note')).toContainText('备案已生效');

    // The resident rates the result (the second 好差评, offered once the case is completed); the hub keeps both.
    await mine.getByTestId('my-rate-result').click();
    await page.getByTestId('rating-level-verySatisfied').click();
    await page.getByTestId('rating-submit').click();
    await page.getByTestId('rating-done').click();
    await expect(page.getByTestId(`my-app-${receiptNo}`).getByTestId('my-result-rated')).toBeVisible();
    const ratingsOf = async () =>
      (await stack.hub.db.query<{ n: number }>('SELECT r.assess_number::int AS n FROM ratings r JOIN applications a ON a.id = r.application_id WHERE a.receipt_no = $1 ORDER BY r.assess_number', [receiptNo])).rows.map((r) => r.n);
    await expect.poll(ratingsOf, { timeout: 30_000 }).toEqual([1, 2]);

    await page.goto(`${stack.hub.url}/q/${receiptNo}`);
    await expect(page.locator('.big')).toHaveText('已办结');
    await expect(page.locator('body')).not.toContainText('测试乙');
  });
});
