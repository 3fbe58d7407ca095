import { z } from 'zod';
import { isCivilDay, toDateString } from '../../kernel/calendar/calendar';
import type { AppContext } from '../../kernel/context';
import type { App } from '../../kernel/http/app';
import { checkChecklistItem, getChecklist } from './checklist.usecases';
import { stationMetrics } from './metrics';
import { deletePlan, listPlans, savePlan } from './plans.usecases';
import { getStationStars, starRanking } from './stars.usecases';
import { STATION_MANAGERS, STATION_READERS } from './stations.access';
import { stationId, urlOrPath } from './stations.inputs';
import { stationKinds } from './stations.schema';

const tags = ['家站点'];
const readers = { access: { roles: STATION_READERS } };
const managers = { access: { roles: STATION_MANAGERS } };

const year = z.coerce.number().int().min(2000, '年份不正确').max(2100, '年份不正确');
const month = z.coerce.number().int().min(1, '月份应为 1–12').max(12, '月份应为 1–12');

const checklistItem = z.object({
  key: z.string(),
  label: z.string(),
  description: z.string().optional(),
  met: z.boolean(),
  evidenceUrl: z.string().nullable(),
  note: z.string().nullable(),
  checkedOn: z.string().nullable(),
  checkedByName: z.string().nullable(),
});

const evidence = z.object({
  value: z.number().nullable(),
  summary: z.string(),
  items: z
    .array(z.object({ label: z.string(), date: z.string().optional(), link: z.string().optional() }))
    .optional(),
  link: z.string().optional(),
});

const starItem = z.object({
  metric: z.string(),
  label: z.string(),
  unit: z.string(),
  better: z.enum(['higher', 'lower']),
  weight: z.number(),
  target: z.number(),
  value: z.number().nullable(),
  ratio: z.number(),
  points: z.number(),
  evidence,
});

/** Standards checklist, annual plans and star rating of stations. */
export function standardsRoutes(app: App, ctx: AppContext): void {
  const thisYear = () => Number(toDateString(ctx.clock.now()).slice(0, 4));

  app.get(
    '/api/stations/:id/checklist',
    {
      config: readers,
      schema: {
        tags,
        summary: '建设标准（九有/八有）检查情况',
        params: stationId,
        response: {
          200: z.object({
            items: z.array(checklistItem),
            summary: z.object({ met: z.number(), total: z.number(), percent: z.number() }),
            configuredBy: z.object({ code: z.string(), name: z.string() }).nullable(),
            canCheck: z.boolean(),
          }),
        },
      },
    },
    async (req) => getChecklist(ctx, req.actor!, req.params.id),
  );

  app.put(
    '/api/stations/:id/checklist/:key',
    {
      config: managers,
      schema: {
        tags,
        summary: '记录一项建设标准的检查结果（佐证、检查日期）',
        params: stationId.extend({ key: z.string().max(40) }),
        body: z.object({
          met: z.boolean({ message: '请选择是否达标' }),
          evidenceUrl: urlOrPath('佐证材料地址').default(null),
          note: z.string().trim().max(500, '备注不超过 500 字').nullable().default(null),
          checkedOn: z.string().refine(isCivilDay, '检查日期格式应为 YYYY-MM-DD'),
        }),
      },
    },
    async (req) => {
      await checkChecklistItem(ctx, req.actor!, req.params.id, req.params.key, req.body);
      return getChecklist(ctx, req.actor!, req.params.id);
    },
  );

  app.get(
    '/api/stations/:id/plans',
    {
      config: readers,
      schema: {
        tags,
        summary: '年度活动计划（月月有主题）',
        params: stationId,
        querystring: z.object({ year: year.optional() }),
        response: {
          200: z.object({
            year: z.number(),
            canEdit: z.boolean(),
            items: z.array(
              z.object({
                id: z.string(),
                month: z.number(),
                theme: z.string(),
                description: z.string().nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => listPlans(ctx, req.actor!, req.params.id, req.query.year ?? thisYear()),
  );

  const planParams = stationId.extend({ year, month });

  app.put(
    '/api/stations/:id/plans/:year/:month',
    {
      config: readers,
      schema: {
        tags,
        summary: '设定某月活动主题',
        params: planParams,
        body: z.object({
          theme: z.string().trim().min(2, '请填写活动主题（至少 2 个字）').max(50, '主题不超过 50 字'),
          description: z.string().trim().max(1000, '说明不超过 1000 字').nullable().default(null),
        }),
      },
    },
    async (req) => {
      const { id, year: y, month: m } = req.params;
      await savePlan(ctx, req.actor!, id, y, m, req.body);
      return listPlans(ctx, req.actor!, id, y);
    },
  );

  app.delete(
    '/api/stations/:id/plans/:year/:month',
    { config: readers, schema: { tags, summary: '删除某月活动主题', params: planParams } },
    async (req, reply) => {
      await deletePlan(ctx, req.actor!, req.params.id, req.params.year, req.params.month);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/stations/:id/stars',
    {
      config: readers,
      schema: {
        tags,
        summary: '星级评定（自动计算，含公式与各项依据）',
        params: stationId,
        querystring: z.object({ year: year.optional() }),
        response: {
          200: z.object({
            stationId: z.string(),
            stationName: z.string(),
            year: z.number(),
            stars: z.number(),
            score: z.number(),
            items: z.array(starItem),
            formula: z.object({
              description: z.string(),
              thresholds: z.array(z.number()),
              from: z.object({ code: z.string(), name: z.string() }).nullable(),
            }),
          }),
        },
      },
    },
    async (req) => getStationStars(ctx, req.actor!, req.params.id, req.query.year ?? thisYear()),
  );

  app.get(
    '/api/stations/ranking',
    {
      config: managers,
      schema: {
        tags,
        summary: '家站点星级排名（本辖区）',
        querystring: z.object({
          scope: z
            .string()
            .regex(/^\d{2,15}$/, '区划代码为 2–15 位数字')
            .optional(),
          year: year.optional(),
          kind: z.enum(stationKinds).optional(),
        }),
        response: {
          200: z.object({
            year: z.number(),
            items: z.array(
              z.object({
                rank: z.number(),
                id: z.string(),
                name: z.string(),
                kind: z.string(),
                townshipName: z.string().nullable(),
                stars: z.number(),
                score: z.number(),
                items: z.array(
                  z.object({
                    metric: z.string(),
                    label: z.string(),
                    value: z.number().nullable(),
                    unit: z.string(),
                    points: z.number(),
                    weight: z.number(),
                  }),
                ),
              }),
            ),
          }),
        },
      },
    },
    async (req) => starRanking(ctx, req.actor!, { ...req.query, year: req.query.year ?? thisYear() }),
  );

  app.get(
    '/api/stations/metrics',
    {
      config: readers,
      schema: {
        tags,
        summary: '星级评定可用的指标',
        response: {
          200: z.object({
            items: z.array(
              z.object({
                key: z.string(),
                label: z.string(),
                unit: z.string(),
                better: z.enum(['higher', 'lower']),
              }),
            ),
          }),
        },
      },
    },
    async () => ({
      items: stationMetrics().map(({ key, label, unit, better }) => ({ key, label, unit, better })),
    }),
  );
}
