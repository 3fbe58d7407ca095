import { describe, expect, inject, it } from 'vitest';
import { newPage, pageErrors, screenshot, useBrowser } from '../browser';
import { pickOption } from '../pages/antd';
import { ConsolePage } from '../pages/console';

const baseUrl = inject('baseUrl');
const browser = useBrowser();

describe('民意台账: the filter bar lives in the address', () => {
  it('a shared link opens the same filtered ledger; narrowing by unit updates the link and the export', async () => {
    const { context, page } = await newPage(browser());
    const errors = pageErrors(page);
    const staff = new ConsolePage(page, baseUrl);
    await staff.login('district');
    await staff.openMenu('民意台账');
    await staff.heading('台账 · 问题清单').waitFor();

    // A colleague's link: 交办清单, closed cases only.
    await page.goto(`${baseUrl}/console/opinion-ledgers?kind=assigned&state=closed`);
    await staff.heading('台账 · 交办清单').waitFor();
    await expect.poll(() => staff.tableRows().count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const states = await page.locator('.ant-table-tbody tr.ant-table-row td:nth-child(3)').allTextContents();
    expect(states.every((s) => s.startsWith('已办结'))).toBe(true);
    // Answered cases show their deadline and whether the answer came in time.
    expect(await staff.tableRows().first().textContent()).toMatch(/按期答复|超期答复/);

    await pickOption(page, '承办单位', '区住房城乡建设管理委', '住房');
    await expect.poll(() => new URL(page.url()).searchParams.get('departmentId')).toMatch(/^[0-9a-f-]{36}$/);
    expect(new URL(page.url()).searchParams.get('state')).toBe('closed');
    await expect
      .poll(async () => {
        const units = await page.locator('.ant-table-tbody tr.ant-table-row').allTextContents();
        return units.length > 0 && units.every((u) => u.includes('区住房城乡建设管理委'));
      })
      .toBe(true);
    const href = await page.getByRole('link', { name: /导出 Excel/ }).getAttribute('href');
    expect(href).toContain('/api/opinions/ledgers/assigned/export?');
    expect(href).toContain('state=closed');
    expect(href).toContain(`departmentId=${new URL(page.url()).searchParams.get('departmentId')}`);
    await screenshot(page, 'opinion-ledgers-filtered');

    // Reloading the link keeps every filter.
    await page.reload();
    await staff.heading('台账 · 交办清单').waitFor();
    await expect(
      page.locator('.ant-select').filter({ hasText: '区住房城乡建设管理委' }).count(),
    ).resolves.toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });
});
