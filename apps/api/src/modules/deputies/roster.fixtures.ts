import ExcelJS from 'exceljs';
import { rosterColumns } from './roster.excel';

/**
 * Builds roster workbooks for tests and the benchmark: `count` clean rows (phones 199xxxxxxxx,
 * a prefix the demo never uses) with rows to break applied on top.
 */
export async function rosterWorkbook(opts: {
  count: number;
  jurisdiction: string;
  grids?: string[];
  patch?: Record<number, Partial<Record<(typeof rosterColumns)[number]['key'], string>>>;
  phoneBase?: number;
}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('代表名册');
  ws.addRow(rosterColumns.map((c) => (c.required ? `${c.header}*` : c.header)));
  for (let i = 0; i < opts.count; i++) {
    const base: Record<string, string> = {
      name: `导入代表${i + 1}`,
      gender: i % 3 === 0 ? '女' : '男',
      ethnicity: '汉族',
      birthYear: String(1960 + (i % 40)),
      party: '群众',
      phone: `199${String((opts.phoneBase ?? 0) + i).padStart(8, '0')}`,
      jurisdiction: opts.jurisdiction,
      occupation: i % 2 ? '律师' : '企业界',
      workplace: '某某单位',
      levels: i % 4 === 0 ? '区县级、乡镇级' : '乡镇级',
      term: '18',
      electoralDistrict: `第${(i % 30) + 1}选区`,
      groupName: '第一代表小组',
      groups: i % 2 ? '法制' : '财经、城建环保',
      expertise: i % 2 ? '法律、物业纠纷' : '企业经营',
      grids: opts.grids?.length ? (opts.grids[i % opts.grids.length] ?? '') : '',
    };
    // Excel rows are 1-based and row 1 is the header: data row i sits on sheet row i + 2.
    const row = { ...base, ...(opts.patch?.[i + 2] ?? {}) };
    ws.addRow(rosterColumns.map((c) => row[c.key] ?? ''));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
