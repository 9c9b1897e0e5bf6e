// Page object for the field-staff update panel in maintenance mode (renderer/screens/maintenance/UpdatePanel.tsx).
import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

export class UpdatePanelPage {
  constructor(readonly page: Page) {}

  panel(): Locator {
    return this.page.getByTestId('update-panel');
  }

  bundle(name: string): Locator {
    return this.page.locator(`[data-testid="update-bundle"][data-name="${name}"]`);
  }

  /** Looks at the stick again and waits until `name` is listed. */
  async scan(name: string) {
    await this.page.getByTestId('update-scan').click();
    await expect(this.bundle(name)).toBeVisible();
  }

  async install(name: string) {
    await this.bundle(name).getByTestId('update-install').click();
  }

  result(): Locator {
    return this.page.getByTestId('update-result');
  }

  installed(): Locator {
    return this.page.getByTestId('update-installed');
  }
}
