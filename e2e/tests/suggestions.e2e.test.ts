import { describe, expect, inject, it } from 'vitest';
import { newPage, pageErrors, screenshot, useBrowser } from '../browser';
import { pickOption as pick } from '../pages/antd';
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

/** Types a day into an antd DatePicker found by its label. */
async function typeDay(page: import('playwright-core').Page, label: string, day: string) {
  await page.getByLabel(label).click();
  await page.keyboard.type(day);
  await page.keyboard.press('Enter');
}

describe('a deputy suggestion from draft to the portal', () => {
  it('two deputies draft and co-sign → register → assign lead+joint → joint opinion → 面商 → B → 不满意 → A → 满意 → published', async () => {
    // 1. deputy1 drafts on the workbench.
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
    // A survey report (PDF) picked on the form is uploaded with the draft and listed in its drawer.
    await dep.page.getByLabel('选择附件').setInputFiles({
      name: '调研报告.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from(
        '%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
        'latin1',
      ),
    });
    await deputy.button('保存草稿').click();
    await drawerShows(dep.page, '草稿（联名中）');
    await expect
      .poll(
        () =>
          dep.page
            .locator('.ant-drawer')
            .getByText(/附件1（PDF，\d+ KB）/)
            .isVisible(),
        {
          timeout: 15_000,
        },
      )
      .toBe(true);
    await dep.page.keyboard.press('Escape');

    // 2. deputy2 co-signs it in their own session.
    const co = await newPage(browser());
    const coErrors = pageErrors(co.page);
    const cosigner = new ConsolePage(co.page, baseUrl);
    await cosigner.login('deputy2');
    await cosigner.openScreen('起草建议');
    const offered = co.page.locator('.ant-list-item').filter({ hasText: TITLE });
    await offered.getByRole('button', { name: '联名' }).click();
    await expect.poll(() => co.page.getByText('已联名').first().isVisible(), { timeout: 15_000 }).toBe(true);
    // Once signed it leaves the list of those open for co-signing.
    await expect.poll(() => offered.count()).toBe(0);
    expect(coErrors).toEqual([]);
    await co.context.close();
    const coName = (
      await (
        await staffSession(baseUrl, 'deputy2')
      )<{ displayName: string }>('GET', '/api/auth/me')
    ).displayName;

    // The draft shows who signed and when; the lead deputy submits.
    await deputy.openScreen('我的建议');
    await deputy.tableRows(TITLE).first().click();
    await drawerShows(dep.page, '草稿（联名中）');
    const signers = dep.page
      .locator('.ant-drawer th.ant-descriptions-item-label', { hasText: /^联名$/ })
      .locator('xpath=following-sibling::td[1]');
    await expect.poll(() => signers.textContent()).toMatch(/（领衔）·\d{4}-\d{2}-\d{2}/);
    await expect.poll(() => signers.textContent()).toMatch(new RegExp(`${coName}·\\d{4}-\\d{2}-\\d{2}`));
    await deputy.button('提交').click();
    await drawerShows(dep.page, '已提交待审查');
    await screenshot(dep.page, 'suggestion-submitted');
    await dep.page.keyboard.press('Escape');

    // 3. Staff register it and assign it at a 交办会 to a lead and a joint unit (the batch modal).
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
    await pick(st.page, '状态', '待交办');
    await staff.tableRows(TITLE).first().locator('input[type=checkbox]').check();
    await staff.button('批量交办（1）').click();
    await pick(st.page, '主办单位', '区住房城乡建设管理委', '住房');
    await pick(st.page, '会办单位', '区市场监管局', '市场');
    await st.page.getByLabel('交办批次').fill('2026年代表建议交办会');
    await st.page.locator('.ant-modal').getByRole('button', { name: '交办' }).click();
    await expect
      .poll(() => st.page.getByText('已交办 1 件').first().isVisible(), { timeout: 15_000 })
      .toBe(true);

    // 4. The joint unit gives its opinion to the lead unit, in its inbox.
    const jo = await newPage(browser());
    const joint = new ConsolePage(jo.page, baseUrl);
    await joint.login('dept2');
    await joint.openScreen('承办建议');
    await joint.tableRows(TITLE).first().click();
    await drawerShows(jo.page, '已交办办理中');
    await joint.button('提出会办意见').click();
    await jo.page.getByLabel('会办意见').fill('同意增设线路，我局配合做好站点周边经营秩序管理。');
    await joint.button('确定提出会办意见').click();
    // Not the text itself: the form's textarea holds it too (React mirrors a controlled value into
    // its text), so it would be found before the request is done and closing the page would cut it.
    await expect
      .poll(() => jo.page.getByText('提出会办意见成功').first().isVisible(), { timeout: 15_000 })
      .toBe(true);
    await expect
      .poll(() =>
        jo.page.locator('.ant-drawer .ant-alert').getByText('我局配合做好站点周边').first().isVisible(),
      )
      .toBe(true);
    await jo.context.close();

    // 5. The lead unit records 面商 and answers B with a promised date.
    const un = await newPage(browser());
    const unit = new ConsolePage(un.page, baseUrl);
    await unit.login('dept1');
    await unit.openScreen('承办建议');
    await unit.tableRows(TITLE).first().click();
    await drawerShows(un.page, '已交办办理中');
    await screenshot(un.page, 'suggestion-lead-unit');
    await drawerShows(un.page, '同意增设线路');
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    await unit.button('记录面商').click();
    await typeDay(un.page, '面商日期', today);
    await un.page.getByLabel('商定内容').fill('与代表实地踏勘，商定先开通一条试运行线路。');
    await unit.button('确定记录面商').click();
    await drawerShows(un.page, '面商记录');
    const answer = async (category: string, text: string, promisedOn?: string) => {
      await unit.button('答复').click();
      await pick(un.page, '答复类别', category);
      await un.page.getByLabel('签发人').fill('王明');
      await un.page.getByLabel('职务').fill('主任');
      if (promisedOn) await typeDay(un.page, '承诺完成日期', promisedOn);
      await un.page.getByLabel('答复内容').fill(text);
      await unit.button('确定答复').click();
      await drawerShows(un.page, '已答复待测评');
    };
    // The promise lies ahead of the server's today (the browser tests run on the real date).
    const promise = new Date(Date.now() + 120 * 86_400_000).toISOString().slice(0, 10);
    await answer('B 正在解决或列入计划', '已将增设公交微循环线路列入年度计划，年内开通。', promise);
    await drawerShows(un.page, `承诺 ${promise} 前完成`);

    // 6. The deputy rates the result 不满意: back to the unit.
    await dep.page.reload();
    await deputy.tableRows(TITLE).first().click();
    await deputy.button('测评').click();
    await pick(dep.page, '办理态度', '满意');
    await pick(dep.page, '办理结果', '不满意');
    await deputy.button('确定测评').click();
    await drawerShows(dep.page, '重新办理中');

    // 7. Re-handled and answered A; rated 满意 on the workbench.
    await un.page.reload();
    await unit.tableRows(TITLE).first().click();
    await drawerShows(un.page, '重新办理中');
    await answer('A 已解决或基本解决', '试运行线路已开通，站点已按代表意见优化。');
    await dep.page.reload();
    await deputy.tableRows(TITLE).first().click();
    await deputy.button('测评').click();
    await pick(dep.page, '办理态度', '满意');
    await pick(dep.page, '办理结果', '满意');
    await deputy.button('确定测评').click();
    await drawerShows(dep.page, '已办结');
    await screenshot(dep.page, 'suggestion-rated');
    await un.context.close();

    // 8. Staff publish it; the portal shows units, category and answer, without private data.
    await st.page.reload();
    await pick(st.page, '状态', '已办结');
    await staff.tableRows(TITLE).first().click();
    await drawerShows(st.page, '已办结');
    await staff.button('公开办理结果').click();
    await expect
      .poll(() => st.page.getByText('公开办理结果成功').first().isVisible(), { timeout: 15_000 })
      .toBe(true);
    await st.context.close();
    const visitor = await newPage(browser(), { mobile: true });
    await new PortalPage(visitor.page, baseUrl).open('/suggestions');
    const card = visitor.page.getByRole('article', { name: TITLE });
    await expect.poll(() => card.isVisible(), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => card.getByText('试运行线路已开通').first().isVisible()).toBe(true);
    await expect.poll(() => card.textContent()).toContain('会办：区市场监管局');
    await expect.poll(() => card.textContent()).toContain('办理结果满意');
    const html = await visitor.page.content();
    // No signer, no deputy contact data, no comments.
    expect(html).not.toContain('王明');
    expect(await visitor.page.locator('#root').textContent()).not.toMatch(/1[3-9]\d{9}|1[3-9]\d\*{4}\d{4}/);
    await screenshot(visitor.page, 'portal-suggestions');
    await visitor.context.close();
    expect(errors).toEqual([]);
    await dep.context.close();
  }, 300_000);
});
