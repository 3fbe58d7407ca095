import { describe, expect, inject, it } from 'vitest';
import { newPage, pageErrors, screenshot, useBrowser } from '../browser';
import { ConsolePage } from '../pages/console';

const baseUrl = inject('baseUrl');
const browser = useBrowser();

describe('work calendar', () => {
  it('shows 2026 with its 248 working days and the Spring Festival', async () => {
    const { page, context } = await newPage(browser());
    const errors = pageErrors(page);
    const console = new ConsolePage(page, baseUrl);
    await console.login('admin');
    await console.openScreen('工作日历');
    const row2026 = page.locator('tr[data-row-key="2026"]');
    await expect.poll(() => row2026.isVisible()).toBe(true);
    expect(await row2026.textContent()).toContain('248 天');
    await row2026.click();
    await expect.poll(() => page.getByText('全年工作日 248 天', { exact: true }).isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('region', { name: '2026 年 2 月' }).isVisible()).toBe(true);
    const springFestival = page.getByTitle('2026-02-17 春节');
    await expect.poll(() => springFestival.isVisible()).toBe(true);
    expect(await springFestival.textContent()).toContain('休');
    await screenshot(page, 'console-calendar');
    expect(errors).toEqual([]);
    await context.close();
  });
});
