// The deb's Chromium managed policy (docs/build/chromium-policy.json, installed to
// /etc/chromium/policies/managed/zhengwu-kiosk.json) applied by a running Chromium (issue 15 §1). Chromium is
// launched as the Chromium host launches it (kiosk flags, the file:// launch page that forwards to the kiosk's
// http://127.0.0.1 page), headed on an Xvfb of the test's own (headless Chromium fires beforeprint even with
// printing off), once with the machine's /etc/chromium and once with the deb's file added, each in a private
// mount namespace so that no other browser on the machine sees it. The same probe page must come out
// differently: that difference is the policy. Checked here: URLBlocklist/URLAllowlist, PrintingEnabled,
// DeveloperToolsAvailability. Not observable here: AllowFileSelectionDialogs (a file picker opens only on a
// real user gesture, and DevTools input is refused by the same policy). Playwright cannot drive this Chromium
// (IncognitoModeAvailability 1 refuses its new contexts, DeveloperToolsAvailability 2 its page sessions), so
// the page reports to its own server and the test looks through the browser-wide DevTools endpoint.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startXvfb, type Xvfb } from '../e2e/support/xvfb';
import { root } from './builtShell';
import { launchWithPolicy, policyDir, viewThroughDevTools } from './policyChromium';
import { startPolicyProbe } from './policyProbe';

const shippedPolicy = join(root, 'docs/build/chromium-policy.json');
const machineEtc = (): string[] => readdirSync(policyDir, { recursive: true, encoding: 'utf8' }).sort();

describe('Chromium managed policy shipped in the deb, in a running Chromium', () => {
  const etcBefore = machineEtc();
  let xvfb: Xvfb;

  beforeAll(async () => {
    xvfb = await startXvfb();
  });
  afterAll(() => xvfb?.stop());

  /** Opens the probe page through the launch page, waits until it has tried everything, and looks. */
  async function visit(policyFile?: string) {
    const probe = await startPolicyProbe();
    const chromium = launchWithPolicy(probe.url, { policyFile, display: xvfb.display });
    try {
      if (!(await probe.reported('printAsked', 40_000))) throw new Error(`probe page never got to print; requests: ${probe.requests.join(', ')}`);
      // Chromium fires beforeprint within tens of milliseconds when printing is on; 3 s is the margin for absence.
      await probe.reported('beforeprint', 3000);
      const devTools = await viewThroughDevTools(await chromium.devToolsPort(), probe.url);
      return { outsideRequested: probe.requests.some((request) => request.endsWith(' /outside')), reports: probe.reports, devTools };
    } finally {
      await chromium.stop();
      await probe.close();
    }
  }

  it('without it, the same Chromium loads another origin, opens print preview and lets DevTools attach', async () => {
    const seen = await visit();
    expect([...seen.reports]).toEqual(expect.arrayContaining(['loaded', 'outsideDone', 'printAsked', 'beforeprint']));
    expect(seen.outsideRequested).toBe(true);
    expect(seen.devTools.targetUrls.some((url) => url.startsWith('chrome://print'))).toBe(true);
    expect(seen.devTools.attachToPage).toBe('attached');
  }, 60_000);

  it('with it, the kiosk page loads but another origin is never requested, print does nothing and DevTools is refused', async () => {
    const seen = await visit(shippedPolicy);
    expect(seen.reports.has('loaded')).toBe(true); // through file:// (the launch page) to http://127.0.0.1
    expect(seen.reports.has('printAsked')).toBe(true); // after the frame's load event (its error page)
    expect(seen.outsideRequested).toBe(false);
    expect(seen.reports.has('beforeprint')).toBe(false);
    expect(seen.devTools.targetUrls.some((url) => url.startsWith('chrome://print'))).toBe(false);
    expect(seen.devTools.attachToPage).toBe('Not allowed');
  }, 60_000);

  it("leaves the machine's /etc/chromium as it was", () => {
    expect(machineEtc()).toEqual(etcBefore);
  });
});
