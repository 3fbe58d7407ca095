import { z } from 'zod';
import type { AppContext } from '../../kernel/context';
import type { App } from '../../kernel/http/app';
import { clearOverride, setOverride, staffDays } from './days.usecases';
import { civilDay, maskedBookingOut, ruleOut, staffDayOut, uuid } from './receptions.http';
import { scheduleSpec } from './rules';
import {
  createRule,
  deleteRule,
  listRules,
  managedStations,
  previewRule,
  stationedDeputies,
  updateRule,
} from './rules.usecases';
import { STATION_ROLES } from './schedule';
import { checkIn, dayBookings, markNoShow, revealBooking } from './staff-bookings.usecases';
import './receptions.settings';

const tags = ['接待日与预约'];
const access = { roles: STATION_ROLES };
const idParams = z.object({ id: uuid('') });
/** The rule body is validated by the use case (validateRule), which answers with Chinese field messages. */
const ruleBody = z.record(z.string(), z.unknown());

/** Console routes: schedules, rota, overrides and the day's bookings (congress and station staff). */
export function receptionsStaffRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/api/receptions/stations',
    {
      config: { access },
      schema: {
        tags,
        summary: '可管理的联络站',
        querystring: z.object({
          scope: z
            .string()
            .regex(/^\d{2,15}$/, '区划代码为 2–15 位数字')
            .optional(),
        }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                name: z.string(),
                kind: z.string(),
                kindLabel: z.string(),
                publicCode: z.string(),
                jurisdictionCode: z.string(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => ({ items: await managedStations(ctx, req.actor!, req.query.scope) }),
  );

  app.get(
    '/api/receptions/stations/:id/deputies',
    {
      config: { access },
      schema: {
        tags,
        summary: '进站代表（轮值可选）',
        params: idParams,
        response: { 200: z.object({ items: z.array(z.object({ id: z.string(), name: z.string() })) }) },
      },
    },
    async (req) => ({ items: await stationedDeputies(ctx, req.actor!, req.params.id) }),
  );

  app.get(
    '/api/receptions/rules',
    {
      config: { access },
      schema: {
        tags,
        summary: '联络站的接待日规则',
        querystring: z.object({ station: uuid('联络站') }),
        response: { 200: z.object({ items: z.array(ruleOut) }) },
      },
    },
    async (req) => ({ items: await listRules(ctx, req.actor!, req.query.station) }),
  );

  app.post(
    '/api/receptions/stations/:id/rules',
    {
      config: { access },
      schema: {
        tags,
        summary: '新建接待日规则',
        params: idParams,
        body: ruleBody,
        response: { 201: z.object({ id: z.string() }) },
      },
    },
    async (req, reply) => reply.status(201).send(await createRule(ctx, req.actor!, req.params.id, req.body)),
  );

  app.put(
    '/api/receptions/rules/:id',
    { config: { access }, schema: { tags, summary: '修改接待日规则', params: idParams, body: ruleBody } },
    async (req) => {
      await updateRule(ctx, req.actor!, req.params.id, req.body);
      return { updated: true };
    },
  );

  app.delete(
    '/api/receptions/rules/:id',
    { config: { access }, schema: { tags, summary: '删除未被预约过的规则', params: idParams } },
    async (req) => {
      await deleteRule(ctx, req.actor!, req.params.id);
      return { deleted: true };
    },
  );

  app.post(
    '/api/receptions/rules/preview',
    {
      config: { access },
      schema: {
        tags,
        summary: '规则的中文描述与最近的接待日',
        body: scheduleSpec,
        response: {
          200: z.object({
            description: z.string(),
            next: z.array(z.object({ day: z.string(), nominal: z.string(), moved: z.boolean() })),
          }),
        },
      },
    },
    async (req) => previewRule(ctx, req.body),
  );

  app.get(
    '/api/receptions/days',
    {
      config: { access },
      schema: {
        tags,
        summary: '接待日（值班代表、时段与预约数）',
        querystring: z.object({ station: uuid('联络站'), from: civilDay, to: civilDay }),
        response: { 200: z.object({ items: z.array(staffDayOut) }) },
      },
    },
    async (req) => ({
      items: await staffDays(ctx, req.actor!, req.query.station, req.query.from, req.query.to),
    }),
  );

  app.put(
    '/api/receptions/overrides',
    {
      config: { access },
      schema: {
        tags,
        summary: '调整某个接待日（换代表或取消）',
        body: z.object({
          ruleId: uuid('规则'),
          day: civilDay,
          deputyIds: z.array(uuid('代表')).max(10, '每天接待代表最多 10 名').nullable().default(null),
          cancelled: z.boolean().default(false),
          note: z.string().trim().max(200, '说明不超过 200 字').nullable().default(null),
        }),
        response: { 200: z.object({ cancelledBookings: z.number() }) },
      },
    },
    async (req) => setOverride(ctx, req.actor!, req.body),
  );

  app.delete(
    '/api/receptions/overrides',
    {
      config: { access },
      schema: {
        tags,
        summary: '恢复按规则与轮值安排',
        querystring: z.object({ ruleId: uuid('规则'), day: civilDay }),
      },
    },
    async (req) => {
      await clearOverride(ctx, req.actor!, req.query.ruleId, req.query.day);
      return { cleared: true };
    },
  );

  app.get(
    '/api/receptions/bookings',
    {
      config: { access },
      schema: {
        tags,
        summary: '某接待日的预约（姓名、电话已脱敏）',
        querystring: z.object({ station: uuid('联络站'), day: civilDay }),
        response: { 200: z.object({ items: z.array(maskedBookingOut) }) },
      },
    },
    async (req) => ({ items: await dayBookings(ctx, req.actor!, req.query.station, req.query.day) }),
  );

  app.post(
    '/api/receptions/check-in',
    {
      config: { access },
      schema: {
        tags,
        summary: '凭签到码签到',
        body: z.object({
          station: uuid('联络站'),
          day: civilDay,
          code: z.string().regex(/^\d{6}$/, '签到码为 6 位数字'),
        }),
        response: { 200: maskedBookingOut },
      },
    },
    async (req) =>
      checkIn(ctx, req.actor!, { stationId: req.body.station, day: req.body.day, code: req.body.code }),
  );

  app.post(
    '/api/receptions/bookings/:id/no-show',
    {
      config: { access },
      schema: { tags, summary: '记为未到', params: idParams, response: { 200: maskedBookingOut } },
    },
    async (req) => markNoShow(ctx, req.actor!, req.params.id),
  );

  app.post(
    '/api/receptions/bookings/:id/reveal',
    {
      config: { access },
      schema: {
        tags,
        summary: '查看预约群众姓名和电话（记录审计）',
        params: idParams,
        body: z.object({
          purpose: z.string().trim().min(2, '请填写查看原因').max(100, '查看原因不超过 100 字'),
        }),
        response: { 200: z.object({ name: z.string(), phone: z.string() }) },
      },
    },
    async (req) => revealBooking(ctx, req.actor!, req.params.id, req.body.purpose),
  );
}
