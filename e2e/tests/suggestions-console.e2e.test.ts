import { describe, expect, inject, it } from 'vitest';
import { newPage, pageErrors, screenshot, useBrowser } from '../browser';
import { pickOption, submitModal } from '../pages/antd';
import { ConsolePage } from '../pages/console';
import { staffSession } from '../pages/staff-api';

const baseUrl = inject('baseUrl');
const browser = useBrowser();

interface Row {
  id: string;
  trackingNo: string;
  title: string;
}

describe('suggestions in the console', () => {
  it('民意转建议: deputy1 converts an opinion they received; the draft names its source', async () => {
    // An opinion the demo addressed to deputy1 and not converted yet.
    const api = await staffSession(baseUrl, 'deputy1');
    const { items } = await api<{ items: Row[] }>('GET', '/api/opinions?view=deputy&pageSize=100');
    let opinion: Row | undefined;
    for (const o of items) {
      const r = await api<{ convertible: boolean }>('GET', `/api/suggestions/from-opinion/${o.id}`);
      if (r.convertible) {
        opinion = o;
        break;
      }
    }
    expect(opinion).toBeDefined();
    const { page, context } = await newPage(browser());
    const errors = pageErrors(page);
    const deputy = new ConsolePage(page, baseUrl);
    await deputy.login('deputy1');
    await deputy.openScreen('我收到的民意');
    await page.goto(`${baseUrl}/console/opinions-received?open=${opinion!.id}`);
    const drawer = page.locator('.ant-drawer').filter({ hasText: opinion!.trackingNo });
    await drawer.getByRole('button', { name: '转为代表建议' }).click();
    // The drawer is a dialog too: the modal is the one with 保存草稿.
    const convert = page.getByRole('dialog').filter({ hasText: '保存草稿' });
    const title = `关于${opinion!.title}的建议`.slice(0, 80);
    await expect.poll(() => convert.getByLabel('标题').inputValue()).toBe(title);
    await expect.poll(() => convert.getByText('请删去群众的姓名').isVisible()).toBe(true);
    await convert.getByLabel('类别').fill('社会治理');
    await convert
      .getByLabel(/^内容/)
      .fill('群众反映的问题具有普遍性，建议有关部门统筹研究，建立长效机制，切实解决群众急难愁盼问题。');
    await submitModal(convert, '保存草稿');
    const linked = drawer.getByRole('region', { name: '转化的代表建议' });
    await expect.poll(() => linked.getByText(title).isVisible()).toBe(true);
    await expect.poll(() => linked.getByText('草稿（联名中）').isVisible()).toBe(true);
    // Once only.
    expect(await drawer.getByRole('button', { name: '转为代表建议' }).count()).toBe(0);
    // The draft's drawer names the opinion it came from.
    await linked
      .getByRole('link', { name: new RegExp(title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) })
      .click();
    const source = page.locator('.ant-drawer').filter({ hasText: '来源民意' });
    await expect.poll(() => source.getByText(opinion!.trackingNo).first().isVisible()).toBe(true);
    await screenshot(page, 'suggestion-from-opinion');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('人代会会期 and 重点督办: staff record a session (overlap refused in Chinese) and see the key board', async () => {
    const { page, context } = await newPage(browser());
    const errors = pageErrors(page);
    const staff = new ConsolePage(page, baseUrl);
    await staff.login('district');
    await staff.openScreen('人代会会期');
    const year = 2090 + Math.floor(Math.random() * 9);
    const add = async (session: number, from: string, to: string) => {
      await staff.button('登记会期').click();
      const modal = page.getByRole('dialog').filter({ hasText: '登记会期' });
      await modal.getByLabel('届次').fill('30');
      await modal.getByLabel('会次').fill(String(session));
      for (const [label, v] of [
        ['开幕日期', from],
        ['闭幕日期', to],
      ] as const) {
        await modal.getByLabel(label).fill(v);
        await modal.getByLabel(label).press('Enter');
      }
      return modal;
    };
    await submitModal(await add(1, `${year}-01-10`, `${year}-01-12`), '保存');
    await expect.poll(() => staff.tableRows('第30届第1次会议').count()).toBe(1);
    const clash = await add(2, `${year}-01-12`, `${year}-01-13`);
    await clash.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => clash.getByText('会期日期与本人大已登记的其他会期重叠').isVisible()).toBe(true);
    await clash.getByRole('button', { name: '取消' }).click();
    await screenshot(page, 'suggestion-sessions');

    // 建议办理统计 of one congress; the session picked from the ones just recorded (none in it yet).
    await staff.openMenu('建议办理统计');
    await page.getByRole('heading', { name: /建议办理统计（闵行区人大常委会）/ }).waitFor();
    await pickOption(page, '会次', '第30届第1次会议');
    await expect.poll(() => page.getByLabel('届次', { exact: true }).inputValue()).toBe('30');
    const received = page.locator('.ant-statistic').filter({ hasText: '收到建议' });
    await expect.poll(() => received.locator('.ant-statistic-content').textContent()).toBe('0');
    await screenshot(page, 'suggestion-stats');

    await staff.openScreen('重点督办建议');
    await expect.poll(() => page.getByText(/共 \d+ 件，逾期未报送进展/).isVisible()).toBe(true);
    await screenshot(page, 'suggestion-key');
    expect(errors).toEqual([]);
    await context.close();
  });
});
