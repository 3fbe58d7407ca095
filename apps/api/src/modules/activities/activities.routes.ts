import { z } from 'zod';
import { assertCan } from '../../kernel/auth/actor';
import { isCivilDay } from '../../kernel/calendar/calendar';
import type { AppContext } from '../../kernel/context';
import type { App } from '../../kernel/http/app';
import { resolveSetting } from '../../kernel/settings';
import { findJurisdiction } from '../jurisdictions/jurisdictions.repository';
import { workingCongresses } from './activities.congresses';
import { activityErrors } from './activities.errors';
import {
  activityPhotoFile,
  addActivityPhotos,
  MAX_ACTIVITY_PHOTOS,
  removeActivityPhoto,
} from './activities.photos';
import { activityKinds } from './activities.settings';
import {
  activityDetail,
  deputyOfAccount,
  listActivities,
  registerActivity,
  reviewActivity,
  setAttendance,
} from './activities.usecases';
import { ruleSetSchema } from './points.rules';
import {
  adjustPoints,
  createRuleSet,
  deputyPoints,
  pointLists,
  pointsTable,
  ruleSets,
  rulesFor,
} from './points.usecases';

const tags = ['履职登记与积分'];
const code = z.string().regex(/^\d{6,15}$/, '区划代码格式不正确');
const uuid = z.string().uuid('编号格式不正确');
const day = z.string().refine(isCivilDay, '日期格式应为 YYYY-MM-DD');
const year = z.coerce.number().int().min(2000).max(2100);
const attendance = z.enum(['present', 'excused', 'absent']);
const participants = z.array(z.object({ deputyId: uuid, attendance })).max(500, '参加代表不超过 500 人');
const STAFF = { roles: ['congress_staff', 'station_staff'] as const };
const PEOPLE = { roles: ['congress_staff', 'station_staff', 'deputy'] as const };
const CONGRESS = { roles: ['congress_staff'] as const };

const activityBody = z.object({
  congressCode: code,
  jurisdictionCode: code.optional(),
  kind: z.string().regex(/^[a-z_]{2,30}$/, '活动类型不正确'),
  title: z.string().trim().min(2, '请填写活动名称').max(60, '活动名称不超过 60 字'),
  content: z.string().trim().max(2000, '内容不超过 2000 字').optional(),
  place: z.string().trim().max(100).optional(),
  mode: z.string().trim().max(30).optional(),
  day,
  stationId: uuid.optional(),
  citizensReceived: z.number().int().min(0).max(10_000).optional(),
  opinionsCollected: z.number().int().min(0).max(10_000).optional(),
  problemsSolved: z.number().int().min(0).max(10_000).optional(),
  participants: participants.default([]),
  photos: z
    .array(z.string().min(1))
    .max(MAX_ACTIVITY_PHOTOS, `每项活动最多上传 ${MAX_ACTIVITY_PHOTOS} 张照片`)
    .optional(),
});
/** Nine photos of up to 5 MB each, as base64. */
const PHOTO_BODY_LIMIT = 64 * 1024 * 1024;

/** 履职登记 (activities) and 履职积分 (points): every route scoped to the actor's jurisdiction. */
export function activitiesRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/api/activities/kinds',
    {
      config: { access: PEOPLE },
      schema: {
        tags,
        summary: '履职活动类型（本级人大设定）',
        querystring: z.object({ congressCode: code }),
      },
    },
    async (req) => {
      const j = await findJurisdiction(ctx.database.db, req.query.congressCode);
      if (!j) throw activityErrors.no_congress();
      return { items: await resolveSetting(ctx.database.db, req.actor!.regionCode, j.path, activityKinds) };
    },
  );

  app.get(
    '/api/activities/congresses',
    {
      config: { access: PEOPLE },
      schema: {
        tags,
        summary: '可登记履职、可查看积分的人大及其代表层级（代表：本人所属）',
      },
    },
    async (req) => workingCongresses(ctx, req.actor!),
  );

  app.get(
    '/api/activities',
    {
      config: { access: PEOPLE },
      schema: {
        tags,
        summary: '履职活动列表（工作人员看辖区，代表看本人）',
        querystring: z.object({
          year: year.optional(),
          from: day.optional(),
          to: day.optional(),
          stationId: uuid.optional(),
          congressCode: code.optional(),
          kind: z.string().max(30).optional(),
          status: z.enum(['pending', 'confirmed', 'rejected']).optional(),
          deputyId: uuid.optional(),
          page: z.coerce.number().int().min(1).max(10_000).optional(),
          pageSize: z.coerce.number().int().min(1).max(200).optional(),
        }),
      },
    },
    async (req) => listActivities(ctx, req.actor!, req.query),
  );

  app.post(
    '/api/activities',
    {
      config: { access: PEOPLE },
      bodyLimit: PHOTO_BODY_LIMIT,
      schema: {
        tags,
        summary: '履职登记（工作人员登记即确认；代表本人登记待确认；可附照片，去除 EXIF/GPS）',
        body: activityBody,
      },
    },
    async (req, reply) => reply.status(201).send(await registerActivity(ctx, req.actor!, req.body)),
  );

  app.get(
    '/api/activities/:id',
    { config: { access: PEOPLE }, schema: { tags, summary: '履职活动详情', params: z.object({ id: uuid }) } },
    async (req) => activityDetail(ctx, req.actor!, req.params.id),
  );

  const photoParams = z.object({ id: uuid, photoId: uuid });
  app.post(
    '/api/activities/:id/photos',
    {
      config: { access: PEOPLE },
      bodyLimit: PHOTO_BODY_LIMIT,
      schema: {
        tags,
        summary: '添加活动照片（工作人员：未退回的活动；代表：本人登记、确认前）',
        params: z.object({ id: uuid }),
        body: z.object({
          photos: z
            .array(z.string().min(1))
            .min(1, '请选择照片')
            .max(MAX_ACTIVITY_PHOTOS, `每项活动最多上传 ${MAX_ACTIVITY_PHOTOS} 张照片`),
        }),
      },
    },
    async (req, reply) => {
      const me = await deputyOfAccount(ctx.database.db, req.actor!);
      return reply
        .status(201)
        .send(await addActivityPhotos(ctx, req.actor!, req.params.id, me, req.body.photos));
    },
  );

  app.delete(
    '/api/activities/:id/photos/:photoId',
    { config: { access: PEOPLE }, schema: { tags, summary: '删除活动照片', params: photoParams } },
    async (req) => {
      const me = await deputyOfAccount(ctx.database.db, req.actor!);
      return removeActivityPhoto(ctx, req.actor!, req.params.id, req.params.photoId, me);
    },
  );

  app.get(
    '/api/activities/:id/photos/:photoId',
    {
      config: { access: PEOPLE },
      schema: { tags, summary: '查看活动照片（可看该活动者）', params: photoParams },
    },
    async (req, reply) => {
      const me = await deputyOfAccount(ctx.database.db, req.actor!);
      const f = await activityPhotoFile(ctx, req.actor!, req.params.id, req.params.photoId, me);
      return reply.type(f.mime).header('cache-control', 'private, max-age=3600').send(f.data);
    },
  );

  app.post(
    '/api/activities/:id/review',
    {
      config: { access: STAFF },
      schema: {
        tags,
        summary: '确认或退回代表本人登记的活动',
        params: z.object({ id: uuid }),
        body: z
          .object({ confirm: z.boolean(), reason: z.string().trim().max(500).optional() })
          .refine((b) => b.confirm || (b.reason?.length ?? 0) >= 2, {
            message: '退回须填写理由',
            path: ['reason'],
          }),
      },
    },
    async (req) => reviewActivity(ctx, req.actor!, req.params.id, req.body),
  );

  app.put(
    '/api/activities/:id/attendance',
    {
      config: { access: STAFF },
      schema: {
        tags,
        summary: '考勤：出席 / 请假 / 缺席',
        params: z.object({ id: uuid }),
        body: z.object({ participants }),
      },
    },
    async (req) => setAttendance(ctx, req.actor!, req.params.id, req.body.participants),
  );

  const tableQuery = z.object({ congressCode: code, year, level: z.string().max(20).optional() });
  app.get(
    '/api/points',
    {
      config: { access: CONGRESS },
      schema: {
        tags,
        summary: '履职积分表（同一人大、同一层级内比较，附计算公式）',
        querystring: tableQuery,
      },
    },
    async (req) => pointsTable(ctx, req.actor!, req.query),
  );

  app.get(
    '/api/points/deputy',
    {
      config: { access: { roles: ['congress_staff', 'deputy'] } },
      schema: {
        tags,
        summary: '代表的积分明细：每一分的依据和计分规则（代表只能看本人）',
        querystring: z.object({ congressCode: code, year, deputyId: uuid.optional() }),
      },
    },
    async (req) => deputyPoints(ctx, req.actor!, req.query),
  );

  app.get(
    '/api/points/lists',
    {
      config: { access: CONGRESS },
      schema: { tags, summary: '约谈提醒、书面提醒、评优候选名单（仅工作人员）', querystring: tableQuery },
    },
    async (req) => pointLists(ctx, req.actor!, req.query),
  );

  app.get(
    '/api/points/rule-sets',
    {
      config: { access: CONGRESS },
      schema: {
        tags,
        summary: '积分规则（按年度生效的版本）',
        querystring: z.object({ congressCode: code, year: year.optional() }),
      },
    },
    async (req) => {
      const j = await findJurisdiction(ctx.database.db, req.query.congressCode);
      if (!j) throw activityErrors.no_congress();
      assertCan(req.actor!, ['congress_staff'], j.path);
      const { db } = ctx.database;
      const region = req.actor!.regionCode;
      return {
        items: (await ruleSets(db, region, j.code)).map((r) => ({
          id: r.id,
          effectiveYear: r.effectiveYear,
          note: r.note,
          rules: r.rules,
          createdAt: r.createdAt.toISOString(),
        })),
        inForce: req.query.year ? await rulesFor(db, region, j.code, req.query.year) : null,
      };
    },
  );

  app.post(
    '/api/points/rule-sets',
    {
      config: { access: CONGRESS },
      schema: {
        tags,
        summary: '新建积分规则（只能自尚未开始的年度起生效，已得积分不受影响）',
        body: z.object({
          congressCode: code,
          effectiveYear: year,
          rules: ruleSetSchema,
          note: z.string().max(500).optional(),
        }),
      },
    },
    async (req, reply) => reply.status(201).send(await createRuleSet(ctx, req.actor!, req.body)),
  );

  app.post(
    '/api/points/adjustments',
    {
      config: { access: CONGRESS },
      schema: {
        tags,
        summary: '年终核定（记录在案，须填写理由）',
        body: z.object({
          deputyId: uuid,
          congressCode: code,
          year,
          points: z.number().min(-100).max(100),
          reason: z.string().trim().min(4, '请填写核定理由').max(500),
        }),
      },
    },
    async (req, reply) => reply.status(201).send(await adjustPoints(ctx, req.actor!, req.body)),
  );
}
