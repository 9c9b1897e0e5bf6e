// bench/soak: a year of resident visits in one night. Runs the whole journey (tests/e2e/support/soak.ts) through
// the real renderer in Chromium, with the simulators and a hub, and samples every --every visits: the JS heap
// after a forced collection, DOM nodes, event listeners, site storage and the host's resident set. Prints the
// samples, the growth between visit 10 and the last (aim: heap < 2 MB, nodes and listeners flat) and writes a
// plot to docs/bench/soak.png. The baseline is the kiosk itself at visit 10, after the lazy chunks have loaded.
// Run: npx tsx bench/soak.ts [--visits 10000] [--every 500]   (about 2.5 s a visit on a 2-core machine)
// Sent SIGTERM (`kill <pid>` of the node process running this file), it finishes the visit under way, samples,
// and prints and plots what it has: a long run can be ended when the machine is needed.
import { mkdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { chromiumArgs } from '../tests/e2e/playwright.config';
import { startStack } from '../tests/e2e/support/stack';
import { createSoakProbe, residentVisit, soakStackOptions } from '../tests/e2e/support/soak';
import type { SoakSample } from '../tests/e2e/support/soak';

const { values } = parseArgs({ options: { visits: { type: 'string', default: process.env.KIOSK_SOAK_VISITS ?? '10000' }, every: { type: 'string', default: '500' }, plot: { type: 'string', default: 'docs/bench/soak.png' } } });
const visits = Number(values.visits);
const every = Math.min(Number(values.every), visits);
const baselineAt = Math.min(10, visits);

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(2);
const row = (s: SoakSample) => `${String(s.visits).padStart(7)} ${mb(s.heapBytes).padStart(9)} ${String(s.nodes).padStart(6)} ${String(s.listeners).padStart(9)} ${mb(s.storageBytes).padStart(10)} ${mb(s.hostRssBytes).padStart(9)}`;

/** A line chart per measure, drawn as SVG and photographed by the same Chromium. */
function plotHtml(samples: SoakSample[]): string {
  const series: [string, (s: SoakSample) => number, string][] = [
    ['renderer heap (MB)', (s) => s.heapBytes / 2 ** 20, '#1565c0'],
    ['host RSS (MB)', (s) => s.hostRssBytes / 2 ** 20, '#c62828'],
    ['site storage (MB)', (s) => s.storageBytes / 2 ** 20, '#2e7d32'],
    ['DOM nodes', (s) => s.nodes, '#6a1b9a'],
    ['event listeners', (s) => s.listeners, '#ef6c00'],
  ];
  const [w, h, pad] = [420, 220, 40];
  const maxX = samples[samples.length - 1]!.visits || 1;
  const charts = series.map(([label, value, color]) => {
    const ys = samples.map(value);
    const top = Math.max(...ys) * 1.1 || 1;
    const points = samples.map((s, i) => `${pad + ((w - 2 * pad) * s.visits) / maxX},${h - pad - ((h - 2 * pad) * ys[i]!) / top}`).join(' ');
    return `<svg width="${w}" height="${h}"><text x="${pad}" y="20" font-size="14">${label}: ${ys[0]!.toFixed(1)} → ${ys[ys.length - 1]!.toFixed(1)}</text>
      <line x1="${pad}" y1="${h - pad}" x2="${w - pad}" y2="${h - pad}" stroke="#999"/><line x1="${pad}" y1="${pad}" x2="${pad}" y2="${h - pad}" stroke="#999"/>
      <text x="${pad - 4}" y="${pad + 4}" font-size="11" text-anchor="end">${top < 10 ? top.toFixed(2) : top.toFixed(0)}</text><text x="${pad - 4}" y="${h - pad}" font-size="11" text-anchor="end">0</text>
      <text x="${w - pad}" y="${h - pad + 16}" font-size="11" text-anchor="end">${maxX} visits</text>
      <polyline fill="none" stroke="${color}" stroke-width="2" points="${points}"/></svg>`;
  });
  return `<!doctype html><body style="margin:8px;font-family:sans-serif;width:${2 * w + 16}px"><h3 style="margin:4px 0">bench/soak: ${maxX} resident visits</h3>${charts.join('')}</body>`;
}

// Playwright would close the browser on SIGTERM; this file ends the run itself.
const browser = await chromium.launch({ executablePath: process.env.KIOSK_CHROMIUM ?? '/usr/bin/chromium', args: chromiumArgs, handleSIGTERM: false });
const stack = await startStack(soakStackOptions);
try {
  const context = await browser.newContext({ viewport: { width: 1080, height: 1920 }, hasTouch: true, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(stack.kiosk.url);
  const probe = await createSoakProbe(page, stack.kiosk.pid);
  console.log(`bench/soak: ${visits} visits, a sample every ${every}, Chromium ${browser.version()}`);
  console.log(' visits   heap MB  nodes listeners storage MB host RSS MB');
  const samples: SoakSample[] = [];
  const take = async (done: number) => {
    const s = await probe.sample(done);
    samples.push(s);
    console.log(row(s));
  };
  let stopAsked = false;
  const stop = () => {
    console.log('stopping after this visit');
    stopAsked = true;
  };
  process.once('SIGTERM', stop);
  let printFailures = 0;
  for (let visit = 0; visit < visits; visit++) {
    if ((await residentVisit(page, stack, visit)) === 'printFailed') printFailures++;
    const done = visit + 1;
    if (done === baselineAt || done % every === 0 || done === visits || (stopAsked && done > baselineAt)) await take(done);
    if (stopAsked && done >= baselineAt) break;
  }
  const [first, last] = [samples[0]!, samples[samples.length - 1]!];
  const applications = last.visits - first.visits - Math.floor(last.visits / 10) + Math.floor(first.visits / 10);
  console.log(`receipts not printed: ${printFailures} (the visit went on with the number on screen)`);
  console.log(`growth from visit ${first.visits} to ${last.visits}: heap ${mb(last.heapBytes - first.heapBytes)} MB (aim < 2), nodes ${last.nodes - first.nodes}, listeners ${last.listeners - first.listeners} (aim 0), host RSS ${mb(last.hostRssBytes - first.hostRssBytes)} MB, storage ${((last.storageBytes - first.storageBytes) / Math.max(1, applications) / 1024).toFixed(1)} kB per application kept`);
  mkdirSync('docs/bench', { recursive: true });
  const plot = await context.newPage();
  await plot.setContent(plotHtml(samples));
  await plot.locator('body').screenshot({ path: values.plot });
  console.log(`plot: ${values.plot}`);
} finally {
  await stack.close();
  await browser.close();
}
