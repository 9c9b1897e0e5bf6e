// The page's lockdown (renderer/app/lockdown.ts, issue 15 §1) in Debian's Chromium with a real display: an Xvfb
// server of the test's own (display number chosen by Xvfb), a headed Chromium on it, the kiosk page from the
// Chromium host. Each gesture is made with Playwright's mouse, keyboard and touch input (CDP input events),
// and the test looks both at what the page did (the event was cancelled) and at what the resident would see
// (no selection, zoom unchanged). What this does NOT show: that the browser's own shortcuts ignore real key
// presses (CDP input does not reach browser accelerators), and the managed policy (DevTools, printing, file
// pickers), which lives in /etc: its names are checked in tests/electron/supervisorUnit.test.ts, its effects in
// a running Chromium in tests/electron/chromiumPolicy.test.ts (not with Playwright, which that policy locks out).
import { chromium, expect, test } from '@playwright/test';
import type { Browser, Page } from '@playwright/test';
import { chromiumArgs } from './playwright.config';
import { startKiosk } from './support/kioskHost';
import type { RunningKiosk } from './support/kioskHost';
import { startXvfb, type Xvfb } from './support/xvfb';

let xvfb: Xvfb;
let kiosk: RunningKiosk;
let browser: Browser;
let page: Page;

test.beforeAll(async () => {
  xvfb = await startXvfb();
  kiosk = await startKiosk();
  browser = await chromium.launch({ headless: false, executablePath: process.env.KIOSK_CHROMIUM ?? '/usr/bin/chromium', args: chromiumArgs, env: { ...process.env, DISPLAY: xvfb.display } });
  const context = await browser.newContext({ viewport: { width: 1080, height: 1920 }, hasTouch: true, locale: 'zh-CN' });
  page = await context.newPage();
  await page.goto(kiosk.url);
  await page.locator('#root *').first().waitFor();
  // Records, after every page handler ran (window, bubble phase, added last), whether each event was cancelled.
  await page.evaluate(() => {
    const seen: Record<string, boolean[]> = {};
    (window as unknown as { seen: typeof seen }).seen = seen;
    for (const type of ['contextmenu', 'selectstart', 'dragstart', 'drop', 'wheel', 'keydown']) window.addEventListener(type, (event) => (seen[type] ??= []).push(event.defaultPrevented), { passive: type !== 'wheel' });
  });
});

test.afterAll(async () => {
  await browser?.close();
  await kiosk?.stop();
  xvfb?.stop();
});

const seen = (type: string) => page.evaluate((t) => (window as unknown as { seen: Record<string, boolean[]> }).seen[t] ?? [], type);
const clearSeen = () => page.evaluate(() => Object.keys((window as unknown as { seen: object }).seen).forEach((k) => delete (window as unknown as { seen: Record<string, unknown> }).seen[k]));

test('runs headed on the Xvfb display', async () => {
  expect(xvfb.display).toMatch(/^:\d+$/);
  expect(await page.evaluate(() => navigator.webdriver && !/Headless/.test(navigator.userAgent))).toBe(true);
});

test('right-click and long-press menus are cancelled', async () => {
  await clearSeen();
  await page.mouse.click(300, 300, { button: 'right' });
  await page.locator('#root').dispatchEvent('contextmenu'); // what a long press sends
  expect(await seen('contextmenu')).toEqual([true, true]);
});

test('text outside fields cannot be selected; a field still can', async () => {
  // The stylesheet already says user-select: none on body; a screen that overrides it (guide text a resident
  // might want to copy) must still not be selectable, so the probe text asks for selection explicitly.
  await page.evaluate(() => {
    const probe = document.body.appendChild(document.createElement('p'));
    probe.id = 'select-probe';
    probe.textContent = '办理材料：居民身份证原件 application materials';
    Object.assign(probe.style, { userSelect: 'text', position: 'fixed', top: '20px', left: '20px', fontSize: '40px', zIndex: '9999', background: '#fff' });
  });
  await clearSeen();
  const box = (await page.locator('#select-probe').boundingBox())!;
  await page.mouse.move(box.x + 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width - 2, box.y + box.height / 2, { steps: 10 });
  await page.mouse.up();
  await page.locator('#select-probe').dblclick();
  expect(await page.evaluate(() => window.getSelection()!.toString())).toBe('');
  expect((await seen('selectstart')).length).toBeGreaterThan(0);
  expect((await seen('selectstart')).every(Boolean)).toBe(true);
  await page.evaluate(() => document.getElementById('select-probe')!.remove());

  await clearSeen();
  await page.evaluate(() => {
    const input = document.body.appendChild(document.createElement('input'));
    input.id = 'field-probe';
    input.value = 'Wuhan Jiangan district';
    Object.assign(input.style, { position: 'fixed', top: '200px', left: '20px', fontSize: '40px', width: '800px', zIndex: '9999' });
  });
  const field = (await page.locator('#field-probe').boundingBox())!;
  await page.mouse.move(field.x + 5, field.y + field.height / 2);
  await page.mouse.down();
  await page.mouse.move(field.x + field.width - 5, field.y + field.height / 2, { steps: 10 });
  await page.mouse.up();
  const selected = await page.evaluate(() => {
    const input = document.getElementById('field-probe') as HTMLInputElement;
    const length = input.selectionEnd! - input.selectionStart!;
    input.remove();
    return length;
  });
  expect(selected).toBeGreaterThan(10);
  expect((await seen('selectstart')).every((prevented) => !prevented)).toBe(true);
});

test('drag and drop is cancelled', async () => {
  await clearSeen();
  await page.evaluate(() => {
    const link = document.body.appendChild(document.createElement('a'));
    link.href = '#x';
    link.textContent = 'drag me';
    link.id = 'drag-probe';
    Object.assign(link.style, { position: 'fixed', top: '10px', left: '10px', fontSize: '40px', zIndex: '9999' });
  });
  await page.locator('#drag-probe').dragTo(page.locator('#root'), { targetPosition: { x: 500, y: 900 } });
  await page.locator('#root').dispatchEvent('drop');
  await page.evaluate(() => document.getElementById('drag-probe')!.remove());
  expect(await seen('dragstart')).toEqual([true]);
  expect((await seen('drop')).every(Boolean)).toBe(true);
});

test('Ctrl+wheel, Ctrl +/-/0 and pinch do not zoom', async () => {
  await clearSeen();
  const before = await page.evaluate(() => ({ ratio: window.devicePixelRatio, scale: window.visualViewport!.scale }));
  await page.mouse.move(540, 960);
  await page.keyboard.down('Control');
  await page.mouse.wheel(0, -300);
  await page.keyboard.up('Control');
  await page.keyboard.press('Control+Equal');
  await page.keyboard.press('Control+Minus');
  await page.keyboard.press('Control+0');
  await page.keyboard.press('Control+p');
  await page.keyboard.press('a'); // an ordinary key is left alone
  expect(await seen('wheel')).toEqual([true]);
  // Control alone (held for the wheel), then Control and the key of each chord, then 'a'.
  expect(await seen('keydown')).toEqual([false, false, true, false, true, false, true, false, true, false]);
  // A two-finger pinch, as the touch screen sends it.
  const cdp = await page.context().newCDPSession(page);
  const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', points: [number, number][]) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points.map(([x, y], id) => ({ x, y, id })) });
  await touch('touchStart', [[500, 900], [580, 1000]]);
  for (let step = 1; step <= 10; step++) await touch('touchMove', [[500 - step * 20, 900 - step * 20], [580 + step * 20, 1000 + step * 20]]);
  await touch('touchEnd', []);
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).touchAction)).toBe('pan-x pan-y');
  expect(await page.evaluate(() => ({ ratio: window.devicePixelRatio, scale: window.visualViewport!.scale }))).toEqual(before);
});
