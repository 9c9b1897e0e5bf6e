// Chromium on the kiosk host's own profile folder (`<dataDir>/chromium`), as the kiosk window uses it: the
// page's IndexedDB is the host's, kept across starts and on whatever disk holds the data folder.
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import type { BrowserContext, Page } from '@playwright/test';
import { chromiumArgs } from '../playwright.config';

export async function openKioskBrowser(dataDir: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await chromium.launchPersistentContext(join(dataDir, 'chromium'), {
    executablePath: process.env.KIOSK_CHROMIUM ?? '/usr/bin/chromium',
    args: chromiumArgs,
    viewport: { width: 1080, height: 1920 },
    hasTouch: true,
    locale: 'zh-CN',
  });
  return { context, page: context.pages()[0] ?? (await context.newPage()) };
}
