// A rollback puts an older payload in front of a database a newer one upgraded (ADR 0009). The unit test
// (src/db/rollbackTolerance.test.ts) proves it on fake-indexeddb; this runs the same steps with the kiosk's real
// Dexie schema in Debian's Chromium, whose IndexedDB is the one a kiosk has: the older code opens the newer
// database, loses no row of either version, queues another, and the newer release later finds everything.
import { expect, test } from '@playwright/test';
import { build } from 'esbuild';
import { join } from 'node:path';
import { repoRoot } from './support/kioskHost';

test('an older payload opening a newer IndexedDB in Chromium keeps every row', async ({ page }) => {
  const bundled = await build({ entryPoints: [join(repoRoot, 'tests/e2e/support/rollbackDbPage.ts')], bundle: true, write: false, format: 'iife', platform: 'browser', target: 'chrome120', logLevel: 'silent' });
  const script = bundled.outputFiles[0]!.text;
  // A real http origin (IndexedDB needs one), served by the test itself: no kiosk host is involved.
  await page.route('http://rollback.kiosk.test/**', (route) =>
    route.fulfill({ contentType: 'text/html', body: `<!doctype html><meta charset="utf-8"><title>db rollback</title><script>${script.replace(/<\/script/gi, '<\\/script')}</script>` }),
  );
  await page.goto('http://rollback.kiosk.test/');
  type Steps = Record<'current' | 'next' | 'rolledBack' | 'nextAgain', () => Promise<unknown>>;
  const step = (name: keyof Steps) => page.evaluate((n) => (window as unknown as { rollbackDb: Steps }).rollbackDb[n](), name);

  const current = (await step('current')) as number;
  expect(await step('next')).toBe(current + 1);
  // Each release runs in its own page load, as after a restart into another slot.
  await page.reload();
  expect(await step('rolledBack')).toEqual({
    onDisk: (current + 1) * 10, // Dexie stores version × 10: opened at the newer on-disk version, not downgraded
    before: ['01890a5d-ac96-774b-bcce-b302099a8001', '01890a5d-ac96-774b-bcce-b302099a8002'],
    queued: 3,
  });
  await page.reload();
  expect(await step('nextAgain')).toEqual({ outbox: 3, notice: { id: 'n1', text: 'new in the next release' }, printed: 1 });
});
