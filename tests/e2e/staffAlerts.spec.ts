// The staffed office hears of a resident who needs a person (issue 16 §2, §4), on real parts: the Chromium host,
// the ID-card reader simulator behind the real driver, and the hub on PGlite. 呼叫工作人员 in the 帮助 panel and a
// card left on the reader after the visit each become a kiosk event; the hub stores it, and the back office of
// the cabin's city (黄石, site 420200-001) lists both above its queue.
import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { hashPassword } from '../../hub/office/passwords';
import { addOperatorAudited } from '../../hub/routes/adminOffice';
import { KioskPage, medicalItem } from './pages/kiosk';
import { OfficePage } from './pages/office';
import { startStack, type Stack } from './support/stack';

const operator = { name: '黄石-值守-钱七', password: 'ci-cabin-watch-2026' };
const shots = 'docs/screens/office';
mkdirSync(shots, { recursive: true });

test.describe('calls for staff and cards left behind reach the back office', () => {
  let stack: Stack;
  test.beforeAll(async () => {
    stack = await startStack({ officeKey: true, countdownSeconds: 3 });
    await addOperatorAudited(stack.hub.db, { city: '420200', name: operator.name, passwordHash: await hashPassword(operator.password) }, new Date());
  });
  test.afterAll(async () => stack?.close());

  const eventKinds = async () => (await stack.hub.db.query<{ kind: string }>('SELECT kind FROM kiosk_events ORDER BY at')).rows.map((r) => r.kind);

  test('呼叫工作人员 and a card left on the reader are listed in the 黄石 back office', async ({ page, browser }) => {
    test.setTimeout(120_000);
    const kiosk = new KioskPage(page);
    await kiosk.start(stack.kiosk.url);
    // The panel says "sent" only to a kiosk that reaches the hub: wait for its first heartbeat.
    await expect.poll(async () => (await stack.hub.db.query('SELECT 1 FROM kiosks WHERE last_seen_at IS NOT NULL')).rows.length, { timeout: 30_000 }).toBe(1);

    await page.getByTestId('nav-help').click();
    await page.getByTestId('help-call-staff').click();
    await expect(page.getByTestId('help-call-outcome')).toHaveAttribute('data-outcome', 'sent');
    await expect(page.getByTestId('help-call-outcome')).toContainText('已向工作人员发出呼叫');
    await page.screenshot({ path: 'docs/screens/help-call-staff.png' });
    await expect.poll(eventKinds, { timeout: 15_000 }).toContain('kiosk.callStaff');
    // Tapping again is the same call, and the panel says so.
    await page.getByTestId('help-close').click();
    await page.getByTestId('nav-help').click();
    await page.getByTestId('help-call-staff').click();
    await expect(page.getByTestId('help-call-outcome')).toHaveAttribute('data-outcome', 'again');
    await page.getByTestId('help-close').click();

    // A visit ends with the card still on the reader, and nobody lifts it during the attract screen's reminder.
    await kiosk.openItemByCity('420200', medicalItem);
    await page.getByTestId('guide-apply').click();
    await page.getByTestId('consent-agree').click(); // asked before the card is read
    stack.insertCard('resident-hubei');
    await expect(page.getByTestId('screen-form')).toBeVisible();
    await page.getByTestId('nav-home').click();
    await page.getByTestId('finish').click();
    await expect(page.getByTestId('take-card-back')).toBeVisible();
    await expect.poll(eventKinds, { timeout: 20_000 }).toContain('card.leftBehind');
    stack.removeCard();
    expect((await eventKinds()).filter((k) => k === 'kiosk.callStaff')).toHaveLength(1);

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, hasTouch: false, locale: 'zh-CN' });
    const office = new OfficePage(await context.newPage(), stack.hub.url);
    await office.signIn(operator.name, operator.password);
    const alerts = office.page.getByTestId('site-alerts');
    await expect(alerts.locator('li[data-alert-kind="kiosk.callStaff"]')).toContainText('站点 420200-001：居民在政务小屋呼叫工作人员');
    await expect(alerts.locator('li[data-alert-kind="card.leftBehind"]')).toContainText('站点 420200-001：居民离开时身份证留在读卡器上');
    await office.page.screenshot({ path: `${shots}/site-alerts.png` });
    await context.close();
  });
});
