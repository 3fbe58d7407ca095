import { describe, expect, inject, it } from 'vitest';
import { newPage, pageErrors, screenshot, useBrowser } from '../browser';
import { pickOption } from '../pages/antd';
import { ConsolePage } from '../pages/console';

const baseUrl = inject('baseUrl');
const browser = useBrowser();

describe('公益诉讼衔接', () => {
  it('procurator1 sees the clue handed to it, is refused 不予立案 without a reason, records 已受理', async () => {
    const { page, context } = await newPage(browser());
    const errors = pageErrors(page);
    const console = new ConsolePage(page, baseUrl);
    await console.login('procurator1');
    // A procuratorate-only account lands on its screen, not on the congress overview.
    await console.heading('公益诉讼衔接').waitFor();
    const row = console.tableRows('关于治理淀浦河支流黑臭水体的建议');
    await row.waitFor();
    await expect.poll(() => row.getByText('已移送检察机关（公益诉讼线索）').isVisible()).toBe(true);
    // Only its clue: the demo's other suggestions are not listed.
    expect(await console.tableRows().count()).toBe(1);
    await row.click();
    const drawer = page.locator('.ant-drawer');
    await drawer.getByRole('heading', { name: '反馈办理情况' }).waitFor();

    await pickOption(page, '办理情况', '不予立案');
    await console.button('提交反馈').click();
    await expect.poll(() => drawer.getByText('不予立案须填写理由（至少 2 个字）').isVisible()).toBe(true);

    await pickOption(page, '办理情况', '已受理');
    await page.getByLabel('说明').fill('已受理，正在调查核实。');
    await console.button('提交反馈').click();
    await expect.poll(() => drawer.getByText('检察机关已受理').first().isVisible()).toBe(true);
    await expect.poll(() => drawer.getByText(/检察机关反馈：检察机关已受理/).isVisible()).toBe(true);
    await expect.poll(() => drawer.getByText('已受理，正在调查核实。').first().isVisible()).toBe(true);
    await screenshot(page, 'console-pil-accepted');
    await page.keyboard.press('Escape');

    await page.getByRole('tab', { name: '检察建议' }).click();
    await expect.poll(() => console.tableRows('闵检行公建〔2026〕3号').isVisible()).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });
});
