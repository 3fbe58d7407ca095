import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { newPage, pageErrors, screenshot, useBrowser } from '../browser';
import { pickOption } from '../pages/antd';
import { ConsolePage } from '../pages/console';
import { staffSession } from '../pages/staff-api';

const baseUrl = inject('baseUrl');
const browser = useBrowser();
const TITLE = '小区楼道堆物占用消防通道引发邻里纠纷';
const FINDING = '老旧小区楼道堆物普遍，物业与居委会劝导无强制手段，消防通道长期被占，同类纠纷反复发生。';
const SUGGESTION = '关于加强老旧小区楼道堆物综合治理的建议';

/** deputy1 as station1 finds them in the picker: a district deputy, candidate for every case. */
let mediator: { id: string; name: string; option: string };

beforeAll(async () => {
  const deputy1 = await staffSession(baseUrl, 'deputy1');
  const me = await deputy1<{ deputy: { id: string; name: string } }>('GET', '/api/workbench/me');
  mediator = { id: me.deputy.id, name: me.deputy.name, option: `${me.deputy.name}（区县级代表）` };
});

/** Closes the drawer (it covers the header with 退出登录) and signs out. */
async function signOut(page: Page, console: ConsolePage) {
  await page.keyboard.press('Escape');
  await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
  await console.logout();
}

/** Opens the case of this test from a list screen and returns its drawer. */
async function openCase(page: Page, console: ConsolePage, path: string, heading: string) {
  await page.goto(`${baseUrl}/console/${path}`);
  await console.heading(heading).waitFor();
  const row = console.tableRows(TITLE);
  await row.first().waitFor();
  await row.first().click();
  const drawer = page.locator('.ant-drawer').filter({ hasText: TITLE });
  await drawer.getByRole('heading', { name: '办理过程' }).waitFor();
  return drawer;
}

const seen = (page: Page, text: string) =>
  expect.poll(() => page.getByText(text).first().isVisible()).toBe(true);

describe('矛盾调解', () => {
  it('station1 registers a dispute, names deputy1; deputy1 turns a finding into a suggestion; agreement and follow-up close it', async () => {
    const { page, context } = await newPage(browser());
    const errors = pageErrors(page);
    const console = new ConsolePage(page, baseUrl);

    // 登记 at station1's station, two parties, through the modal.
    await console.login('station1');
    await page.goto(`${baseUrl}/console/mediations`);
    await console.heading('矛盾调解').waitFor();
    await console.button('登记调解').click();
    const modal = page.getByRole('dialog').filter({ hasText: '登记调解' });
    await modal.getByLabel('案由').fill(TITLE);
    await pickOption(page, '纠纷类型', '邻里纠纷');
    // A liaison of one station registers there: it is chosen already.
    await expect
      .poll(() =>
        modal
          .locator('.ant-select')
          .filter({ has: page.getByLabel('调解地点（联络站）') })
          .textContent(),
      )
      .toMatch(/\S/);
    await modal
      .getByLabel('纠纷事实与诉求')
      .fill('申请人称对门住户长期在楼道堆放杂物，占用消防通道，多次沟通无果，请求清理并保持通道畅通。');
    await modal.getByLabel('当事人1姓名').fill('王建国');
    await modal.getByLabel('当事人1电话').fill('13912345678');
    await modal.getByLabel('当事人1地址').fill('莘庄镇莘建路 88 弄 3 号 502 室');
    await modal.getByLabel('当事人2姓名').fill('李秀英');
    await modal.getByLabel('当事人2电话').fill('13987654321');
    await screenshot(page, 'mediation-register');
    // A 案由 naming a party is refused with the server's reason; nothing is registered.
    await modal.getByLabel('案由').fill('王建国家门口楼道堆物纠纷');
    await modal.getByRole('button', { name: '登记' }).press('Enter');
    await expect.poll(() => modal.getByText('案由中不得出现当事人的姓名或电话').isVisible()).toBe(true);
    await modal.getByLabel('案由').fill(TITLE);
    await modal.getByRole('button', { name: '登记' }).press('Enter');
    await seen(page, '已登记，案件编号');
    await modal.waitFor({ state: 'hidden' });

    // The new case opens: the parties masked; the full contacts on request (留痕).
    const drawer = page.locator('.ant-drawer').filter({ hasText: TITLE });
    const parties = drawer.getByRole('region', { name: '当事人' });
    await expect.poll(() => parties.getByText('王**').isVisible()).toBe(true);
    await expect.poll(() => parties.getByText('李**').isVisible()).toBe(true);
    expect(await drawer.getByText('王建国').count()).toBe(0);
    await expect.poll(() => drawer.getByText('已登记待受理').first().isVisible()).toBe(true);
    await parties.getByRole('button', { name: '查看完整联系方式' }).click();
    await expect.poll(() => parties.getByText('王建国').isVisible()).toBe(true);
    await expect.poll(() => parties.getByText('13912345678').isVisible()).toBe(true);

    // 受理, naming deputy1.
    await console.button('受理并指派调解代表').click();
    await pickOption(page, '调解代表', mediator.option, mediator.name);
    await console.button('确认受理并指派调解代表').click();
    await seen(page, '当前状态：调解中');
    await expect.poll(() => drawer.getByText(mediator.name).first().isVisible()).toBe(true);

    // A sitting (调解记录) and a finding.
    await console.button('记录调解').click();
    await drawer.getByLabel('参加人员').fill(`双方当事人、${mediator.name}代表、社区调解员`);
    await drawer.getByLabel('调解经过').fill('听取双方陈述，现场查看楼道，被申请人同意一周内清理杂物。');
    await console.button('保存调解记录').click();
    await seen(page, '调解记录已保存');
    await expect.poll(() => drawer.getByText('第 1 次调解', { exact: false }).isVisible()).toBe(true);
    await console.button('记录发现的问题').click();
    await drawer.getByLabel('发现的问题内容').fill(FINDING);
    await drawer.getByRole('button', { name: '保存', exact: true }).click();
    await seen(page, '发现的问题已记录');
    await expect.poll(() => drawer.getByText(FINDING).isVisible()).toBe(true);
    await screenshot(page, 'mediation-drawer-staff');
    await signOut(page, console);

    // deputy1: 我参与的调解 lists it; the finding becomes a draft suggestion, once.
    await console.login('deputy1');
    let mine = await openCase(page, console, 'my-mediations', '我参与的调解');
    await expect.poll(() => mine.getByText('王**').isVisible()).toBe(true);
    const finding = mine.getByRole('region', { name: '问题 1' });
    await finding.getByRole('button', { name: '转为代表建议' }).click();
    const convert = page.getByRole('dialog').filter({ hasText: '转为代表建议' });
    await expect.poll(() => convert.getByLabel('标题').inputValue()).toContain(TITLE);
    await convert.getByLabel('标题').fill(SUGGESTION);
    await convert.getByLabel('类别').fill('城乡建设');
    await convert
      .getByLabel(/^内容/)
      .fill(`${FINDING}建议明确街镇、物业和消防部门的处置职责，建立楼道堆物定期清理和联合执法机制。`);
    await convert.getByRole('button', { name: '保存草稿' }).click();
    await seen(page, '已转为代表建议草稿');
    const linked = finding.getByRole('region', { name: '转化的代表建议' });
    await expect.poll(() => linked.getByText(SUGGESTION).isVisible()).toBe(true);
    expect(await finding.getByRole('button', { name: '转为代表建议' }).count()).toBe(0);
    await screenshot(page, 'mediation-drawer-deputy');
    // The draft (我的建议) names its source.
    await linked.getByRole('link', { name: new RegExp(SUGGESTION) }).click();
    await page.waitForURL((u) => u.pathname.endsWith('/console/my-suggestions'));
    const suggestion = page.locator('.ant-drawer').filter({ hasText: SUGGESTION });
    await expect.poll(() => suggestion.getByText(`矛盾调解「${TITLE}」`).isVisible()).toBe(true);
    await expect.poll(() => suggestion.getByText(`发现的问题：${FINDING}`).isVisible()).toBe(true);
    await screenshot(page, 'suggestion-from-mediation');
    await signOut(page, console);

    // station1: 达成协议 → 已达成协议待回访, then 回访结案 → 已结案.
    await console.login('station1');
    mine = await openCase(page, console, 'mediations', '矛盾调解');
    await console.button('达成调解协议').click();
    await mine
      .getByLabel('调解协议的主要内容')
      .fill('被申请人于一周内清理楼道杂物，今后不再占用消防通道；物业每月巡查一次。');
    await console.button('确认达成调解协议').click();
    await seen(page, '当前状态：已达成协议待回访');
    await expect.poll(() => mine.getByText('回访期限').isVisible()).toBe(true);
    await console.button('回访结案').click();
    await pickOption(page, '协议履行情况', '已履行');
    await mine.getByLabel('回访情况').fill('已回访，楼道杂物已清理，双方满意。');
    await console.button('确认回访结案').click();
    await seen(page, '当前状态：已结案');
    await expect.poll(() => mine.getByText('回访：协议已履行').isVisible()).toBe(true);
    await screenshot(page, 'mediation-closed');
    // 调解统计 on the same screen: the closed case counts as a success of its type.
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    const stats = page.locator('.ant-card').filter({ hasText: '调解统计' });
    const neighbour = stats.locator('tr').filter({ hasText: '邻里纠纷' });
    await neighbour.waitFor();
    await expect
      .poll(async () => (await stats.locator('tr').filter({ hasText: '合计' }).count()) > 0)
      .toBe(true);
    await expect.poll(() => neighbour.locator('td').nth(7).textContent()).toMatch(/^\d+(\.\d)?%$/);
    await screenshot(page, 'mediation-stats');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('民意转调解: station1 turns a citizen opinion into a mediation case from its drawer, prefilled, linked both ways', async () => {
    const { page, context } = await newPage(browser());
    const errors = pageErrors(page);
    const console = new ConsolePage(page, baseUrl);
    await console.login('station1');
    await page.goto(`${baseUrl}/console/opinions`);
    await console.heading('民意受理').waitFor();
    const row = page.locator('.ant-table-tbody tr.ant-table-row').first();
    await row.waitFor();
    await row.click();
    const drawer = page
      .locator('.ant-drawer')
      .filter({ has: page.getByRole('region', { name: '转矛盾调解' }) });
    await drawer.getByRole('button', { name: '转为矛盾调解' }).click();
    const modal = page
      .getByRole('dialog')
      .filter({ hasText: '转为矛盾调解' })
      .filter({ hasText: '登记调解' });
    await expect.poll(() => modal.getByText(/由群众意见 MY\d+ 转为矛盾调解/).isVisible()).toBe(true);
    // The 案由 comes from the opinion's title: a dispute needs one without names, made short here.
    await modal.getByLabel('案由').fill('楼道公共区域使用引发邻里纠纷');
    await pickOption(page, '纠纷类型', '邻里纠纷');
    await modal.getByLabel('当事人1姓名').fill('赵丽');
    await modal.getByLabel('当事人2姓名').fill('孙强');
    await modal.getByRole('button', { name: '登记' }).press('Enter');
    await page.waitForURL((u) => u.pathname.endsWith('/console/mediations') && u.searchParams.has('open'));
    const opened = page.locator('.ant-drawer').filter({ hasText: '楼道公共区域使用引发邻里纠纷' });
    await expect.poll(() => opened.getByText('群众意见转调解').first().isVisible()).toBe(true);
    const trackingNo = (await opened.locator('.ant-drawer-title').textContent())?.split(' ')[0] ?? '';
    expect(trackingNo).toMatch(/^TJ\d{14}$/);
    // The opinion lists it.
    await page.keyboard.press('Escape');
    await page.goto(`${baseUrl}/console/opinions`);
    await console.heading('民意受理').waitFor();
    await page.locator('.ant-table-tbody tr.ant-table-row').first().click();
    const linked = page.getByRole('region', { name: '转矛盾调解' });
    await expect
      .poll(() => linked.getByRole('link', { name: new RegExp(trackingNo) }).isVisible())
      .toBe(true);
    await screenshot(page, 'opinion-to-mediation');
    expect(errors).toEqual([]);
    await context.close();
  });
});
