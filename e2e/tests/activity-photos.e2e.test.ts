import type { Locator, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { newPage, pageErrors, screenshot, useBrowser } from '../browser';
import { pickOption, submitModal } from '../pages/antd';
import { ConsolePage } from '../pages/console';
import { staffSession } from '../pages/staff-api';

const baseUrl = inject('baseUrl');
const browser = useBrowser();
const TITLE = '调研老旧小区加装电梯进展（附照片）';

/** A real photo-sized JPEG drawn by the browser itself (a canvas), as a phone camera would give one. */
async function photo(page: Page, colour: string): Promise<Buffer> {
  const dataUrl = await page.evaluate((c) => {
    const canvas = document.createElement('canvas');
    canvas.width = 320;
    canvas.height = 240;
    const g = canvas.getContext('2d')!;
    g.fillStyle = c;
    g.fillRect(0, 0, 320, 240);
    g.fillStyle = '#fff';
    g.fillRect(40, 40, 120, 80);
    return canvas.toDataURL('image/jpeg', 0.9);
  }, colour);
  return Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
}

/** The thumbnail has really loaded (the server sent an image the browser could decode). */
const loaded = (img: Locator) =>
  expect
    .poll(() =>
      img.evaluate((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth),
    )
    .toBe(320);

describe('activity photos', () => {
  it('a deputy registers an activity with a photo, adds and removes one in the drawer; after confirmation they are fixed and it becomes a suggestion', async () => {
    // Desktop viewport: on a phone-sized one the registration modal overflows the workbench (not
    // about photos; noted in docs/modules/activities.md).
    const { page, context } = await newPage(browser());
    const errors = pageErrors(page);
    const deputy = new ConsolePage(page, baseUrl);
    await deputy.login('deputy1');
    await page.goto(`${baseUrl}/console/workbench`);
    const panel = page.locator('.ant-card').filter({ hasText: '我的履职' });
    await panel.getByRole('button', { name: '登记履职' }).click();
    const modal = page.getByRole('dialog').filter({ hasText: '登记我的履职活动' });
    // With the keyboard: a click on the dropdown can land while it is still moving in and be dropped.
    await pickOption(modal, '活动类型', '专题调研');
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    await modal.getByLabel('活动日期').fill(today);
    await modal.getByLabel('活动名称').fill(TITLE);
    await modal
      .getByLabel(/^活动照片/)
      .setInputFiles({ name: 'IMG_0101.jpg', mimeType: 'image/jpeg', buffer: await photo(page, '#c0392b') });
    await expect.poll(() => modal.getByRole('button', { name: '移除照片 IMG_0101.jpg' }).count()).toBe(1);
    await screenshot(page, 'activity-photos-form');
    await submitModal(modal, '提交');

    // The drawer shows the photo as a thumbnail, and the deputy may still add and remove.
    await panel.getByText(TITLE).first().click();
    const drawer = page.locator('.ant-drawer').filter({ hasText: TITLE });
    await loaded(drawer.getByAltText('活动照片 1'));
    await drawer
      .getByLabel('添加照片')
      .setInputFiles({ name: 'IMG_0102.jpg', mimeType: 'image/jpeg', buffer: await photo(page, '#2471a3') });
    await loaded(drawer.getByAltText('活动照片 2'));
    await screenshot(page, 'activity-photos-drawer');
    await drawer.getByRole('button', { name: '删除照片 1' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '删除' }).click();
    await expect.poll(() => drawer.getByAltText(/^活动照片/).count()).toBe(1);

    // A text file named .jpg is refused in Chinese; nothing is added.
    await drawer
      .getByLabel('添加照片')
      .setInputFiles({ name: 'note.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('这不是照片') });
    await expect.poll(() => drawer.getByText('照片只支持 JPEG、PNG、WebP 格式').isVisible()).toBe(true);
    expect(await drawer.getByAltText(/^活动照片/).count()).toBe(1);

    // Staff confirm it: the photo stays and the deputy can no longer change it.
    const district = await staffSession(baseUrl, 'district');
    const { items } = await district<{ items: Array<{ id: string; title: string }> }>(
      'GET',
      `/api/activities?status=pending&pageSize=200`,
    );
    const mine = items.find((a) => a.title === TITLE)!;
    await district('POST', `/api/activities/${mine.id}/review`, { confirm: true });
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
    await page.reload();
    await panel.getByText(TITLE).first().click();
    await loaded(drawer.getByAltText('活动照片 1'));
    await expect.poll(() => drawer.getByText('已确认').first().isVisible()).toBe(true);
    expect(await drawer.getByLabel('添加照片').count()).toBe(0);
    expect(await drawer.getByRole('button', { name: /^删除照片/ }).count()).toBe(0);

    // 视察转建议: the confirmed 专题调研 the deputy attended becomes a draft suggestion, linked both ways.
    await drawer.getByRole('button', { name: '转为代表建议' }).click();
    const convert = page.getByRole('dialog').filter({ hasText: '转为代表建议' });
    await expect.poll(() => convert.getByLabel('标题').inputValue()).toBe(`关于${TITLE}的建议`);
    await convert.getByLabel('类别').fill('城乡建设');
    await convert
      .getByLabel(/^内容/)
      .fill('调研发现加装电梯审批环节多、协调难，建议简化审批并设立专项补贴。');
    await convert.getByRole('button', { name: '保存草稿' }).click();
    await expect.poll(() => page.getByText('已转为代表建议草稿').first().isVisible()).toBe(true);
    const linked = drawer.getByRole('region', { name: '转化的代表建议' });
    await expect.poll(() => linked.getByText(`关于${TITLE}的建议`).isVisible()).toBe(true);
    await expect.poll(() => linked.getByText('草稿（联名中）').isVisible()).toBe(true);
    // Once only: the button is gone.
    expect(await drawer.getByRole('button', { name: '转为代表建议' }).count()).toBe(0);
    // The draft's drawer names its source.
    await linked.getByRole('link', { name: new RegExp(`关于${TITLE}的建议`) }).click();
    const source = page.locator('.ant-drawer').filter({ hasText: '来源' });
    await expect.poll(() => source.getByText(TITLE).first().isVisible()).toBe(true);
    await screenshot(page, 'suggestion-from-activity');
    expect(errors).toEqual([]);
    await context.close();
  });
});
