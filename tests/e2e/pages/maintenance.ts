// Page object for maintenance mode: the hidden gesture, the PIN pad, the health panel.
import { expect } from '@playwright/test';
import type { Page } from '@playwright/test';
import { keyName } from '../../../renderer/components/keyboard/layouts';

export class MaintenancePage {
  constructor(readonly page: Page) {}

  /** Five taps in the top-left corner of the attract screen (docs/technician.md). */
  async open() {
    await expect(this.page.getByTestId('screen-attract')).toBeVisible();
    await expect(this.page.getByTestId('maintenance-corner')).toBeAttached();
    // Raw taps at the corner: a locator click waits for stability each time, and five of those can take more
    // than the gesture's 3 s on a loaded machine.
    for (let i = 0; i < 5; i++) await this.page.mouse.click(20, 20);
    await expect(this.page.getByTestId('screen-maintenance')).toBeVisible();
  }

  /** Types the PIN and waits for the host's answer: the message's answer count rises, or the panel opens. */
  async enterPin(pin: string, { opens = false } = {}) {
    const answers = Number(await this.message().getAttribute('data-answers'));
    for (const digit of pin) await this.page.getByTestId(`pin-${digit}`).click();
    await this.page.getByTestId('pin-enter').click();
    if (opens) await expect(this.page.getByTestId('maint-health')).toBeVisible();
    else await expect(this.message()).toHaveAttribute('data-answers', String(answers + 1));
  }

  /** Enters the PIN again while the host answers "try again in N s", until it takes the try. */
  async enterPinWhenAllowed(pin: string) {
    for (;;) {
      await this.enterPin(pin);
      if (!/^(Try again in|请 \d+ 秒后再试)/.test((await this.message().textContent()) ?? '')) return;
      await this.page.waitForTimeout(1000); // the host's delay is seconds long; poll it, do not guess it
    }
  }

  message() {
    return this.page.getByTestId('maint-message');
  }

  /** Clears `field` and types `text` on the on-screen keyboard, key by key as a technician would, then Done. */
  async typeInto(field: string, text: string) {
    await this.page.getByTestId(field).click();
    await expect(this.page.getByTestId('keyboard')).toBeVisible();
    await this.page.getByTestId('kbd-key-clear').click();
    for (const char of text) await this.page.getByTestId(`kbd-key-${keyName(char)}`).first().click();
    await expect(this.page.getByTestId(field)).toHaveValue(text);
    await this.page.getByTestId('kbd-done').click();
  }
}
