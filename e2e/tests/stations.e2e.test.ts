import { describe, expect, inject, it } from 'vitest';
import { newPage, pageErrors, screenshot, useBrowser } from '../browser';
import { ConsolePage } from '../pages/console';

const baseUrl = inject('baseUrl');
const browser = useBrowser();

describe('stations', () => {
  it('staff open a station, tick a checklist item and see the stars with their explanation', async () => {
    const { page, context } = await newPage(browser());
    const errors = pageErrors(page);
    const console = new ConsolePage(page, baseUrl);
    await console.login('xinzhuang');
    await console.openScreen('家站点');

    const home = page.getByRole('link', { name: '莘庄镇人大代表之家' });
    await home.waitFor();
    await home.click();
    await console.heading('莘庄镇人大代表之家').waitFor();
    const receptions = page.getByRole('link', { name: '打开本站的接待日与预约' });
    expect(await receptions.getAttribute('href')).toMatch(/^\/console\/receptions\?station=[0-9a-f-]{36}$/);

    // 九有: tick (or untick, if the demo data has it met) 有场所 and see the count follow.
    await page.getByRole('tab', { name: /^九有（\d+\/9）$/ }).click();
    const venue = page.getByRole('switch', { name: '有场所' });
    await venue.waitFor();
    const wasMet = (await venue.getAttribute('aria-checked')) === 'true';
    const metBefore = Number(
      /（(\d+)\/9）/.exec((await page.getByRole('tab', { name: /^九有/ }).textContent()) ?? '')![1],
    );
    await venue.click();
    await expect
      .poll(() => page.getByText(`已记录「有场所」：${wasMet ? '未达标' : '达标'}`).isVisible())
      .toBe(true);
    await expect.poll(() => venue.getAttribute('aria-checked')).toBe(String(!wasMet));
    const metAfter = metBefore + (wasMet ? -1 : 1);
    await expect.poll(() => page.getByRole('tab', { name: `九有（${metAfter}/9）` }).isVisible()).toBe(true);
    await screenshot(page, 'console-station-checklist');

    // 星级: the stars, the published formula and the evidence of the checklist item.
    await page.getByRole('tab', { name: '星级' }).click();
    await expect.poll(() => page.getByText('评定公式（自动计算，不可手工填写）').isVisible()).toBe(true);
    await expect.poll(() => page.getByLabel('星级结果').textContent()).toMatch(/^(未评星|[1-5] 星)$/);
    const row = console.tableRows('规范化建设达标率');
    await expect.poll(() => row.textContent()).toContain(`建设标准 9 项中达标 ${metAfter} 项`);
    await row.getByRole('button', { name: /展开行|Expand row/ }).click();
    await expect
      .poll(() => page.getByLabel('规范化建设达标率的依据').textContent())
      .toContain(`有场所：${wasMet ? '未达标' : '达标'}`);
    await screenshot(page, 'console-station-stars');

    // Each item links to what it counts: back to the checklist.
    await row.getByRole('link', { name: '查看计入的记录' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('tab')).toBe('checklist');
    await expect.poll(() => venue.isVisible()).toBe(true);

    // The ranking lists the street's stations.
    await console.openScreen('星级排名');
    await expect.poll(() => console.tableRows('莘庄镇人大代表之家').count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });
});
