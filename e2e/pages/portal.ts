import type { Page } from 'playwright-core';

export class PortalPage {
  constructor(
    private readonly page: Page,
    private readonly baseUrl: string,
  ) {}

  async open(path = '/'): Promise<void> {
    await this.page.goto(`${this.baseUrl}${path}`);
  }

  /** On /me: types the phone number and asks for an SMS code. */
  async requestSmsCode(phone: string): Promise<void> {
    await this.page.getByLabel('手机号').fill(phone);
    await this.page.getByRole('button', { name: '获取验证码' }).click();
  }

  /** On /me: types the code from the SMS and signs in. */
  async signInWithCode(code: string): Promise<void> {
    await this.page.getByLabel('验证码', { exact: true }).fill(code);
    await this.page.getByRole('button', { name: '登录', exact: true }).click();
  }
}
