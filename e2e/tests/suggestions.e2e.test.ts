import { describe, expect, inject, it } from 'vitest';
import { newPage, pageErrors, screenshot, useBrowser } from '../browser';
import { ConsolePage } from '../pages/console';
import { PortalPage } from '../pages/portal';
import { staffSession } from '../pages/staff-api';

const baseUrl = inject('baseUrl');
const browser = useBrowser();
const TITLE = '关于完善莘庄地区公交微循环线路的建议';

/** The drawer of the open suggestion shows this state. */
const drawerShows = (page: import('playwright-core').Page, text: string) =>
  expect
    .poll(() => page.locator('.ant-drawer').getByText(text).first().isVisible(), { timeout: 15_000 })
    .toBe(true);

/** Picks a rating in an antd Select by the field's label, with the keyboard as a person may. */
async function choose(page: import('playwright-core').Page, label: string, option: string) {
  const order = ['满意', '基本满意', '不满意'];
  await page.getByLabel(label).focus();
  await page.keyboard.press('Enter');
  for (let k = 0; k < order.indexOf(option); k++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect
    .poll(() =>
      page
        .locator('.ant-select')
        .filter({ has: page.getByLabel(label) })
        .textContent(),
    )
    .toContain(option);
}

describe('a deputy suggestion from draft to the portal', () => {
  it('draft → register → assign lead+joint → 面商 → B → 不满意 → A → 满意 → published', async () => {
    // 1. The deputy drafts and submits on the workbench.
    const dep = await newPage(browser());
    const errors = pageErrors(dep.page);
    const deputy = new ConsolePage(dep.page, baseUrl);
    await deputy.login('deputy1');
    await deputy.openScreen('起草建议');
    await dep.page.getByLabel('标题').fill(TITLE);
    await dep.page.getByLabel('类别').fill('交通出行');
    await dep.page
      .getByLabel('内容（问题、原因分析、具体建议）')
      .fill('莘庄地区部分新建小区距地铁站较远，公交覆盖不足，建议增设公交微循环线路并优化站点设置。');
    await deputy.button('保存草稿').click();
    await drawerShows(dep.page, '草稿（联名中）');
    await deputy.button('提交').click();
    await drawerShows(dep.page, '已提交待审查');
    await screenshot(dep.page, 'suggestion-submitted');

    // 2. Staff register it and assign it at a 交办会 to a lead and a joint unit.
    const st = await newPage(browser());
    const staff = new ConsolePage(st.page, baseUrl);
    await staff.login('district');
    await staff.openScreen('建议审查交办');
    await staff.tableRows(TITLE).first().click();
    await staff.button('立案').click();
    await drawerShows(st.page, '已立案待交办');
    const registerNo = (await st.page.locator('.ant-drawer-title').textContent()) ?? '';
    expect(registerNo).toMatch(/第\d+届(第\d+次会议|闭会期间)第\d{4}号/);
    await st.page.keyboard.press('Escape');
    const call = await staffSession(baseUrl, 'district');
    const { items: deps } = await call<{ items: Array<{ id: string; name: string }> }>(
      'GET',
      '/api/opinions/departments',
    );
    const { items } = await call<{ items: Array<{ id: string; title: string }> }>(
      'GET',
      '/api/suggestions?state=registered&pageSize=200',
    );
    const id = items.find((i) => i.title === TITLE)!.id;
    const dept1 = await staffSession(baseUrl, 'dept1');
    const me = await dept1<{ items: Array<{ id: string }> }>('GET', '/api/suggestions?view=department');
    expect(me.items.map((i) => i.id)).not.toContain(id);
    await call('POST', '/api/suggestions/assign', {
      ids: [id],
      departmentId: deps.find((d) => d.name === '区住房城乡建设管理委')?.id ?? deps[0]!.id,
      jointDepartmentIds: [deps.find((d) => d.name === '区市场监管局')!.id],
      batch: '2026年代表建议交办会',
    });
    await st.context.close();

    // 3. The lead unit records 面商 and answers B with a promised date (its inbox, in the console).
    const un = await newPage(browser());
    const unit = new ConsolePage(un.page, baseUrl);
    await unit.login('dept1');
    await unit.openScreen('承办建议');
    await unit.tableRows(TITLE).first().click();
    await drawerShows(un.page, '已交办办理中');
    await dept1('POST', `/api/suggestions/${id}/contact`, {
      stage: 'before',
      day: '2026-03-03',
      form: 'visit',
      agreed: '与代表实地踏勘，商定先开通一条试运行线路。',
    });
    await dept1('POST', `/api/suggestions/${id}/answer`, {
      body: '已将增设公交微循环线路列入年度计划，年内开通。',
      category: 'B',
      signerName: '王明',
      signerTitle: '主任',
      // The promise lies ahead of the server's today (the browser tests run on the real date).
      promisedOn: new Date(Date.now() + 120 * 86_400_000).toISOString().slice(0, 10),
    });
    await un.page.reload();
    await unit.tableRows(TITLE).first().click();
    await drawerShows(un.page, '已答复待测评');
    await drawerShows(un.page, '面商记录');

    // 4. The deputy rates the result 不满意: back to the unit.
    await dep.page.reload();
    await deputy.openScreen('我的建议');
    await deputy.tableRows(TITLE).first().click();
    await deputy.button('测评').click();
    await choose(dep.page, '办理态度', '满意');
    await choose(dep.page, '办理结果', '不满意');
    await deputy.button('确定测评').click();
    await drawerShows(dep.page, '重新办理中');

    // 5. Re-handled and answered A; rated 满意 on the workbench.
    await dept1('POST', `/api/suggestions/${id}/answer`, {
      body: '试运行线路已开通，站点已按代表意见优化。',
      category: 'A',
      signerName: '王明',
      signerTitle: '主任',
    });
    await dep.page.reload();
    await deputy.tableRows(TITLE).first().click();
    await deputy.button('测评').click();
    await choose(dep.page, '办理态度', '满意');
    await choose(dep.page, '办理结果', '满意');
    await deputy.button('确定测评').click();
    await drawerShows(dep.page, '已办结');
    await screenshot(dep.page, 'suggestion-rated');
    await un.context.close();

    // 6. Staff publish it; the portal shows units, category and answer, without private data.
    await call('POST', `/api/suggestions/${id}/publish`, {});
    const visitor = await newPage(browser(), { mobile: true });
    await new PortalPage(visitor.page, baseUrl).open('/suggestions');
    await expect
      .poll(() => visitor.page.getByText(TITLE).first().isVisible(), { timeout: 15_000 })
      .toBe(true);
    await expect.poll(() => visitor.page.getByText('试运行线路已开通').first().isVisible()).toBe(true);
    const html = await visitor.page.content();
    expect(html).not.toContain('王明');
    await screenshot(visitor.page, 'portal-suggestions');
    await visitor.context.close();
    expect(errors).toEqual([]);
    await dep.context.close();
  });
});
