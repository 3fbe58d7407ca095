import { z } from 'zod';
import { isCivilDay } from '../../kernel/calendar/calendar';
import type { AppContext } from '../../kernel/context';
import type { App } from '../../kernel/http/app';
import {
  cancelReport,
  hideComment,
  listReports,
  myRating,
  myReports,
  publicReport,
  rateReport,
  reportDetail,
  scheduleReport,
  updateReport,
} from './voter-reports.usecases';

const tags = ['述职评议'];
const uuid = z.string().uuid('编号格式不正确');
const year = z.coerce.number().int().min(2000).max(2100);
const STAFF = { roles: ['congress_staff', 'station_staff'] as const };
const id = z.object({ id: uuid });

const reportFields = z.object({
  stationId: uuid.nullable().optional(),
  scheduledOn: z.string().refine(isCivilDay, '日期格式应为 YYYY-MM-DD'),
  startTime: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 HH:MM')
    .nullable()
    .optional(),
  place: z.string().trim().max(100, '地点不超过 100 字').nullable().optional(),
  title: z.string().trim().min(4, '请填写述职标题').max(60, '标题不超过 60 字'),
  body: z.string().trim().min(20, '述职报告正文至少 20 字').max(20_000, '述职报告正文不超过 20000 字'),
});
const withPlace = <T extends z.ZodType<{ stationId?: string | null; place?: string | null }>>(s: T) =>
  s.refine((b) => !!b.stationId || !!b.place, { message: '请选择联络站或填写述职地点', path: ['place'] });

/** 述职评议: staff schedule (scoped to their jurisdiction), the deputy reads results, voters rate. */
export function voterReportsRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/api/voter-reports',
    {
      config: { access: STAFF },
      schema: {
        tags,
        summary: '述职安排列表（辖区代表）',
        querystring: z.object({
          year: year.optional(),
          status: z.enum(['scheduled', 'held', 'cancelled']).optional(),
          deputyId: uuid.optional(),
          page: z.coerce.number().int().min(1).max(10_000).optional(),
          pageSize: z.coerce.number().int().min(1).max(100).optional(),
        }),
      },
    },
    async (req) => listReports(ctx, req.actor!, req.query),
  );

  app.post(
    '/api/voter-reports',
    {
      config: { access: STAFF },
      schema: {
        tags,
        summary: '安排代表向选民述职',
        body: withPlace(
          reportFields.extend({
            deputyId: uuid,
            congressCode: z.string().regex(/^\d{6,15}$/, '区划代码格式不正确'),
          }),
        ),
      },
    },
    async (req, reply) => reply.status(201).send(await scheduleReport(ctx, req.actor!, req.body)),
  );

  app.get(
    '/api/voter-reports/mine',
    {
      config: { access: { roles: ['deputy'] } },
      schema: { tags, summary: '我的述职与评议结果', querystring: z.object({ year: year.optional() }) },
    },
    async (req) => myReports(ctx, req.actor!, req.query),
  );

  app.get(
    '/api/voter-reports/:id',
    {
      config: { access: { roles: ['congress_staff', 'station_staff', 'deputy'] } },
      schema: { tags, summary: '述职详情与评议结果', params: id },
    },
    async (req) => reportDetail(ctx, req.actor!, req.params.id),
  );

  app.put(
    '/api/voter-reports/:id',
    {
      config: { access: STAFF },
      schema: { tags, summary: '修改述职安排（述职日前）', params: id, body: withPlace(reportFields) },
    },
    async (req) => updateReport(ctx, req.actor!, req.params.id, req.body),
  );

  app.post(
    '/api/voter-reports/:id/cancel',
    {
      config: { access: STAFF },
      schema: {
        tags,
        summary: '取消述职安排（述职日前，须填写理由）',
        params: id,
        body: z.object({ reason: z.string().trim().min(2, '请填写取消理由').max(200) }),
      },
    },
    async (req) => cancelReport(ctx, req.actor!, req.params.id, req.body.reason),
  );

  app.post(
    '/api/voter-reports/:id/ratings/:ratingId/hide',
    {
      config: { access: STAFF },
      schema: {
        tags,
        summary: '屏蔽评议留言（评价仍计入结果）',
        params: z.object({ id: uuid, ratingId: uuid }),
        body: z.object({ reason: z.string().trim().min(2, '请填写屏蔽理由').max(200) }),
      },
    },
    async (req) => hideComment(ctx, req.actor!, req.params.id, req.params.ratingId, req.body.reason),
  );

  app.get(
    '/api/public/voter-reports/:id',
    { config: { access: 'public' }, schema: { tags: ['门户'], summary: '代表述职报告（公开）', params: id } },
    async (req) => publicReport(ctx, ctx.config.REGION_CODE, req.params.id),
  );

  app.get(
    '/api/voter-reports/:id/my-rating',
    { config: { access: 'citizen' }, schema: { tags: ['门户'], summary: '我对该述职的评议', params: id } },
    async (req) => myRating(ctx, req.actor!, req.params.id),
  );

  app.post(
    '/api/voter-reports/:id/ratings',
    {
      config: { access: 'citizen' },
      schema: {
        tags: ['门户'],
        summary: '评议代表述职（每个手机号每份报告一次）',
        params: id,
        body: z.object({
          rating: z.enum(['satisfied', 'basically_satisfied', 'dissatisfied'], {
            message: '请选择满意、基本满意或不满意',
          }),
          comment: z.string().trim().max(500, '意见不超过 500 字').optional(),
        }),
      },
    },
    async (req, reply) => reply.status(201).send(await rateReport(ctx, req.actor!, req.params.id, req.body)),
  );
}
