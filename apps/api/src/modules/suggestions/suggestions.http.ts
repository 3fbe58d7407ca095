import { z } from 'zod';
import { isCivilDay } from '../../kernel/calendar/calendar';

export const uuid = z.string().uuid('编号格式不正确');
export const idParams = z.object({ id: uuid });
const civilDay = z.string().refine(isCivilDay, '日期格式应为 YYYY-MM-DD');
const areaCode = z.string().regex(/^\d{6,15}$/, '区划代码格式不正确');
const reason = z.string().trim().min(2, '请填写理由（至少 2 个字）').max(500, '理由不超过 500 字');
const text = (min: number, max: number, what: string) =>
  z.string().trim().min(min, `${what}不少于 ${min} 个字`).max(max, `${what}不超过 ${max} 字`);
const level = z.enum(['satisfied', 'basically_satisfied', 'dissatisfied'], {
  message: '请选择满意、基本满意或不满意',
});

const session = {
  term: z.number().int().min(1, '届次应为 1–99 的整数').max(99, '届次应为 1–99 的整数'),
  session: z.number().int().min(1, '会次应为 1–20 的整数').max(20, '会次应为 1–20 的整数'),
  startsOn: civilDay,
  endsOn: civilDay,
};

const draft = {
  title: text(4, 80, '标题'),
  body: text(20, 10_000, '建议内容'),
  category: text(2, 20, '类别'),
  congressCode: areaCode.optional(),
};

export const bodies = {
  draft: z.object({ ...draft, procuratorateRef: text(2, 100, '检察建议文号').optional() }),
  fromOpinion: z.object(draft),
  /** The congress is the activity's. */
  fromActivity: z.object({ title: draft.title, body: draft.body, category: draft.category }),
  edit: z.object({
    title: draft.title.optional(),
    body: draft.body.optional(),
    category: draft.category.optional(),
  }),
  none: z.object({}),
  letter: z.object({ reason }),
  group: z.object({ mainId: uuid, ids: z.array(uuid).min(1, '至少选择一件建议').max(50) }),
  assign: z.object({
    ids: z.array(uuid).min(1, '至少选择一件建议').max(200, '一次最多交办 200 件'),
    departmentId: uuid,
    jointDepartmentIds: z.array(uuid).max(8, '会办单位最多 8 个').optional(),
    difficult: z.boolean().optional(),
    batch: text(2, 60, '交办批次').optional(),
  }),
  return: z.object({ reason }),
  extend: z.object({ reason }),
  jointOpinion: z.object({ body: text(5, 2000, '会办意见') }),
  contact: z.object({
    stage: z.enum(['before', 'during', 'after'], { message: '请选择办前、办中或办后' }),
    day: civilDay,
    form: z.enum(['visit', 'meeting', 'phone'], { message: '请选择走访、座谈或电话' }),
    agreed: text(5, 2000, '面商内容'),
  }),
  answer: z.object({
    body: text(10, 10_000, '答复内容'),
    category: z.string().regex(/^[A-Z甲乙丙丁]$/, '答复类别不正确'),
    signerName: text(2, 30, '签发人姓名'),
    signerTitle: text(2, 40, '签发人职务'),
    promisedOn: civilDay.optional(),
  }),
  rate: z.object({
    attitude: level,
    result: level,
    comment: z.string().trim().max(500, '意见不超过 500 字').optional(),
  }),
  followUpDone: z.object({ note: text(2, 1000, '落实情况') }),
  report: z.object({
    kind: z.enum(['key', 'midyear', 'yearend'], { message: '报告类型不正确' }),
    body: text(5, 5000, '进展'),
    year: z.number().int().min(2000, '年份不正确').max(2100, '年份不正确').optional(),
  }),
  key: z.object({
    year: z.number().int().min(2000, '年份不正确').max(2100, '年份不正确'),
    leader: text(2, 40, '督办领导'),
  }),
  pil: z.object({
    status: z.enum(['handed', 'accepted', 'filed', 'declined'], { message: '衔接状态不正确' }),
    note: z.string().trim().max(500, '说明不超过 500 字').optional(),
  }),
  session: z.object({ congressCode: areaCode, ...session }),
  sessionUpdate: z.object(session),
};

export const sessionsQuery = z.object({ congressCode: areaCode.optional() });
export const keyQuery = z.object({
  year: z.coerce.number().int().min(2000, '年份不正确').max(2100, '年份不正确'),
  congress: areaCode.optional(),
});

export const listQuery = z.object({
  state: z
    .string()
    .regex(/^[a-z_]{2,20}$/, '状态不正确')
    .optional(),
  scope: areaCode.optional(),
  congress: areaCode.optional(),
  term: z.coerce.number().int().min(1).max(99).optional(),
  session: z
    .string()
    .regex(/^(interim|\d{1,2})$/, '会次不正确')
    .optional(),
  departmentId: uuid.optional(),
  overdue: z.enum(['1', 'true']).optional(),
  followUp: z.enum(['1', 'true']).optional(),
  keyYear: z.coerce.number().int().min(2000).max(2100).optional(),
  view: z.enum(['all', 'department', 'deputy']).optional(),
  from: civilDay.optional(),
  to: civilDay.optional(),
  q: z.string().trim().max(100, '关键词不超过 100 字').optional(),
  page: z.coerce.number().int().min(1).max(10_000).optional(),
  pageSize: z.coerce.number().int().min(1).max(200).optional(),
});
export type ListQuery = z.infer<typeof listQuery>;

export const unitQuery = listQuery.extend({ departmentId: uuid.optional() });

export const publicQuery = z.object({
  page: z.coerce.number().int().min(1).max(10_000).optional(),
  pageSize: z.coerce.number().int().min(1).max(100).optional(),
});

/** What the portal shows: no deputy contact, no staff names, no rating comments. */
export const publicItem = z.object({
  id: z.string(),
  registerNo: z.string().nullable(),
  title: z.string(),
  body: z.string(),
  category: z.string(),
  deputyName: z.string().nullable(),
  stateLabel: z.string(),
  leadUnit: z.string().nullable(),
  jointUnits: z.array(z.string()),
  answerCategory: z.string().nullable(),
  answerCategoryLabel: z.string().nullable(),
  answer: z.string().nullable(),
  answeredOn: z.string().nullable(),
  promisedOn: z.string().nullable(),
  attitudeLabel: z.string().nullable(),
  resultLabel: z.string().nullable(),
  publishedOn: z.string(),
});
