// What bench/ui and bench/keyboard share: each click's latency, INP-like (from the event's time to the frame
// after all its handlers ran), recorded by an init script in the page; a blank page on loopback as the baseline.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';

/** Init script (runs in the page before its own scripts): records every click's latency in `__latencies`. */
export const recordClickLatencies = () => {
  const w = window as unknown as { __latencies: number[] };
  w.__latencies = [];
  addEventListener(
    'click',
    (event) => {
      const start = event.timeStamp;
      requestAnimationFrame(() => setTimeout(() => w.__latencies.push(performance.now() - start)));
    },
    true,
  );
};

export const clickLatencies = (page: Page): Promise<number[]> => page.evaluate(() => (window as unknown as { __latencies: number[] }).__latencies);
export const clearClickLatencies = (page: Page): Promise<void> => page.evaluate(() => void ((window as unknown as { __latencies: number[] }).__latencies = []));

/** Serves `html` on loopback: the blank page a bench compares with. */
export async function serveBlankPage(html: string): Promise<{ url: string; close: () => void }> {
  const server = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(html));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, close: () => server.close() };
}

export const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
export const p95 = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))]!;
