import { describe, expect, inject, it } from 'vitest';
import { newPage, screenshot, useBrowser } from '../browser';
import { ConsolePage } from '../pages/console';
import { PortalPage } from '../pages/portal';

const baseUrl = inject('baseUrl');
const browser = useBrowser();

describe('citizen portal', () => {
  it('opens on a phone and shows the district and its stations', async () => {
    const { page, context } = await newPage(browser(), { mobile: true });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await new PortalPage(page, baseUrl).open('/');
    await expect.poll(() => page.getByText('闵行区人大常委会').first().isVisible()).toBe(true);
    await screenshot(page, 'portal-home');
    await new PortalPage(page, baseUrl).open('/stations');
    await expect.poll(() => page.getByText('代表之家').first().isVisible()).toBe(true);
    await screenshot(page, 'portal-stations');
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('staff console', () => {
  it('logs in as district staff and sees the jurisdiction tree', async () => {
    const { page, context } = await newPage(browser());
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    const console = new ConsolePage(page, baseUrl);
    await console.login('district');
    await console.openMenu('行政区划');
    await expect.poll(() => page.getByRole('heading', { name: '行政区划' }).isVisible()).toBe(true);
    const tree = console.jurisdictionTree();
    await expect.poll(() => tree.getByText('闵行区').first().isVisible()).toBe(true);
    await expect.poll(() => tree.getByText('莘庄镇').first().isVisible()).toBe(true);
    await screenshot(page, 'console-jurisdictions');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows a clear Chinese error for a wrong password', async () => {
    const { page, context } = await newPage(browser());
    await page.goto(`${baseUrl}/console/login`);
    await page.getByLabel('用户名').fill('district');
    await page.getByLabel('密码', { exact: true }).fill('wrong-password');
    await page.getByRole('button', { name: '登录' }).click();
    await expect.poll(() => page.getByText('用户名或密码错误').first().isVisible()).toBe(true);
    await context.close();
  });
});
