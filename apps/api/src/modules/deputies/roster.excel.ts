import ExcelJS from 'exceljs';
import {
  addListValidation,
  readSheet,
  writeExampleRow,
  writeHeader,
  writeHelpSheet,
} from '../../kernel/imports/sheet';
import { deputiesErrors, levelLabels } from './deputies.model';
import type { DeputyView } from './deputies.repository';

/** The roster's columns, in sheet order. Headers are what people see and what errors name. */
export const rosterColumns = [
  { key: 'name', header: '姓名', required: true, width: 12 },
  { key: 'gender', header: '性别', required: true, width: 8 },
  { key: 'ethnicity', header: '民族', required: false, width: 8 },
  { key: 'birthYear', header: '出生年份', required: false, width: 10 },
  { key: 'party', header: '政治面貌', required: false, width: 12 },
  { key: 'phone', header: '手机号码', required: true, width: 15 },
  { key: 'jurisdiction', header: '所属辖区', required: true, width: 22 },
  { key: 'occupation', header: '职业类别', required: false, width: 12 },
  { key: 'workplace', header: '工作单位', required: false, width: 26 },
  { key: 'levels', header: '代表层级', required: true, width: 14 },
  { key: 'term', header: '届次', required: true, width: 8 },
  { key: 'electoralDistrict', header: '选区/选举单位', required: false, width: 16 },
  { key: 'delegation', header: '代表团', required: false, width: 14 },
  { key: 'groupName', header: '代表小组', required: false, width: 18 },
  { key: 'groups', header: '专业代表小组', required: false, width: 16 },
  { key: 'expertise', header: '专长标签', required: false, width: 24 },
  { key: 'grids', header: '网格责任区', required: false, width: 30 },
] as const;
export type RosterKey = (typeof rosterColumns)[number]['key'];
export type RosterRow = { row: number } & Partial<Record<RosterKey, string>>;

export const headerOf = (key: RosterKey): string => rosterColumns.find((c) => c.key === key)!.header;
export const EXAMPLE_PREFIX = '示例';
const SHEET = '代表名册';

function listValidation(ws: ExcelJS.Worksheet, key: RosterKey, values: string[], strict: boolean) {
  addListValidation(ws, rosterColumns, key, `"${values.join(',')}"`, strict);
}

/** The template: headers (required ones marked *), one example row, drop-down lists, a how-to sheet. */
export async function buildTemplate(opts: { groups: string[]; occupations: string[] }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(SHEET);
  writeHeader(ws, rosterColumns);
  writeExampleRow(ws, [
    `${EXAMPLE_PREFIX}：张三`,
    '男',
    '汉族',
    1978,
    '中共党员',
    '13800000000',
    '莘庄镇 或 区划代码',
    opts.occupations[0] ?? '',
    '某某律师事务所',
    '区县级、乡镇级',
    18,
    '第1选区',
    '',
    '莘庄镇代表小组',
    opts.groups[0] ?? '',
    '法律、物业纠纷',
    '网格名称或代码，多个用顿号分隔',
  ]);
  listValidation(ws, 'gender', ['男', '女'], true);
  listValidation(ws, 'levels', Object.values(levelLabels), false);
  if (opts.occupations.length) listValidation(ws, 'occupation', opts.occupations, true);
  if (opts.groups.length) listValidation(ws, 'groups', opts.groups, false);
  writeHelpSheet(wb, 80, [
    ['说明', `第 2 行为示例，姓名以“${EXAMPLE_PREFIX}”开头的行不会导入，可直接覆盖或删除。`],
    ['必填列', '标 * 的列必须填写：姓名、性别、手机号码、所属辖区、代表层级、届次。'],
    ['手机号码', '11 位手机号码；同一号码不能重复登记。'],
    ['所属辖区', '填写街道/乡镇、社区/村的名称或区划代码，必须在您的管辖范围内。'],
    ['代表层级', `可填 ${Object.values(levelLabels).join('、')}；多个层级用顿号分隔。`],
    ['届次', '填写数字；多个层级届次不同时，按层级顺序用顿号分隔，如“18、18”。'],
    ['专业代表小组', `可填 ${opts.groups.join('、')}；多个用顿号分隔。`],
    ['多值列', '专长标签、网格责任区等多个值用顿号（、）或逗号分隔。'],
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The current filter as a sheet (phones masked: an export is not a way around the audit). */
export async function buildExport(items: DeputyView[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(SHEET);
  writeHeader(ws, rosterColumns);
  ws.getColumn(rosterColumns.length + 1).header = '状态';
  const join = (xs: string[]) => xs.join('、');
  for (const d of items) {
    ws.addRow([
      d.name,
      d.gender,
      d.ethnicity,
      d.birthYear ?? '',
      d.party ?? '',
      d.phoneMasked ?? '',
      d.jurisdictionName,
      d.occupationCategory ?? '',
      d.workplace ?? '',
      join(d.mandates.map((m) => m.levelLabel)),
      join(d.mandates.map((m) => String(m.term))),
      d.mandates[0]?.electoralDistrict ?? '',
      d.mandates[0]?.delegation ?? '',
      d.mandates[0]?.groupName ?? '',
      join(d.professionalGroups),
      join(d.expertise),
      join(d.grids.map((g) => g.name)),
      d.statusLabel,
    ]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Reads the roster sheet (or the first): one record per non-empty row (Excel row numbers). */
export function readRoster(buffer: Buffer): Promise<RosterRow[]> {
  return readSheet(
    buffer,
    rosterColumns,
    { sheetName: SHEET, exampleKey: 'name', examplePrefix: EXAMPLE_PREFIX },
    deputiesErrors.file_unreadable,
  );
}
