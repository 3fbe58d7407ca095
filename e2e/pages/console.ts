import type { Locator, Page } from 'playwright-core';

/** Page object for the staff console: what a person clicks, by visible labels. */
export class ConsolePage {
  constructor(
    private readonly page: Page,
    private readonly baseUrl: string,
  ) {}

  async login(username: string, password = 'Lianxin@2026', totp?: () => string): Promise<void> {
    await this.page.goto(`${this.baseUrl}/console/login`);
    await this.page.getByLabel('用户名').fill(username);
    await this.page.getByLabel('密码', { exact: true }).fill(password);
    await this.page.getByRole('button', { name: '登录' }).click();
    if (totp) {
      const field = this.page.getByLabel('动态验证码');
      await field.waitFor();
      await field.fill(totp());
      await this.page.getByRole('button', { name: '登录' }).click();
    }
    await this.page.waitForURL((u) => !u.pathname.endsWith('/login'));
  }

  async logout(): Promise<void> {
    await this.page.getByRole('button', { name: '退出登录' }).click();
    await this.page.waitForURL((u) => u.pathname.endsWith('/login'));
  }

  async openMenu(label: string): Promise<void> {
    await this.page.getByRole('menuitem', { name: label }).click();
  }

  /** Opens a screen from the menu and waits for its title. */
  async openScreen(label: string): Promise<void> {
    await this.openMenu(label);
    await this.heading(label).waitFor();
  }

  heading(name: string): Locator {
    return this.page.getByRole('heading', { name, exact: true });
  }

  /** A button by its text; antd puts the icon's name (e.g. "plus") before it in the accessible name. */
  button(name: string): Locator {
    const text = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return this.page.getByRole('button', { name: new RegExp(`(^|\\s)${text}$`) });
  }

  /** Body rows of the (first) data table on the screen that contain `text`. */
  tableRows(text?: string | RegExp): Locator {
    const rows = this.page.locator('.ant-table-tbody tr.ant-table-row');
    return text === undefined ? rows : rows.filter({ hasText: text });
  }

  jurisdictionTree() {
    return this.page.getByLabel('行政区划树');
  }
}
