import { describe, expect, inject, it } from 'vitest';
import { newPage, pageErrors, screenshot, useBrowser } from '../browser';
import { pickOption, submitModal } from '../pages/antd';
import { ConsolePage } from '../pages/console';

const baseUrl = inject('baseUrl');
const browser = useBrowser();

describe('staff and deputy intake channels', () => {
  it('a deputy’s 民情笔记 from the workbench reaches the street staff’s 民意受理 queue', async () => {
    const { context, page } = await newPage(browser());
    const errors = pageErrors(page);
    const deputy = new ConsolePage(page, baseUrl);
    await deputy.login('deputy1');
    await deputy.openScreen('代表工作台');
    const note = page.getByRole('form', { name: '民情笔记' });
    await note.waitFor();

    // 使用我的位置 from a phone in Beijing: refused, in Chinese, and the street can be picked instead.
    await context.grantPermissions(['geolocation'], { origin: baseUrl });
    await context.setGeolocation({ latitude: 39.9087, longitude: 116.3975 });
    await note.getByRole('button', { name: /使用我的位置/ }).click();
    await expect.poll(() => note.getByRole('alert').first().textContent()).toContain('不在本区范围内');

    await note.getByLabel('所在街道').selectOption({ label: '莘庄镇' });
    await note.getByLabel('标题').fill('菜场周边早市占道经营');
    await note
      .getByLabel('群众反映的问题')
      .fill('走访莘庄镇居民时，多位居民反映菜场周边早市占道经营，早高峰通行困难，希望加强管理。');
    await note.getByRole('button', { name: '提交民情笔记' }).click();
    let trackingNo = '';
    await expect
      .poll(async () => {
        const text = (await note.textContent()) ?? '';
        trackingNo = text.match(/受理编号 (MY\d{14})/)?.[1] ?? '';
        return trackingNo;
      })
      .toMatch(/^MY\d{14}$/);
    await screenshot(page, 'workbench-field-note');
    expect(errors).toEqual([]);
    await context.close();

    // 莘庄镇's staff find it in 民意受理, from 民情笔记, addressed to the deputy.
    const staff = await newPage(browser());
    const town = new ConsolePage(staff.page, baseUrl);
    await town.login('xinzhuang');
    await town.openScreen('民意受理');
    await expect.poll(() => town.tableRows(trackingNo).count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => town.tableRows(trackingNo).first().textContent()).toContain('民情笔记');
    await town.tableRows(trackingNo).first().click();
    const drawer = staff.page.locator('.ant-drawer');
    await expect.poll(() => drawer.getByText('菜场周边早市占道经营').first().isVisible()).toBe(true);
    await expect.poll(() => drawer.getByText(/代表$/).first().isVisible()).toBe(true);
    await screenshot(staff.page, 'console-field-note');
    await staff.context.close();
  });

  it('street staff record a walk-in at their station with 登记来访民意, then correct its location', async () => {
    const { context, page } = await newPage(browser());
    const errors = pageErrors(page);
    const town = new ConsolePage(page, baseUrl);
    await town.login('xinzhuang');
    await town.openScreen('民意受理');
    await town.button('登记来访民意').click();
    const modal = page.getByRole('dialog', { name: '登记来访民意' });
    await modal.waitFor();
    const station = (await page.evaluate(async () => {
      const r = await fetch('/api/receptions/stations');
      return ((await r.json()) as { items: Array<{ name: string }> }).items[0]!.name;
    })) as string;
    await pickOption(modal, '接待站点', station);
    await modal.getByLabel('标题').fill('楼道堆物影响消防通道');
    await modal.getByLabel('反映内容').fill('三楼住户在楼道长期堆放旧家具，堵塞消防通道，多次劝说无果。');
    await modal.getByLabel('群众姓名（可不填）').fill('钱多多');
    await submitModal(modal, '登记');
    const drawer = page.locator('.ant-drawer');
    await expect.poll(() => drawer.getByText('楼道堆物影响消防通道').first().isVisible()).toBe(true);
    await expect.poll(() => drawer.getByText('现场接待').first().isVisible()).toBe(true);
    await expect.poll(() => drawer.getByText('钱*').first().isVisible()).toBe(true);
    await screenshot(page, 'console-walk-in');

    // 改正位置: the community was wrong; staff move it to the street as a whole, with a reason.
    await drawer.getByRole('button', { name: '改正位置' }).click();
    const fix = page.getByRole('dialog', { name: '改正位置' });
    await fix.waitFor();
    const where = fix.getByLabel('正确的街镇/社区/网格');
    await where.focus();
    await where.pressSequentially('莘庄镇');
    await page
      .locator('.ant-select-dropdown:visible .ant-select-tree-node-content-wrapper[title="莘庄镇"]')
      .first()
      .waitFor();
    await where.press('Enter');
    await expect.poll(() => fix.locator('.ant-select').first().textContent()).toContain('莘庄镇');
    await fix.getByLabel('改正理由').fill('电话回访核实，群众不确定所在社区');
    await submitModal(fix, '确认改正');
    await expect.poll(() => drawer.getByText('改正位置').nth(1).isVisible()).toBe(true);
    await expect
      .poll(() =>
        drawer
          .getByText(/电话回访核实/)
          .first()
          .isVisible(),
      )
      .toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });
});
