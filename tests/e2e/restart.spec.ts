// A restart of the Chromium host keeps the queue (issue 10, ADR 0005), on real parts: Debian's Chromium on
// the host's own profile folder, the host as its own process, the simulators and the hub. Applications are
// queued while the hub is down; the host (and its browser) stop and start again on the same data folder; the
// hub comes back: every application arrives exactly once and "my applications" still lists them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { WebSocket } from 'ws';
import { freePort } from '../support/freePort';
import { KioskPage, medicalItem } from './pages/kiosk';
import { openKioskBrowser } from './support/kioskBrowser';
import { startStack } from './support/stack';
import type { Stack } from './support/stack';

let stack: Stack;
test.beforeEach(async () => {
  stack = await startStack();
});
test.afterEach(async () => stack?.close());


async function applyForMedical(kiosk: KioskPage): Promise<string> {
  await kiosk.page.goto('about:blank'); // the same URL again would only move to its fragment, not load the page
  await kiosk.start(stack.kiosk.url);
  await kiosk.openItemByCity('420200', medicalItem);
  await kiosk.page.getByTestId('guide-apply').click();
  await kiosk.page.getByTestId('consent-agree').click(); // asked before the card is read
  stack.insertCard('resident-hubei');
  await expect(kiosk.page.getByTestId('screen-form')).toBeVisible({ timeout: 20_000 });
  stack.removeCard();
  await kiosk.fillMedicalForm();
  await kiosk.submitForm();
  await expect(kiosk.page.getByTestId('screen-receipt')).toBeVisible();
  return (await kiosk.receiptNo())!;
}

const kioskCount = async () => Number((await stack.hub.db.query<{ n: string }>('SELECT count(*) AS n FROM kiosks WHERE last_seen_at IS NOT NULL')).rows[0]!.n);

test('queued with the hub down, host restarted, hub back: each application arrives once and stays in my applications', async () => {
  test.setTimeout(360_000); // two UI applications and a hub heartbeat period (60 s) on a shared, loaded machine
  await expect.poll(kioskCount, { timeout: 30_000 }).toBe(1); // enrolled, and heard from once
  await stack.stopHub();

  let { context, page } = await openKioskBrowser(stack.kiosk.dataDir);
  const receipts = [await applyForMedical(new KioskPage(page)), await applyForMedical(new KioskPage(page))];
  expect(new Set(receipts).size).toBe(2);
  // The host granted the origin durable storage in the profile before the browser started (ADR 0005).
  expect(await page.evaluate(() => navigator.storage.persisted())).toBe(true);
  await context.close();

  const originBefore = new URL(stack.kiosk.url).origin;
  await stack.restartKiosk();
  expect(new URL(stack.kiosk.url).origin).toBe(originBefore);
  ({ context, page } = await openKioskBrowser(stack.kiosk.dataDir));
  try {
    const kiosk = new KioskPage(page);
    await kiosk.start(stack.kiosk.url);
    await stack.startHub();

    const arrived = async () =>
      (await stack.hub.db.query<{ receipt_no: string; n: string }>('SELECT receipt_no, count(*) AS n FROM applications GROUP BY receipt_no ORDER BY receipt_no')).rows.map((r) => [r.receipt_no, Number(r.n)]);
    await expect.poll(arrived, { timeout: 150_000 }).toEqual(receipts.sort().map((r) => [r, 1]));

    await page.getByTestId('home-myApplications').click();
    await expect(page.getByTestId('screen-my-applications')).toBeVisible();
    stack.insertCard('resident-hubei');
    for (const receipt of receipts) await expect(page.getByTestId(`my-app-${receipt}`)).toBeVisible({ timeout: 20_000 });
    stack.removeCard();
  } finally {
    await context.close();
  }
});

/** One bridge call from outside the page (the test's own socket, while no page is connected). */
async function callBridge(url: string, method: string): Promise<unknown> {
  const { origin, hash } = new URL(url);
  const ws = new WebSocket(`${origin.replace('http', 'ws')}/bridge?s=${hash.replace('#s=', '')}`, { origin });
  await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)));
  ws.send(JSON.stringify({ id: 1, method, input: {} }));
  const answer = await new Promise<string>((resolve) => ws.on('message', (data) => !String(data).includes('"event"') && resolve(String(data))));
  ws.close();
  return (JSON.parse(answer) as { result: unknown }).result;
}

test('a kiosk that ran on another port before the fix: the orphaned queue is reported to the technician and the hub', async () => {
  test.setTimeout(180_000);
  // As before the fix: the kiosk ran on some port and queued an application there while the hub was down.
  await expect.poll(kioskCount, { timeout: 30_000 }).toBe(1);
  await stack.stopHub();
  const oldPort = stack.kiosk.port;
  const { context, page } = await openKioskBrowser(stack.kiosk.dataDir);
  await applyForMedical(new KioskPage(page));
  await context.close();

  // The fixed host starts on its configured port with the same data folder, the hub reachable.
  await stack.startHub();
  await stack.restartKiosk({ port: await freePort() });
  expect(stack.kiosk.port).not.toBe(oldPort);

  const info = (await callBridge(stack.kiosk.url, 'app.info')) as { ok: boolean; value: { storage?: { orphanedOrigins: { port: number; bytes: number }[] } } };
  expect(info.ok).toBe(true);
  expect(info.value.storage?.orphanedOrigins.map((o) => o.port)).toEqual([oldPort]);
  expect(info.value.storage?.orphanedOrigins[0]!.bytes).toBeGreaterThan(0);

  const log = readFileSync(join(stack.kiosk.dataDir, 'logs', 'kiosk.log'), 'utf8');
  expect(log).toMatch(new RegExp(`browser storage of older origins found.*"ports":\\[${oldPort}\\]`));

  const heartbeat = async () =>
    (await stack.hub.db.query<{ last_heartbeat: { devices?: Record<string, { status: string; detail?: string }> } | null }>('SELECT last_heartbeat FROM kiosks')).rows[0]?.last_heartbeat?.devices?.storage;
  await expect.poll(heartbeat, { timeout: 30_000 }).toMatchObject({ status: 'degraded', detail: expect.stringContaining(`ports=${oldPort}`) });
});
