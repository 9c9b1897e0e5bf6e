// The back office in real Chromium against a real hub (PGlite): an operator of the handling city (武汉) signs
// in, finds the case a kiosk in 鄂州 submitted, opens its sealed personal part (decrypted by the hub, audited),
// accepts and completes it; an operator of 黄石 sees neither it in the queue nor it by its URL (403). The
// public status page then says 已办结. Screenshots of the back office go to docs/screens/office/.
import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { readAudit } from '../../hub/store/officeAudit';
import { OfficePage } from './pages/office';
import { startOfficeHub, type OfficeHub } from './support/officeHub';

const shots = 'docs/screens/office';
mkdirSync(shots, { recursive: true });
const wuhan = { name: '武汉-王五', password: 'jiang-han-road-1906' };
const huangshi = { name: '黄石-赵六', password: 'ci-hu-lake-2026-xx' };

/** Serious or critical axe findings (WCAG 2.1 A/AA) on the page as it is now, named for the report. */
async function accessibilityProblems(page: Page, name: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${name}: ${v.id} (${v.impact}) — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

test.use({ viewport: { width: 1280, height: 900 }, hasTouch: false });

test.describe('back office (/office)', () => {
  let office: OfficeHub;
  test.beforeAll(async () => {
    office = await startOfficeHub();
    await office.addOperator('420100', wuhan.name, wuhan.password);
    await office.addOperator('420200', huangshi.name, huangshi.password);
  });
  test.afterAll(async () => office?.close());

  test('an operator of the handling city opens, accepts and completes a case; another city cannot see it', async ({ page, browser }) => {
    const submitted = await office.submit({
      siteCode: '420700-001',
      handlingCity: '420102',
      serviceId: 'WHMA-YB-01',
      personal: {
        applicant: { name: '张三丰', sex: 'male', nationName: '汉', birthDate: '1958-03-12', idNumber: '420102195803120024', address: '湖北省武汉市江汉区解放大道1号', issuer: '武汉市公安局江汉分局', validFrom: '2016-01-01', validTo: null },
        form: { filingType: 'longTermResident', treatmentCity: '420700', startDate: '2026-12-10', phone: '13912345678' },
      },
    });
    const other = await office.submit({ siteCode: '420100-002', handlingCity: '420200', serviceId: 'WHMA-YB-01', personal: { applicant: { name: '李四' }, form: {} } });

    const op = new OfficePage(page, office.hub.url);
    await page.goto(`${office.hub.url}/office`);
    await expect(page.getByRole('heading', { name: '办件后台登录' })).toBeVisible();
    await page.getByLabel('用户名').fill(wuhan.name);
    await page.getByLabel('密码').fill('not-the-password');
    await page.getByRole('button', { name: '登录' }).click();
    await expect(page.getByRole('alert')).toHaveText('用户名或密码不正确。');
    await page.screenshot({ path: `${shots}/login.png` });
    const problems = await accessibilityProblems(page, 'login');

    await op.signIn(wuhan.name, wuhan.password);
    await expect(op.queueRow(submitted.caseNo)).toContainText('已收件');
    await expect(op.queueRow(submitted.caseNo)).toContainText('鄂州市');
    await expect(page.getByRole('link', { name: other.caseNo })).toHaveCount(0);
    await page.screenshot({ path: `${shots}/queue.png`, fullPage: true });
    problems.push(...(await accessibilityProblems(page, 'queue')));

    await op.openCase(submitted.caseNo);
    await expect(page.getByText('张三丰')).toHaveCount(0); // sealed until asked
    await op.openPersonal();
    await expect(page.getByTestId('personal')).toContainText('张三丰');
    await expect(page.getByTestId('personal')).toContainText('异地长期居住（含退休后异地安置）'); // the catalogue's label for the choice
    const opened = (await readAudit(office.db, { city: '420100' })).filter((e) => e.action === 'open');
    expect(opened).toEqual([expect.objectContaining({ operatorName: wuhan.name, caseNo: submitted.caseNo, applicationId: submitted.id })]);
    await page.screenshot({ path: `${shots}/case-opened.png`, fullPage: true });
    problems.push(...(await accessibilityProblems(page, 'case')));

    await op.move('accepted');
    await expect(page.getByRole('status')).toHaveText('状态已改为：已受理');
    // The personal part is closed again after the change: it is shown only in the answer to an audited opening.
    await expect(page.getByText('张三丰')).toHaveCount(0);
    await op.move('completed', '备案已生效，可在鄂州市定点医院直接结算');
    await expect(page.getByRole('row', { name: /已受理 → 已办结/ })).toContainText(wuhan.name);
    await page.screenshot({ path: `${shots}/case-completed.png`, fullPage: true });
    problems.push(...(await accessibilityProblems(page, 'completed case')));
    expect(problems).toEqual([]);
    await op.signOut();

    const theirs = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const theirPage = await theirs.newPage();
    const them = new OfficePage(theirPage, office.hub.url);
    await them.signIn(huangshi.name, huangshi.password);
    await expect(them.queueRow(other.caseNo)).toBeVisible();
    await theirPage.getByLabel('状态').selectOption('all');
    await theirPage.getByRole('button', { name: '筛选' }).click();
    await expect(theirPage.getByRole('link', { name: submitted.caseNo })).toHaveCount(0);
    const direct = await theirPage.goto(`${office.hub.url}/office/cases/${submitted.id}`);
    expect(direct?.status()).toBe(403);
    await expect(theirPage.getByRole('heading', { name: '无权查看' })).toBeVisible();
    await expect(theirPage.locator('body')).not.toContainText(submitted.caseNo);
    await theirPage.screenshot({ path: `${shots}/other-city-403.png` });
    await theirs.close();

    await page.goto(`${office.hub.url}/q/${submitted.receiptNo}`);
    await expect(page.locator('.big')).toHaveText('已办结');
  });
});
