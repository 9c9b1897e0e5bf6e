// The back office (/office) as an operator uses it: sign in, the queue, a case, its buttons.
import { expect, type Page } from '@playwright/test';
import type { CaseStatus } from '../../../src/domain/caseStatus';

export class OfficePage {
  constructor(
    readonly page: Page,
    readonly hubUrl: string,
  ) {}

  async signIn(name: string, password: string) {
    await this.page.goto(`${this.hubUrl}/office`);
    await this.page.getByLabel('用户名').fill(name);
    await this.page.getByLabel('密码').fill(password);
    await this.page.getByRole('button', { name: '登录' }).click();
    await expect(this.page.getByRole('heading', { name: /办件队列/ })).toBeVisible();
  }

  queueRow(caseNo: string) {
    return this.page.getByRole('row').filter({ has: this.page.getByRole('link', { name: caseNo }) });
  }

  async openCase(caseNo: string) {
    await this.page.getByRole('link', { name: caseNo }).click();
    await expect(this.page.getByRole('heading', { name: `办件 ${caseNo}` })).toBeVisible();
  }

  status() {
    return this.page.getByTestId('case-status').locator('[data-case-status]');
  }

  async openPersonal() {
    await this.page.getByTestId('open-personal').click();
    await expect(this.page.getByTestId('personal')).toBeVisible();
  }

  /** Presses the button that moves the case to `to`, with a note; waits for the confirmation. */
  async move(to: CaseStatus, note = '') {
    const form = this.page.getByTestId(`transition-${to}`);
    if (note) await form.getByRole('textbox').fill(note);
    await form.getByRole('button').click();
    await expect(this.status()).toHaveAttribute('data-case-status', to);
  }

  async signOut() {
    await this.page.getByRole('button', { name: '退出登录' }).click();
    await expect(this.page.getByRole('heading', { name: '办件后台登录' })).toBeVisible();
  }
}
