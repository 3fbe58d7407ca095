import { describe, expect, inject, it } from 'vitest';
import { newPage, pageErrors, screenshot, useBrowser } from '../browser';
import { ConsolePage } from '../pages/console';

const baseUrl = inject('baseUrl');
const browser = useBrowser();

describe('group robots', () => {
  it('adds a WeCom robot and lists it with the key hidden', async () => {
    const { page, context } = await newPage(browser());
    const errors = pageErrors(page);
    const console = new ConsolePage(page, baseUrl);
    await console.login('admin');
    await console.openScreen('群机器人');
    await console.button('添加机器人').click();
    const dialog = page.getByRole('dialog', { name: '添加群机器人' });
    await dialog.waitFor();
    await dialog.getByLabel('名称').fill('代表联络工作群');
    // Plain http is refused by the server; its field message appears under the form.
    await dialog.getByLabel('Webhook 地址').fill('http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=e2e');
    await dialog.getByRole('button', { name: '添加' }).click();
    await expect
      .poll(() => dialog.getByText('请填写以 https:// 开头的完整地址').first().isVisible())
      .toBe(true);
    await screenshot(page, 'console-webhooks-invalid');

    await dialog
      .getByLabel('Webhook 地址')
      .fill('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=e2e-secret-key-0001');
    await dialog.getByRole('button', { name: '添加' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);

    const row = console.tableRows('代表联络工作群');
    await expect.poll(() => row.count()).toBe(1);
    const text = (await row.textContent()) ?? '';
    expect(text).toContain('企业微信群机器人');
    expect(text).toContain('https://qyapi.weixin.qq.com/…');
    expect(text).not.toContain('e2e-secret-key');
    expect(text).toContain('启用');
    await screenshot(page, 'console-webhooks');

    await row.getByRole('button', { name: '停用' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '停用' }).click();
    await expect.poll(async () => ((await row.textContent()) ?? '').includes('已停用')).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });
});
