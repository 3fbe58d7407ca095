import type { Page } from 'playwright-core';

/** Page object for the staff console: what a person clicks, by visible labels. */
export class ConsolePage {
  constructor(
    private readonly page: Page,
    private readonly baseUrl: string,
  ) {}

  async login(username: string, password = 'Lianxin@2026'): Promise<void> {
    await this.page.goto(`${this.baseUrl}/console/login`);
    await this.page.getByLabel('用户名').fill(username);
    await this.page.getByLabel('密码', { exact: true }).fill(password);
    await this.page.getByRole('button', { name: '登录' }).click();
    await this.page.waitForURL((u) => !u.pathname.endsWith('/login'));
  }

  async openMenu(label: string): Promise<void> {
    await this.page.getByRole('menuitem', { name: label }).click();
  }

  jurisdictionTree() {
    return this.page.getByLabel('行政区划树');
  }
}
