// bench/ui: how quickly the kiosk answers a resident, against a blank page in the same Chromium run.
//  1. Attract screen time to interactive: navigation start → the attract screen is in the DOM and takes a touch
//     (the page's prerendered markup, put up by a 5 kB entry, ADR 0019; a touch then is kept for the session), vs a blank page's load
//     event. Also when the kiosk is ready (bridge, store, catalogue and session up: the screen's test id turns
//     from screen-starting to screen-attract), on a fresh profile and on a kept one (a second start of the
//     page, as at every kiosk start after the first).
//  2. Interaction latency over the whole journey (INP-like, p95): for every click, the time from the event's
//     timestamp to the frame after all handlers ran (rAF + task), vs the same measure on a blank page's button.
// Run: npx tsx bench/ui.ts [--rounds N]
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import type { Page } from '@playwright/test';
import { chromiumArgs } from '../tests/e2e/playwright.config';
import { walkScreens } from '../tests/e2e/pages/walk';
import { e2eRendererDir } from '../tests/e2e/support/kioskHost';
import { startStack } from '../tests/e2e/support/stack';
import { clickLatencies, median, p95, recordClickLatencies, serveBlankPage } from './support/taps';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '5' } } });
const rounds = Number(values.rounds);

// Installed before any page script: marks when the first screen and the ready attract screen appear.
const markScreens = () => {
  const w = window as unknown as { __attractAt?: number; __readyAt?: number };
  new MutationObserver(() => {
    if (w.__attractAt === undefined && document.querySelector('[data-testid="screen-starting"], [data-testid="screen-attract"]')) w.__attractAt = performance.now();
    if (w.__readyAt === undefined && document.querySelector('[data-testid="screen-attract"]')) w.__readyAt = performance.now();
  }).observe(document, { childList: true, subtree: true });
};

const blank = await serveBlankPage('<!doctype html><title>blank</title><button id="b" style="width:200px;height:100px" onclick="this.textContent=String(Date.now())">tap</button>');

/** The bundle the measured page loads: the page, what it loads before the first screen, and what comes behind it. */
function bundleSizes(dir: string): string {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const atStart = new Set([...html.matchAll(/(?:src|href)="\.\/assets\/([^"]+\.js)"/g)].map((m) => m[1]!));
  const kB = (files: string[]) => {
    const bytes = files.map((f) => readFileSync(join(dir, 'assets', f)));
    return `${(bytes.reduce((n, b) => n + b.length, 0) / 1024).toFixed(0)} kB (gzip ${(bytes.reduce((n, b) => n + gzipSync(b).length, 0) / 1024).toFixed(0)} kB)`;
  };
  const js = readdirSync(join(dir, 'assets')).filter((f) => f.endsWith('.js'));
  const page = `${(Buffer.byteLength(html) / 1024).toFixed(0)} kB`;
  return `renderer: index.html ${page} (the first screens in it); JS before the first screen ${kB([...atStart])} in ${atStart.size} file(s); behind it (React, the kiosk, chunks on first use) ${kB(js.filter((f) => !atStart.has(f)))}`;
}

const browser = await chromium.launch({ executablePath: process.env.KIOSK_CHROMIUM ?? '/usr/bin/chromium', args: chromiumArgs });
const stack = await startStack({ idleSeconds: 600, countdownSeconds: 30 });
const fresh = async (): Promise<Page> => {
  const context = await browser.newContext({ viewport: { width: 1080, height: 1920 }, hasTouch: true });
  await context.addInitScript(markScreens);
  await context.addInitScript(recordClickLatencies);
  return context.newPage();
};

try {
  const blankLoad: number[] = [];
  const attract: number[] = [];
  const ready: number[] = [];
  const keptAttract: number[] = [];
  const keptReady: number[] = [];
  const blankClicks: number[] = [];
  const journeyClicks: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const b = await fresh();
    await b.goto(blank.url, { waitUntil: 'load' });
    blankLoad.push(await b.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd));
    for (let i = 0; i < 20; i++) await b.click('#b');
    await b.waitForTimeout(100);
    blankClicks.push(...(await clickLatencies(b)));
    await b.context().close();

    const k = await fresh();
    const start = async (into: { attract: number[]; ready: number[] }) => {
      await k.goto('about:blank'); // the kiosk URL differs only by its fragment: a goto from it would not load the page again
      await k.goto(stack.kiosk.url);
      const at = await (await k.waitForFunction(() => {
        const w = window as unknown as { __attractAt?: number; __readyAt?: number };
        return w.__readyAt !== undefined && [w.__attractAt, w.__readyAt];
      })).jsonValue() as [number, number];
      into.attract.push(at[0]);
      into.ready.push(at[1]);
    };
    await start({ attract, ready });
    await walkScreens(k, stack, async () => undefined, { idle: false });
    journeyClicks.push(...(await clickLatencies(k)));
    await start({ attract: keptAttract, ready: keptReady }); // the same profile again: its database and caches exist
    await k.context().close();
  }
  const row = (label: string, ours: number, base: number, aim = '') =>
    console.log(`${label.padEnd(46)} ${ours.toFixed(1).padStart(8)} ms  vs blank ${base.toFixed(1).padStart(7)} ms  ratio ${(ours / base).toFixed(2)}${aim && `  (aim ${aim})`}`);
  console.log(`bench/ui: ${rounds} rounds, ${journeyClicks.length} journey clicks, ${blankClicks.length} blank clicks, Chromium ${browser.version()}`);
  console.log(bundleSizes(e2eRendererDir));
  row('attract screen time to interactive (median)', median(attract), median(blankLoad), '≤ 3');
  row('  kiosk ready behind it (median)', median(ready), median(blankLoad));
  row('  the same on a kept profile (median)', median(keptAttract), median(blankLoad), '≤ 3');
  row('  kiosk ready on a kept profile (median)', median(keptReady), median(blankLoad));
  row('interaction latency over the journey (p95)', p95(journeyClicks), p95(blankClicks), '< 50 ms and ≤ 1.5');
} finally {
  await stack.close();
  await browser.close();
  blank.close();
}
