import { describe, expect, inject, it } from 'vitest';
import { newPage, pageErrors, screenshot, useBrowser } from '../browser';
import { pickOption, submitModal } from '../pages/antd';
import { ConsolePage } from '../pages/console';

const baseUrl = inject('baseUrl');
const browser = useBrowser();

describe('民意配置', () => {
  it('district staff add a category, rename a state, and find the triage queue', async () => {
    const { page, context } = await newPage(browser());
    const errors = pageErrors(page);
    const console = new ConsolePage(page, baseUrl);
    await console.login('district');
    await console.openScreen('民意配置');
    await expect.poll(() => console.tableRows('城乡建设').count()).toBeGreaterThan(0);

    // A new top-level category, then disabled again (it stays listed, marked 已停用).
    await console.button('新增一级分类').click();
    const modal = page.locator('.ant-modal').filter({ hasText: '新增一级分类' });
    await modal.getByLabel('分类编码').fill('WT');
    await modal.getByLabel('分类名称').fill('文体旅游');
    await submitModal(modal, '保存');
    const row = console.tableRows('文体旅游');
    await expect.poll(() => row.count()).toBe(1);
    await row.getByRole('button', { name: '停用' }).click();
    await expect.poll(() => row.getByText('已停用').isVisible()).toBe(true);

    // 状态名称: 不满意待审核 → 待审核决定, seen in the queue, then back to the system's name.
    await page.getByRole('tab', { name: '状态名称' }).click();
    const field = page.getByLabel('本级名称 不满意待审核');
    await field.fill('待审核决定');
    await console.button('保存状态名称').click();
    await expect.poll(() => page.getByText('已保存状态名称').isVisible()).toBe(true);
    await screenshot(page, 'console-opinion-config-states');

    await console.openScreen('民意受理');
    await pickOption(page, '阶段', '待评价');
    await expect.poll(() => console.tableRows('待审核决定').count()).toBeGreaterThan(0);
    await pickOption(page, '阶段', '待人工分派');
    await expect.poll(() => page.locator('.ant-table-tbody').isVisible()).toBe(true);

    await console.openScreen('民意配置');
    await page.getByRole('tab', { name: '状态名称' }).click();
    await page.getByLabel('本级名称 不满意待审核').fill('');
    await console.button('保存状态名称').click();
    await expect.poll(() => page.getByText('已保存状态名称').isVisible()).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });
});
