import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, inject, it } from 'vitest';
import { newPage, pageErrors, screenshot, useBrowser } from '../browser';
import { ConsolePage } from '../pages/console';

const baseUrl = inject('baseUrl');
const browser = useBrowser();

const HEADERS = [
  '姓名*',
  '性别*',
  '民族',
  '出生年份',
  '政治面貌',
  '手机号码*',
  '所属辖区*',
  '职业类别',
  '工作单位',
  '代表层级*',
  '届次*',
];

/** A roster of six people in 莘庄镇; sheet rows 4 and 6 are wrong (phone; gender and level). */
async function rosterFile(): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('代表名册');
  ws.addRow(HEADERS);
  for (let i = 0; i < 6; i++) {
    const row = [
      `名册代表${i + 1}`,
      '男',
      '汉族',
      1980 + i,
      '群众',
      `1980000${String(1000 + i)}`,
      '莘庄镇',
      '律师',
      '某律师事务所',
      '乡镇级',
      18,
    ];
    if (i === 2) row[5] = '12345';
    if (i === 4) {
      row[1] = '未知';
      row[9] = '村级';
    }
    ws.addRow(row);
  }
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-roster-')), '代表名册.xlsx');
  await wb.xlsx.writeFile(file);
  return file;
}

describe('roster import', () => {
  it('staff import a roster with two bad rows and see the errors by row and column', async () => {
    const { page, context } = await newPage(browser());
    const errors = pageErrors(page);
    const console = new ConsolePage(page, baseUrl);
    await console.login('xinzhuang');
    await console.openScreen('代表名册');
    await expect.poll(() => console.tableRows().count()).toBeGreaterThan(0);

    await console.button('导入名册').click();
    const file = await rosterFile();
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByText('点击或拖入名册文件（.xlsx）').click(),
    ]);
    await chooser.setFiles(file);
    await page.getByText('代表名册.xlsx').waitFor();
    await console.button('开始导入').click();

    await expect
      .poll(() => page.getByText('文件有错误，未导入任何数据').isVisible(), { timeout: 15_000 })
      .toBe(true);
    const table = page.getByRole('table').last();
    const rows = page.locator('.ant-modal .ant-table-tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(3);
    const text = (await table.textContent()) ?? '';
    expect(text).toContain('手机号码应为 11 位数字');
    expect(await rows.nth(0).textContent()).toMatch(/^4手机号码/);
    expect(await rows.nth(1).textContent()).toMatch(/^6性别性别应填写“男”或“女”/);
    expect(await rows.nth(2).textContent()).toMatch(/^6代表层级无法识别“村级”/);
    await screenshot(page, 'console-roster-import-errors');

    // The same file, clean rows only: four people are imported, the two bad rows are reported.
    await page.getByLabel('导入方式').getByText('只导入无误的行').click();
    await console.button('开始导入').click();
    await expect
      .poll(() => page.getByText('共 6 行，导入 4 行，发现 3 处错误').isVisible(), { timeout: 15_000 })
      .toBe(true);
    await page.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
    await page.getByLabel('搜索代表姓名').fill('名册代表');
    await page.getByLabel('搜索代表姓名').press('Enter');
    await expect.poll(() => console.tableRows('名册代表').count()).toBe(4);
    expect(await console.tableRows('名册代表1').textContent()).toContain('198****1000');
    expect(errors).toEqual([]);
    await context.close();
  });
});
