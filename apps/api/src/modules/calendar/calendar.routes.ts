import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { ALL_STAFF_ROLES } from '../../kernel/auth/actor';
import { isCivilDay, toDateString } from '../../kernel/calendar/calendar';
import { loadCalendar } from '../../kernel/calendar/service';
import type { AppContext } from '../../kernel/context';
import { calendarDays } from '../../kernel/db/kernel.schema';
import { AppError } from '../../kernel/errors';
import type { App } from '../../kernel/http/app';
import { listYears, loadCalendarYear } from './calendar.usecases';

const tags = ['工作日历'];
const yearParam = z.object({
  year: z.coerce
    .number()
    .int()
    .min(2000, '年份应在 2000 至 2100 之间')
    .max(2100, '年份应在 2000 至 2100 之间'),
});
const day = z.string().refine(isCivilDay, '日期格式应为 YYYY-MM-DD 且为有效日期');

export function calendarRoutes(app: App, ctx: AppContext): void {
  const { db } = ctx.database;

  app.get(
    '/api/calendar/years',
    {
      config: { access: { roles: ALL_STAFF_ROLES } },
      schema: {
        tags,
        summary: '已导入的年度节假日安排',
        response: {
          200: z.object({
            items: z.array(
              z.object({
                year: z.number(),
                source: z.string(),
                publishedOn: z.string().nullable(),
                workingDays: z.number(),
                loadedAt: z.date(),
              }),
            ),
            nextYear: z.number(),
            nextYearLoaded: z.boolean(),
          }),
        },
      },
    },
    async () => {
      const items = await listYears(db);
      const nextYear = Number(toDateString(ctx.clock.now()).slice(0, 4)) + 1;
      return {
        items: items.map((y) => ({
          year: y.year,
          source: y.source,
          publishedOn: y.publishedOn,
          workingDays: y.workingDays,
          loadedAt: y.loadedAt,
        })),
        nextYear,
        nextYearLoaded: items.some((y) => y.year === nextYear),
      };
    },
  );

  app.get(
    '/api/calendar/years/:year',
    {
      config: { access: { roles: ALL_STAFF_ROLES } },
      schema: {
        tags,
        summary: '某年的节假日与调休',
        params: yearParam,
        response: {
          200: z.object({
            year: z.number(),
            workingDays: z.number(),
            days: z.array(
              z.object({ day: z.string(), kind: z.enum(['holiday', 'workday']), name: z.string() }),
            ),
          }),
        },
      },
    },
    async (req) => {
      const { year } = req.params;
      const calendar = await loadCalendar(db);
      if (!calendar.isLoaded(year)) throw new AppError('calendar.year_missing', 404);
      const days = await db
        .select({ day: calendarDays.day, kind: calendarDays.kind, name: calendarDays.name })
        .from(calendarDays)
        .where(eq(calendarDays.year, year))
        .orderBy(asc(calendarDays.day));
      return { year, workingDays: calendar.workingDaysInYear(year), days };
    },
  );

  app.put(
    '/api/calendar/years/:year',
    {
      config: { access: { roles: ['sysadmin'] } },
      schema: {
        tags,
        summary: '导入或更正某年的节假日安排（国务院办公厅通知）',
        params: yearParam,
        body: z.object({ json: z.unknown() }),
        response: { 200: z.object({ year: z.number(), workingDays: z.number() }) },
      },
    },
    async (req) => loadCalendarYear(ctx, req.actor!, req.params.year, req.body.json),
  );

  app.get(
    '/api/calendar/add-working-days',
    {
      config: { access: { roles: ALL_STAFF_ROLES } },
      schema: {
        tags,
        summary: '计算 N 个工作日后的日期',
        querystring: z.object({ from: day, days: z.coerce.number().int().min(0).max(400) }),
        response: { 200: z.object({ day: z.string(), provisional: z.boolean() }) },
      },
    },
    async (req) => (await loadCalendar(db)).addWorkingDays(req.query.from, req.query.days),
  );
}
