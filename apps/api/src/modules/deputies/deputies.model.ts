import { phonePattern } from '@lianxin/contracts';
import { z } from 'zod';
import { domainErrors } from '../../kernel/errors';
import { defineSetting } from '../../kernel/settings';
import { mandateLevels } from './deputies.schema';

export const deputiesErrors = domainErrors('deputies', {
  not_found: 404,
  phone_taken: 409,
  invalid_grid: 400,
  invalid_station: 400,
  invalid_group: 400,
  file_too_large: 413,
  file_unreadable: 400,
  import_not_found: 404,
  observer_not_found: 404,
  pair_not_found: 404,
  visit_in_future: 400,
});

export type MandateLevel = (typeof mandateLevels)[number];
export const deputyStatuses = ['active', 'resigned', 'recalled', 'terminated'] as const;
export type DeputyStatus = (typeof deputyStatuses)[number];

export const levelLabels: Record<MandateLevel, string> = {
  national: '全国',
  provincial: '省级',
  municipal: '市级',
  county: '区县级',
  township: '乡镇级',
  street: '街道议政代表',
};

/** Chinese level names people write in rosters → enum (the labels above and common variants). */
export const levelAliases: Record<string, MandateLevel> = {
  全国: 'national',
  全国人大代表: 'national',
  省: 'provincial',
  省级: 'provincial',
  省人大代表: 'provincial',
  市: 'municipal',
  市级: 'municipal',
  市人大代表: 'municipal',
  区: 'county',
  县: 'county',
  区级: 'county',
  县级: 'county',
  区县级: 'county',
  区人大代表: 'county',
  县人大代表: 'county',
  乡: 'township',
  镇: 'township',
  乡镇: 'township',
  乡级: 'township',
  镇级: 'township',
  乡镇级: 'township',
  镇人大代表: 'township',
  乡人大代表: 'township',
  街道: 'street',
  议政代表: 'street',
  街道议政代表: 'street',
};

export const statusLabels: Record<DeputyStatus, string> = {
  active: '在任',
  resigned: '辞职',
  recalled: '罢免',
  terminated: '终止',
};

export const professionalGroupsSetting = defineSetting({
  key: 'deputies.professionalGroups',
  label: '专业代表小组',
  description: '本辖区设立的专业代表小组（名册导入和编辑时只能选择这些小组）',
  schema: z.array(z.string().trim().min(1).max(20)).max(30),
  defaultValue: ['法制', '财经', '城建环保', '教科文卫', '农业农村', '社会建设', '民族宗教侨务', '监察司法'],
});

export const occupationCategoriesSetting = defineSetting({
  key: 'deputies.occupationCategories',
  label: '代表职业类别',
  description: '名册中可选的职业类别（导入时不在列表中的类别视为错误）',
  schema: z.array(z.string().trim().min(1).max(20)).max(40),
  defaultValue: [
    '领导干部',
    '企业界',
    '工人',
    '农民',
    '农牧民',
    '专业技术人员',
    '科技界',
    '教育',
    '医务',
    '律师',
    '社区居民',
    '社区工作者',
    '解放军',
    '其他',
  ],
});

export const noContactMonthsSetting = defineSetting({
  key: 'liaison.noContactMonths',
  label: '双联系未联系提醒（月）',
  description: '“双联系”结对双方超过几个月没有联系记录时，提醒人大工作人员',
  schema: z.number().int().min(1).max(24),
  defaultValue: 6,
});

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const shortText = (max: number, label: string) =>
  z.string().trim().max(max, `${label}不超过 ${max} 字`).nullable().optional();

export const mandateInput = z.object({
  level: z.enum(mandateLevels, { message: '请选择代表层级' }),
  term: z.number().int('届次应为整数').min(1, '届次应为正整数').max(99, '届次不超过 99'),
  electoralDistrict: shortText(50, '选区'),
  delegation: shortText(50, '代表团'),
  groupName: shortText(50, '代表小组'),
  startedOn: day.nullable().optional(),
  endedOn: day.nullable().optional(),
});
export type MandateInput = z.infer<typeof mandateInput>;

export const contactPrefs = z.object({
  stationReception: z.boolean().default(true),
  onlineMessages: z.boolean().default(true),
  showWorkplace: z.boolean().default(false),
});

export const deputyInput = z.object({
  jurisdictionCode: z.string().regex(/^\d{2,15}$/, '请选择所属辖区'),
  name: z.string().trim().min(1, '请输入姓名').max(30, '姓名不超过 30 字'),
  gender: z.enum(['男', '女'], { message: '性别应为“男”或“女”' }),
  ethnicity: z.string().trim().min(1).max(20).default('汉族'),
  birthYear: z.number().int().min(1900, '出生年份不正确').max(2100, '出生年份不正确').nullable().optional(),
  party: shortText(20, '政治面貌'),
  occupationCategory: shortText(20, '职业类别'),
  workplace: shortText(100, '工作单位'),
  duties: shortText(500, '职务简介'),
  /** Omitted on edit: keep the stored phone; null: clear it. */
  phone: z.string().trim().regex(phonePattern, '请输入正确的 11 位手机号码').nullable().optional(),
  expertise: z.array(z.string().trim().min(1).max(20, '专长标签不超过 20 字')).max(20).default([]),
  professionalGroups: z.array(z.string().trim().min(1).max(20)).max(10).default([]),
  contactPrefs: contactPrefs.default({ stationReception: true, onlineMessages: true, showWorkplace: false }),
  mandates: z.array(mandateInput).min(1, '至少填写一项代表资格').max(6),
  gridCodes: z
    .array(z.string().regex(/^\d{2,15}$/))
    .max(30)
    .default([]),
  stationIds: z.array(z.string().uuid()).max(20).default([]),
});
export type DeputyInput = z.infer<typeof deputyInput>;

export const statusChangeInput = z.object({
  status: z.enum(deputyStatuses, { message: '请选择状态' }),
  date: day,
  reason: z.string().trim().min(2, '请填写变更原因').max(200, '变更原因不超过 200 字'),
});

export const listQuery = z.object({
  scope: z
    .string()
    .regex(/^\d{2,15}$/, '区划代码为 2–15 位数字')
    .optional(),
  level: z.enum(mandateLevels).optional(),
  status: z.enum(deputyStatuses).optional(),
  group: z.string().max(20).optional(),
  tag: z.string().max(20).optional(),
  q: z.string().trim().max(30).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100, '每页最多 100 条').default(20),
});
export type ListQuery = z.infer<typeof listQuery>;
