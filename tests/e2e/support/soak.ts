// A resident visit after another through the real renderer, and what the page and the host hold between them:
// shared by the soak bench (bench/soak.ts, 10,000 visits) and its short variant in `npm test`
// (tests/e2e/soak.spec.ts). A visit is the whole journey with the simulators and the hub: attract → search →
// guide → consent → card → form → submit → receipt → rating → back to attract. Every tenth visit walks away at
// the guide and is ended by the idle wipe instead, so both ways a session ends are in the loop.
import { readFileSync } from 'node:fs';
import { expect } from '@playwright/test';
import type { CDPSession, Page } from '@playwright/test';
import { KioskPage, medicalItem } from '../pages/kiosk';
import type { Stack } from './stack';

/** The stack a soak needs: an idle rule short enough that the walked-away visits end soon, long enough that a
 * receipt printing on a loaded machine does not count as walking away. */
export const soakStackOptions = { idleSeconds: 10, countdownSeconds: 2 };

const device = { timeout: 20_000 };

/** How a visit ended: its receipt printed, the print failed (the resident still leaves with the number on screen), or walked away. */
export type VisitOutcome = 'printed' | 'printFailed' | 'walkedAway';

export async function residentVisit(page: Page, stack: Stack, visit: number): Promise<VisitOutcome> {
  const kiosk = new KioskPage(page);
  await page.getByTestId('screen-attract').click();
  await page.getByTestId('home-search').click();
  await page.locator('[data-testid="kbd-key-y"]').click();
  await page.locator('[data-testid="kbd-key-b"]').click();
  await page.getByTestId('nav-home').click();
  await kiosk.openItemByCity('420200', medicalItem);
  if (visit % 10 === 9) {
    // Walks away: the countdown, then the wipe back to the attract screen.
    await expect(page.getByTestId('screen-attract')).toBeVisible({ timeout: (soakStackOptions.idleSeconds + soakStackOptions.countdownSeconds + 10) * 1000 });
    return 'walkedAway';
  }
  await page.getByTestId('guide-apply').click();
  await page.getByTestId('consent-agree').click();
  await expect(page.getByTestId('identify-prompt')).toBeVisible();
  stack.insertCard('resident-hubei');
  await expect(page.getByTestId('screen-form')).toBeVisible(device);
  stack.removeCard();
  await kiosk.fillMedicalForm();
  await kiosk.submitForm();
  // A print that fails (the simulator answering late on a loaded machine) is a visit the kiosk handles, not the
  // end of a night's run: the resident goes on with the number on screen, and the bench counts it.
  const printState = page.getByTestId('receipt-print-state');
  await expect(printState).toHaveAttribute('data-state', /^(printed|failed|paperOut|unavailable)$/, device);
  const printed = (await printState.getAttribute('data-state')) === 'printed';
  await page.getByTestId('receipt-next').click();
  await page.getByTestId('rating-level-satisfied').click();
  await page.getByTestId('rating-submit').click();
  await page.getByTestId('rating-done').click();
  await expect(page.getByTestId('screen-attract')).toBeVisible();
  return printed ? 'printed' : 'printFailed';
}

export interface SoakSample {
  /** Visits done when the sample was taken. */
  visits: number;
  /** JS heap in use after a forced garbage collection. */
  heapBytes: number;
  nodes: number;
  listeners: number;
  /** What IndexedDB and the other site storage use (navigator.storage.estimate). */
  storageBytes: number;
  /** The kiosk host process's resident set. */
  hostRssBytes: number;
}

export interface SoakProbe {
  sample(visits: number): Promise<SoakSample>;
}

export async function createSoakProbe(page: Page, hostPid: number): Promise<SoakProbe> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  return {
    async sample(visits) {
      // Twice: what one collection frees can make more collectable (finalizers, weak maps).
      await cdp.send('HeapProfiler.collectGarbage');
      await cdp.send('HeapProfiler.collectGarbage');
      const { usedSize } = await cdp.send('Runtime.getHeapUsage');
      const counters = await cdp.send('Memory.getDOMCounters');
      const storageBytes = await page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
      const rssKb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${hostPid}/status`, 'utf8'))?.[1] ?? Number.NaN);
      return { visits, heapBytes: usedSize, nodes: counters.nodes, listeners: counters.jsEventListeners, storageBytes, hostRssBytes: rssKb * 1024 };
    },
  };
}

/**
 * Live JS objects and closures in the page by constructor or function name, from a heap snapshot taken after a
 * collection. A thing leaked once per visit (an actor never stopped, a subscription never ended) grows with the
 * visits here whatever it costs in bytes, which the heap total would hide among the JIT's compiled code.
 */
export async function countObjects(page: Page): Promise<Map<string, number>> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    const chunks: string[] = [];
    cdp.on('HeapProfiler.addHeapSnapshotChunk', ({ chunk }) => chunks.push(chunk));
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
    const snapshot = JSON.parse(chunks.join('')) as { snapshot: { meta: { node_fields: string[]; node_types: [string[]] } }; nodes: number[]; strings: string[] };
    const fields = snapshot.snapshot.meta.node_fields.length;
    const types = snapshot.snapshot.meta.node_types[0];
    const counts = new Map<string, number>();
    for (let i = 0; i < snapshot.nodes.length; i += fields) {
      const type = types[snapshot.nodes[i]!];
      if (type !== 'object' && type !== 'closure') continue;
      // V8 names its contexts after their scope's heap id (`system / Context / scope @123`), which changes when a
      // function is compiled again: counted together, or a recompile would look like growth.
      const key = `${type} ${snapshot.strings[snapshot.nodes[i + 1]!]!.replace(/ @\d+$/, '')}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return counts;
  } finally {
    await cdp.detach();
  }
}
