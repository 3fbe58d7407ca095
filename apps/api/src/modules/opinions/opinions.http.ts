import { z } from 'zod';
import { isCivilDay } from '../../kernel/calendar/calendar';

export const uuid = z.string().uuid('编号格式不正确');
export const idParams = z.object({ id: uuid });
export const trackingNo = z.string().regex(/^MY\d{14}$/, '受理编号格式不正确');
const code = z.string().regex(/^[0-9a-z]{4,32}$/, '编码格式不正确');
const areaCode = z.string().regex(/^\d{6,15}$/, '区划代码格式不正确');
const categoryCode = z.string().regex(/^[A-Z0-9]{1,16}$/, '分类编码格式不正确');
const civilDay = z.string().refine(isCivilDay, '日期格式应为 YYYY-MM-DD');
const reason = z.string().trim().min(2, '请填写理由（至少 2 个字）').max(500, '理由不超过 500 字');

/** A base64 photo: at most ~5 MB once decoded (the per-congress limit is checked after decoding). */
const photo = z.string().max(7_000_000, '照片过大，请压缩后再上传');

export const intakeBody = z.object({
  title: z.string().trim().min(4, '标题至少 4 个字').max(60, '标题不超过 60 字'),
  description: z.string().trim().min(10, '请具体描述问题（至少 10 个字）').max(2000, '描述不超过 2000 字'),
  categoryCode: categoryCode.optional(),
  lat: z.number().min(3).max(54).optional(),
  lng: z.number().min(73).max(136).optional(),
  address: z.string().trim().max(120, '地址不超过 120 字').optional(),
  areaCode: areaCode.optional(),
  deputyCode: code.optional(),
  stationCode: code.optional(),
  contactName: z.string().trim().max(30, '姓名不超过 30 字').optional(),
  allowDisclosure: z.boolean().default(false),
  idempotencyKey: z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,64}$/, '提交编号格式不正确')
    .optional(),
  photos: z.array(photo).max(4, '最多上传 4 张照片').optional(),
});

export const staffIntakeBody = intakeBody
  .extend({
    channel: z.enum(['walk_in', 'field_note', 'observer']),
    contactPhone: z
      .string()
      .regex(/^1\d{10}$/, '手机号码格式不正确')
      .optional(),
    observerId: uuid.optional(),
    /** 现场接待: the station's reception day the citizen came on (with stationCode). */
    receptionDay: z.object({ ruleId: uuid, day: civilDay }).optional(),
  })
  .refine((b) => b.channel !== 'observer' || !!b.observerId, {
    message: '请选择民情观察员',
    path: ['observerId'],
  });

/** 改正位置: the township, community or grid the case belongs to, and why it is changed. */
export const relocateBody = z.object({ areaCode, reason });

export const locateQuery = z.object({
  lat: z.coerce.number().min(3).max(54),
  lng: z.coerce.number().min(73).max(136),
});
export const locateOut = z.object({
  township: z.object({ code: z.string(), name: z.string() }).nullable(),
  community: z.object({ code: z.string(), name: z.string() }).nullable(),
  grid: z.object({ code: z.string(), name: z.string() }).nullable(),
});

export const intakeOut = z.object({
  id: z.string(),
  trackingNo: z.string(),
  followUrl: z.string(),
  replayed: z.boolean(),
});

export const listQuery = z.object({
  state: z
    .string()
    .regex(/^[a-z_]{2,20}$/)
    .optional(),
  phase: z.enum(['intake', 'handling', 'feedback', 'closed']).optional(),
  scope: areaCode.optional(),
  categoryCode: categoryCode.optional(),
  departmentId: uuid.optional(),
  overdue: z.enum(['1', 'true']).optional(),
  view: z.enum(['all', 'department', 'deputy']).optional(),
  from: civilDay.optional(),
  to: civilDay.optional(),
  q: z.string().trim().max(100, '关键词不超过 100 字').optional(),
  page: z.coerce.number().int().min(1).max(10_000).optional(),
  pageSize: z.coerce.number().int().min(1).max(200).optional(),
});

export const ratingBody = z.object({
  rating: z.enum(['satisfied', 'basically_satisfied', 'dissatisfied']),
  comment: z.string().trim().max(500, '意见不超过 500 字').optional(),
});

export const bodies = {
  merge: z.object({ into: uuid, reason: z.string().trim().max(500, '理由不超过 500 字').optional() }),
  accept: z.object({ categoryCode: categoryCode.optional() }),
  reject: z.object({ reason }),
  classify: z.object({ categoryCode }),
  assign: z.object({
    departmentId: uuid.optional(),
    jointDepartmentIds: z.array(uuid).max(5).optional(),
    reason: z.string().trim().max(500).optional(),
  }),
  reroute: z.object({ departmentId: uuid, reason }),
  return: z.object({ reason }),
  extension: z.object({
    days: z.number().int().min(1, '至少 1 个工作日').max(60, '最多 60 个工作日'),
    reason,
  }),
  decide: z.object({ approve: z.boolean(), note: z.string().trim().max(500).optional() }),
  reply: z.object({
    body: z.string().trim().min(5, '答复内容不少于 5 个字').max(5000, '答复不超过 5000 字'),
    outcome: z.enum(['solved', 'in_progress', 'explained']),
    attachments: z
      .array(z.string().max(14_000_000, '附件过大（照片不超过 5 MB，PDF 不超过 10 MB）'))
      .max(6, '最多 6 个附件')
      .optional(),
  }),
  progress: z.object({ body: z.string().trim().min(5, '进度内容不少于 5 个字').max(2000, '不超过 2000 字') }),
  jointOpinion: z.object({
    body: z.string().trim().min(5, '会办意见不少于 5 个字').max(2000, '不超过 2000 字'),
  }),
  review: z.object({ decision: z.enum(['reopen', 'close']), reason }),
  reveal: z.object({ purpose: z.string().trim().min(2, '请填写查看原因').max(100) }),
};

const step = z.object({
  label: z.string(),
  stateLabel: z.string(),
  at: z.string(),
  note: z.string().nullable(),
});

/** What the portal may show of a case: no contact, no exact address, no staff names. */
export const publicCaseOut = z.object({
  id: z.string(),
  trackingNo: z.string(),
  title: z.string(),
  description: z.string(),
  state: z.string(),
  stateLabel: z.string(),
  phase: z.string(),
  categoryName: z.string().nullable(),
  township: z.string().nullable(),
  addressMasked: z.string().nullable(),
  deputyName: z.string().nullable(),
  stationName: z.string().nullable(),
  departmentName: z.string().nullable(),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  steps: z.array(step),
  replies: z.array(
    z.object({ round: z.number(), body: z.string(), outcomeLabel: z.string(), repliedAt: z.string() }),
  ),
  ratings: z.array(z.object({ round: z.number(), ratingLabel: z.string() })),
  photos: z.number(),
  progress: z.array(z.object({ body: z.string(), at: z.string() })),
  /** 民意转建议 (absent while a portal submission is still being filed). */
  suggestions: z
    .array(
      z.object({
        registerNo: z.string().nullable(),
        stateLabel: z.string(),
        publishedId: z.string().nullable(),
      }),
    )
    .optional(),
  mergedInto: z
    .object({
      trackingNo: z.string(),
      state: z.string(),
      stateLabel: z.string(),
      phase: z.string(),
      closedAt: z.string().nullable(),
      steps: z.array(z.object({ label: z.string(), stateLabel: z.string(), at: z.string() })),
      replies: z.array(
        z.object({ round: z.number(), body: z.string(), outcomeLabel: z.string(), repliedAt: z.string() }),
      ),
    })
    .nullable(),
});
export const myCaseOut = publicCaseOut.extend({ canRate: z.boolean(), dissatisfiedReopens: z.boolean() });

export const categoryOut = z.object({
  code: z.string(),
  parentCode: z.string().nullable(),
  name: z.string(),
  level: z.number(),
  complexity: z.string(),
});
