// The elder-first path (issue 16 §3), scripted from the attract screen to the printed receipt in 长辈模式:
// 异地就医备案 from 常办事项, no typing but the phone number, the 参保地 not offered again as 就医城市.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { startStack, type Stack } from './support/stack';
import { KioskPage, medicalItem } from './pages/kiosk';

test.describe('elder first', () => {
  test.describe.configure({ mode: 'serial' });
  let stack: Stack;
  test.beforeAll(async () => {
    stack = await startStack();
  });
  test.afterAll(async () => stack?.close());

  test('长辈模式 from the attract screen to a printed 异地就医备案 receipt', async ({ page }) => {
    const kiosk = new KioskPage(page);
    await page.goto(stack.kiosk.url);
    await expect(page.getByTestId('screen-attract')).toContainText('跨市通办');
    // This Chromium runs without speech-dispatcher (no --enable-speech-dispatcher), so it lists no voice, as a
    // kiosk whose speech-dispatcher hung would: 长辈模式 promises no voice and no 语音播报 is offered. With a
    // voice, both are there: voice.spec.ts.
    await expect(page.getByTestId('attract-elder')).toHaveText('长辈模式：大字、更多时间');
    await page.getByTestId('attract-elder').click();
    await expect(page.getByTestId('screen-home')).toBeVisible();
    await expect(page.locator('body')).toHaveClass(/elder/);
    await expect(page.getByTestId('toggle-elder')).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('toggle-voice')).toHaveCount(0);
    await expect(page.getByTestId('home-metro-area')).toHaveText('武汉都市圈 跨市通办');
    await expect(page.locator('[data-testid^="home-popular-"]')).toHaveCount(6);
    await expect(page.locator('[data-testid^="home-popular-"] svg')).toHaveCount(6);

    await page.getByTestId(`home-popular-${medicalItem}`).click();
    await expect(page.getByTestId('screen-guide')).toBeVisible();
    await page.getByTestId('guide-apply').click();
    await page.getByTestId('browse-city-420200').click(); // the 参保地: 黄石
    await expect(page.getByTestId('screen-consent')).toContainText('异地就医');
    await page.getByTestId('consent-agree').click(); // asked before the card is read
    await expect(page.getByTestId('identify-prompt')).toBeVisible();
    stack.insertCard('resident-hubei');
    await expect(page.getByTestId('screen-form')).toBeVisible();
    stack.removeCard();

    // 就医城市 never offers 黄石 again; the start date is a tile, not typed.
    await expect(page.getByTestId('form-option-treatmentCity-420200')).toHaveCount(0);
    await expect(page.getByTestId('form-option-treatmentCity-421100')).toBeVisible();
    await expect(page.locator('[data-testid^="form-option-startDate-"]').first()).toBeVisible();
    await kiosk.fillMedicalForm();
    await kiosk.submitForm();
    await expect(page.getByTestId('screen-receipt')).toBeVisible();
    await expect(page.getByTestId('receipt-print-state')).toHaveAttribute('data-state', 'printed', { timeout: 30_000 });
    const [job] = await stack.printer.waitForJobs(1);
    const printed = JSON.parse(readFileSync(job!.jsonPath, 'utf8')) as { lines: string[] };
    expect(printed.lines.join('\n')).toContain('异地就医');

    // The rating faces differ in colour and shape, not only in the curve of the mouth.
    await page.getByTestId('receipt-next').click();
    await expect(page.getByTestId('screen-rating')).toBeVisible();
    const fills = await page.locator('svg.face > circle:first-child').evaluateAll((circles) => circles.map((c) => c.getAttribute('fill')));
    expect(new Set(fills).size).toBe(5);
    await expect(page.locator('[data-face="verySatisfied"] path')).toHaveCount(2); // smiling eyes, open mouth
    await expect(page.locator('[data-face="veryDissatisfied"] path')).toHaveCount(2); // frowning brows, mouth

    // Big type without orphans: no label of the screen ends with a character alone on its last line.
    await page.getByTestId('rating-level-dissatisfied').click();
    const lastLines = await page.locator('[data-testid^="rating-"] span, .reason').evaluateAll((elements) =>
      elements.flatMap((element) => {
        const text = [...element.childNodes].find((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== '');
        if (!text) return [];
        const tops: number[] = [];
        for (let i = 0; i < text.textContent!.length; i++) {
          const range = document.createRange();
          range.setStart(text, i);
          range.setEnd(text, i + 1);
          tops.push(Math.round(range.getBoundingClientRect().top));
        }
        const lines = [...new Set(tops)];
        return lines.length > 1 ? [{ text: text.textContent!, last: tops.filter((t) => t === lines.at(-1)).length }] : [];
      }),
    );
    expect(lastLines.filter((l) => l.last < 2)).toEqual([]);
  });
});
