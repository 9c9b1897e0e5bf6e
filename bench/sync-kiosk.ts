// Enqueue benchmark (issue 5 §7), kiosk side: the latency of `enqueue` (KioskDb outbox store: draft check,
// receipt sequence, row add, one strict-durability transaction) in Chromium on real IndexedDB, against the
// floor measured in the same page and run: a raw IndexedDB put of the same row in a strict transaction.
// Prints medians, p95s and their ratios; aim: median ratio under 1.5.
//   npx tsx bench/sync-kiosk.ts [--rounds N] [--per-round N]
import { createServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';

const { values } = parseArgs({ options: { rounds: { type: 'string' }, 'per-round': { type: 'string' } } });
const rounds = Number(values.rounds ?? 10);
const perRound = Number(values['per-round'] ?? 50);

const entry = fileURLToPath(new URL('../tests/sync/helpers/enqueueBenchPage.ts', import.meta.url));
const bundle = await build({ entryPoints: [entry], bundle: true, format: 'iife', platform: 'browser', target: 'chrome120', write: false, minify: true });
const script = bundle.outputFiles[0]?.text ?? '';

// IndexedDB needs a real origin: a loopback server with an empty page and the bundle.
const server = createServer((request, response) => {
  if (request.url === '/bench.js') return response.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
  response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><meta charset="utf-8"><script src="/bench.js"></script>');
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const address = server.address();
const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;

/** What the page returns (tests/sync/helpers/enqueueBenchPage.ts; not imported: it is DOM code). */
interface BenchResult {
  rounds: { kiosk: number[]; raw: number[]; rawSameWork: number[] }[];
  kiosk: number[];
  raw: number[];
  rawSameWork: number[];
  persisted: boolean;
}

const profile = mkdtempSync(join(tmpdir(), 'sync-kiosk-bench-'));
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.KIOSK_CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update'],
});

const quantile = (samples: number[], q: number): number => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
};

try {
  const page = await browser.newPage();
  await page.goto(url);
  await page.waitForFunction(() => 'runEnqueueBench' in globalThis);
  // Warm-up: JIT, Dexie's first open, LevelDB's first files.
  await page.evaluate(() => (globalThis as unknown as { runEnqueueBench: (r: number, n: number) => Promise<unknown> }).runEnqueueBench(2, 20));
  const result = await page.evaluate(
    ([r, n]) => (globalThis as unknown as { runEnqueueBench: (r: number, n: number) => Promise<BenchResult> }).runEnqueueBench(r, n),
    [rounds, perRound] as const,
  );
  const line = (name: string, samples: number[]) =>
    `${name.padEnd(34)} n=${samples.length}  median ${quantile(samples, 0.5).toFixed(2)} ms  p95 ${quantile(samples, 0.95).toFixed(2)} ms`;
  console.log(`Chromium ${browser.browser()?.version() ?? '?'}; strict durability on both sides; ${rounds} interleaved rounds × ${perRound}`);
  console.log(line('raw IndexedDB put (floor)', result.raw));
  console.log(line('raw put + seq put, one tx (same work)', result.rawSameWork));
  console.log(line('KioskDb outbox enqueue', result.kiosk));
  const median = (samples: number[]) => quantile(samples, 0.5);
  // Within-round ratios first: the machine's load drifts between rounds, not inside one.
  const roundRatio = (floor: 'raw' | 'rawSameWork') => median(result.rounds.map((r) => median(r.kiosk) / median(r[floor])));
  const ratio = roundRatio('raw');
  console.log(`ratio vs raw put: median of per-round ratios ${ratio.toFixed(2)}; pooled median ${(median(result.kiosk) / median(result.raw)).toFixed(2)}, pooled p95 ${(quantile(result.kiosk, 0.95) / quantile(result.raw, 0.95)).toFixed(2)}; aim < 1.5: ${ratio < 1.5 ? 'met' : 'NOT met'}`);
  console.log(`ratio vs the same work done raw: median of per-round ratios ${roundRatio('rawSameWork').toFixed(2)} (what the draft check and the store's bookkeeping cost on their own)`);
  console.log(`storage persisted: ${result.persisted}`);
} finally {
  await browser.close();
  server.close();
  rmSync(profile, { recursive: true, force: true });
}
