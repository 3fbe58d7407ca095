import { z } from 'zod';
import { isCivilDay } from '../../kernel/calendar/calendar';
import { DISPUTE_TYPES, GUIDANCE, MEDIATION_SOURCES, PERFORMANCE } from './mediation.schema';

const uuid = z.string().uuid('编号格式不正确');
const day = z.string().refine(isCivilDay, '日期格式应为 YYYY-MM-DD');
const text = (max: number, what: string, min = 2) =>
  z.string().trim().min(min, `请填写${what}`).max(max, `${what}不超过 ${max} 字`);

export const idParams = z.object({ id: uuid });

export const party = z.object({
  role: z.enum(['applicant', 'respondent', 'other']),
  name: text(30, '当事人姓名', 1),
  phone: z
    .string()
    .regex(/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, '联系电话格式不正确')
    .optional()
    .nullable(),
  address: z.string().trim().max(120, '地址不超过 120 字').optional().nullable(),
});

export const registerBody = z
  .object({
    title: text(60, '案由', 4),
    disputeType: z.enum(DISPUTE_TYPES),
    source: z.enum(MEDIATION_SOURCES).default('walk_in'),
    summary: text(2000, '纠纷事实与诉求', 10),
    parties: z.array(party).min(2, '请至少登记两方当事人').max(10, '当事人最多 10 方'),
    stationId: uuid.optional().nullable(),
    jurisdictionCode: z
      .string()
      .regex(/^\d{6,12}$/, '行政区划代码格式不正确')
      .optional()
      .nullable(),
    sourceOpinionId: uuid.optional().nullable(),
    referredBy: z.string().trim().max(60, '委派单位不超过 60 字').optional().nullable(),
  })
  .refine((b) => b.stationId || b.jurisdictionCode || b.sourceOpinionId, {
    message: '请选择调解地点（联络站）或所在辖区',
    path: ['stationId'],
  })
  .refine((b) => b.parties.some((p) => p.role === 'applicant'), {
    message: '请至少登记一名申请人',
    path: ['parties'],
  });

const reason = text(500, '理由');
export const actionBody = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('accept'),
    deputyIds: z.array(uuid).min(1, '请至少指派一名代表').max(10, '最多指派 10 名代表'),
    coMediators: z.string().trim().max(100, '其他调解员不超过 100 字').optional().nullable(),
  }),
  z.object({ action: z.literal('reject'), reason }),
  z.object({ action: z.literal('withdraw'), reason }),
  z.object({
    action: z.literal('agree'),
    agreement: text(4000, '调解协议的主要内容', 5),
    form: z.enum(['written', 'oral']),
    performanceDueOn: day.optional().nullable(),
  }),
  z.object({ action: z.literal('fail'), reason, guidance: z.enum(GUIDANCE) }),
  z.object({
    action: z.literal('followUp'),
    performance: z.enum(PERFORMANCE),
    note: z.string().trim().max(500, '回访情况不超过 500 字').optional().nullable(),
  }),
]);

export const sessionBody = z.object({
  heldOn: day,
  place: text(60, '调解地点'),
  attendees: text(200, '参加人员'),
  minutes: text(4000, '调解经过', 5),
});

export const findingBody = z.object({ body: text(1000, '发现的问题', 10) });

export const listQuery = z.object({
  state: z
    .string()
    .regex(/^[a-z_]{2,20}$/)
    .optional(),
  phase: z.enum(['intake', 'handling', 'feedback', 'closed']).optional(),
  disputeType: z.enum(DISPUTE_TYPES).optional(),
  stationId: uuid.optional(),
  sourceOpinionId: uuid.optional(),
  overdue: z.enum(['1', 'true']).optional(),
  mine: z.enum(['1', 'true']).optional(),
  q: z.string().trim().max(60, '关键词不超过 60 字').optional(),
  page: z.coerce.number().int().min(1).max(10_000).optional(),
  pageSize: z.coerce.number().int().min(1).max(200).optional(),
});

export const candidatesQuery = z.object({ q: z.string().trim().max(20, '姓名不超过 20 字').optional() });

export const statsQuery = z
  .object({ from: day.optional(), to: day.optional(), stationId: uuid.optional() })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: '开始日期不能晚于结束日期', path: ['from'] });
