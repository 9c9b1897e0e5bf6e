// An accessibility scan (axe) of every resident screen, normal and elder mode: no serious or critical
// violation may remain.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { walkScreens } from './pages/walk';
import { startStack } from './support/stack';
import type { Stack } from './support/stack';

let stack: Stack;
test.beforeAll(async () => {
  // 30 s: long enough that an axe scan under load does not raise the countdown mid-walk (elder mode doubles it).
  stack = await startStack({ idleSeconds: 30, countdownSeconds: 30 });
});
test.afterAll(async () => stack?.close());

for (const elder of [false, true]) {
  test(`every screen passes axe${elder ? ' in elder mode' : ''}`, async ({ page }) => {
    test.setTimeout(180_000);
    const problems: string[] = [];
    await walkScreens(
      page,
      stack,
      async (screen) => {
        const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
        for (const v of result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')) {
          problems.push(`${screen}: ${v.id} (${v.impact}) — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
        }
      },
      { elder },
    );
    expect(problems).toEqual([]);
  });
}
