// bench/keyboard: the on-screen keyboard and its candidate bar on their own (issue 14 §2), against a blank page
// with one button per letter in the same Chromium run. The search screen's pinyin keyboard is the hot path: every
// letter re-segments the buffer, pages the candidates and searches the catalogue as the resident types.
//  1. A fast typist on glass, 10 taps a second: p95 from each tap's event time to the frame after its handlers.
//  2. Taps back to back, each sent as soon as the browser took the last: the taps a second the page keeps up with.
// After every word the keyboard's pinyin buffer must hold exactly the letters tapped: a dropped or reordered
// letter is counted, never hidden. Then the first candidate is tapped (the candidate bar's own path).
// Run: npx tsx bench/keyboard.ts [--rounds N]
import { parseArgs } from 'node:util';
import { chromium, expect } from '@playwright/test';
import type { Page } from '@playwright/test';
import { chromiumArgs } from '../tests/e2e/playwright.config';
import { startStack } from '../tests/e2e/support/stack';
import { clearClickLatencies, clickLatencies, p95, recordClickLatencies, serveBlankPage } from './support/taps';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '3' } } });
const rounds = Number(values.rounds);
const words = ['yibao', 'hukouqianyi', 'shebaoka', 'gongjijin', 'juzhuzheng', 'jiashizheng', 'shengyubaoxian', 'tuixiu'];
const cadenceMs = 100;

const letters = 'abcdefghijklmnopqrstuvwxyz';
const blankHtml = `<!doctype html><title>blank</title><div id="out" data-testid="kbd-buffer"></div>${[...letters]
  .map((l) => `<button data-testid="kbd-key-${l}" style="width:90px;height:90px" onclick="out.textContent+='${l}'">${l}</button>`)
  .join('')}<button data-testid="kbd-candidate-0" style="width:200px;height:90px" onclick="out.textContent=''">词</button><button data-testid="kbd-key-clear">清空</button>`;
const blank = await serveBlankPage(blankHtml);

interface Typed {
  latencies: number[];
  taps: number;
  ms: number;
  dropped: number;
}

/** Types every word (at `cadence` ms a tap, or back to back when 0), checks the buffer, then taps the first candidate. */
async function typeWords(page: Page, cadence: number): Promise<Typed> {
  const centre = async (testId: string) => {
    const box = (await page.getByTestId(testId).first().boundingBox())!;
    return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  };
  await clearClickLatencies(page);
  let dropped = 0;
  let taps = 0;
  let typingMs = 0;
  for (const word of words) {
    // Search results above the keyboard change with each committed word and may move it: keys are found anew.
    const keys = Object.fromEntries(await Promise.all([...letters].map(async (l) => [l, await centre(`kbd-key-${l}`)] as const)));
    const start = performance.now();
    for (const [i, letter] of [...word].entries()) {
      const due = start + i * cadence;
      if (cadence > 0 && performance.now() < due) await new Promise((r) => setTimeout(r, due - performance.now()));
      await page.mouse.click(keys[letter]!.x, keys[letter]!.y);
    }
    typingMs += performance.now() - start;
    taps += word.length;
    const buffer = page.getByTestId('kbd-buffer');
    await expect.poll(async () => (await buffer.textContent())!.replaceAll("'", ''), { timeout: 5000 }).toBe(word).catch(() => dropped++);
    const candidate = await centre('kbd-candidate-0');
    await page.mouse.click(candidate.x, candidate.y);
    await expect(buffer).toHaveText('');
    await page.getByTestId('kbd-key-clear').click(); // the search field holds 32 characters: each word starts afresh
  }
  await page.waitForTimeout(100);
  return { latencies: await clickLatencies(page), taps, ms: typingMs, dropped };
}

const browser = await chromium.launch({ executablePath: process.env.KIOSK_CHROMIUM ?? '/usr/bin/chromium', args: chromiumArgs });
const stack = await startStack({ idleSeconds: 600, countdownSeconds: 30 });
const open = async (url: string, kiosk: boolean): Promise<Page> => {
  const context = await browser.newContext({ viewport: { width: 1080, height: 1920 }, hasTouch: true });
  await context.addInitScript(recordClickLatencies);
  const page = await context.newPage();
  await page.goto(url);
  if (kiosk) {
    await page.getByTestId('screen-attract').click();
    await page.getByTestId('home-search').click();
    await expect(page.getByTestId('keyboard')).toBeVisible();
  }
  return page;
};

try {
  const results = { kiosk: { paced: [] as Typed[], fast: [] as Typed[] }, blank: { paced: [] as Typed[], fast: [] as Typed[] } };
  for (let round = 0; round < rounds; round++) {
    for (const which of ['blank', 'kiosk'] as const) {
      const page = await open(which === 'kiosk' ? stack.kiosk.url : blank.url, which === 'kiosk');
      results[which].paced.push(await typeWords(page, cadenceMs));
      results[which].fast.push(await typeWords(page, 0));
      await page.context().close();
    }
  }
  const sum = (ts: Typed[]) => ({
    p95: p95(ts.flatMap((t) => t.latencies)),
    perSecond: ts.reduce((n, t) => n + t.taps, 0) / (ts.reduce((n, t) => n + t.ms, 0) / 1000),
    dropped: ts.reduce((n, t) => n + t.dropped, 0),
    words: ts.length * words.length,
  });
  const k = { paced: sum(results.kiosk.paced), fast: sum(results.kiosk.fast) };
  const b = { paced: sum(results.blank.paced), fast: sum(results.blank.fast) };
  console.log(`bench/keyboard: ${rounds} rounds of ${words.length} pinyin words (${words.reduce((n, w) => n + w.length, 0)} letters), search screen, Chromium ${browser.version()}`);
  console.log(`tap latency at ${1000 / cadenceMs} taps/s (p95)                 ${k.paced.p95.toFixed(1).padStart(7)} ms  vs blank ${b.paced.p95.toFixed(1).padStart(6)} ms  ratio ${(k.paced.p95 / b.paced.p95).toFixed(2)}  (aim < 50 ms and ≤ 1.5)`);
  console.log(`tap latency back to back (p95)                  ${k.fast.p95.toFixed(1).padStart(7)} ms  vs blank ${b.fast.p95.toFixed(1).padStart(6)} ms  ratio ${(k.fast.p95 / b.fast.p95).toFixed(2)}`);
  console.log(`taps a second back to back                      ${k.fast.perSecond.toFixed(1).padStart(7)}     vs blank ${b.fast.perSecond.toFixed(1).padStart(6)}     ratio ${(k.fast.perSecond / b.fast.perSecond).toFixed(2)}`);
  console.log(`words with a dropped or wrong letter            ${k.paced.dropped + k.fast.dropped} of ${k.paced.words + k.fast.words} (blank ${b.paced.dropped + b.fast.dropped}; aim 0)`);
} finally {
  await stack.close();
  await browser.close();
  blank.close();
}
