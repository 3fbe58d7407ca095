import fs from 'node:fs/promises';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { type Actor, assertCan } from '../../kernel/auth/actor';
import type { AppContext } from '../../kernel/context';
import type { App } from '../../kernel/http/app';
import { stateLabeler } from '../../kernel/workflow/state-names';
import { departments } from '../congresses/congresses.schema';
import { assertCanSee, viewerOf } from './access';
import {
  acceptOpinion,
  assignOpinion,
  classifyOpinion,
  decideExtension,
  giveJointOpinion,
  rejectOpinion,
  replyOpinion,
  reportProgress,
  requestExtension,
  rerouteOpinion,
  returnOpinion,
  signOpinion,
  suggestDepartment,
  withCase,
} from './handling.usecases';
import { recordOpinion } from './intake.usecases';
import { type LedgerKind, ledger, ledgerTitles, startLedgerExport } from './ledgers.usecases';
import { mergeOpinion, similarOpenCases } from './merge.usecases';
import {
  bodies,
  categoryOut,
  idParams,
  intakeOut,
  listQuery,
  ratingBody,
  staffIntakeBody,
  uuid,
} from './opinions.http';
import { loadOpinion } from './opinions.repository';
import { opinionAttachments } from './opinions.schema';
import { listCategories, listOpinions, opinionDetail, revealContact } from './queries.usecases';
import { rateOpinion, reviewOpinion } from './rating.usecases';
import './opinions.settings';

const tags = ['民意受理'];
const READ = { roles: ['congress_staff', 'station_staff', 'department_handler', 'deputy'] as const };
const STAFF = { roles: ['congress_staff', 'station_staff'] as const };
const CONGRESS = { roles: ['congress_staff'] as const };
const DEPT = { roles: ['department_handler'] as const };
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type Q = z.infer<typeof listQuery>;
const filterOf = (q: Q) => ({ ...q, overdue: q.overdue ? true : undefined });

/** Console and workbench routes: queue, inbox, detail, every handling step, ledgers. */
export function opinionsStaffRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/api/opinions',
    {
      config: { access: READ },
      schema: {
        tags,
        summary: '民意列表（受理队列、承办单位收件箱、代表收到的民意，按身份限定范围）',
        querystring: listQuery,
      },
    },
    async (req) => listOpinions(ctx, req.actor!, filterOf(req.query)),
  );

  app.get(
    '/api/opinions/supervision',
    {
      config: { access: READ },
      schema: { tags, summary: '督办看板：已超期的事项', querystring: listQuery },
    },
    async (req) => listOpinions(ctx, req.actor!, { ...filterOf(req.query), overdue: true }),
  );

  app.get(
    '/api/opinions/categories',
    {
      config: { access: READ },
      schema: { tags, summary: '问题分类', response: { 200: z.object({ items: z.array(categoryOut) }) } },
    },
    async (req) => ({ items: await listCategories(ctx, req.actor!.regionCode) }),
  );

  app.get(
    '/api/opinions/departments',
    { config: { access: READ }, schema: { tags, summary: '可交办的承办单位' } },
    async (req) => ({
      items: await ctx.database.db
        .select({
          id: departments.id,
          name: departments.name,
          jurisdictionCode: departments.jurisdictionCode,
        })
        .from(departments)
        .where(eq(departments.regionCode, req.actor!.regionCode))
        .orderBy(asc(departments.sort)),
    }),
  );

  const ledgerParams = z.object({ kind: z.enum(['collected', 'assigned', 'closed']) });
  app.get(
    '/api/opinions/ledgers/:kind',
    {
      config: { access: READ },
      schema: {
        tags,
        summary: '台账：问题清单 / 交办清单 / 办结清单',
        params: ledgerParams,
        querystring: listQuery,
      },
    },
    async (req) => ledger(ctx, req.actor!, req.params.kind, filterOf(req.query)),
  );
  app.get(
    '/api/opinions/ledgers/:kind/export',
    {
      config: { access: READ },
      schema: {
        tags,
        summary: '导出台账（.xlsx，个人信息已脱敏；导出全部符合条件的事项，不截断，流式生成）',
        params: ledgerParams,
        querystring: listQuery,
      },
    },
    async (req, reply) => {
      const kind = req.params.kind as LedgerKind;
      // Refusals and bad filters still answer as errors: the first rows are read before sending.
      const exp = await startLedgerExport(ctx, req.actor!, kind, filterOf(req.query));
      const out = new PassThrough();
      exp.write(out).then(
        (rows) => req.log.info({ kind, rows }, 'ledger exported'),
        // A failure mid-way aborts the download (the browser shows it failed): never a short file.
        (err: unknown) => {
          req.log.warn({ kind, err: String(err) }, 'ledger export aborted');
          out.destroy(err instanceof Error ? err : new Error(String(err)));
        },
      );
      const name = `${ledgerTitles[kind]}.xlsx`;
      return reply
        .type(XLSX)
        .header(
          'content-disposition',
          `attachment; filename="ledger.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
        )
        .send(out);
    },
  );

  app.post(
    '/api/opinions',
    {
      config: { access: { roles: ['congress_staff', 'station_staff', 'deputy'] } },
      bodyLimit: 30 * 1024 * 1024,
      schema: {
        tags,
        summary: '登记民意（现场接待、民情笔记、观察员报送）',
        body: staffIntakeBody,
        response: { 201: intakeOut },
      },
    },
    async (req, reply) => reply.status(201).send(await recordOpinion(ctx, req.actor!, req.body)),
  );

  app.get(
    '/api/opinions/:id',
    {
      config: { access: READ },
      schema: { tags, summary: '事项详情（含办理过程与可执行操作）', params: idParams },
    },
    async (req) => opinionDetail(ctx, req.actor!, req.params.id),
  );

  app.get(
    '/api/opinions/:id/suggestion',
    { config: { access: CONGRESS }, schema: { tags, summary: '按派单规则建议的承办单位', params: idParams } },
    async (req) =>
      withCase(ctx, req.actor!, req.params.id, async (tx, c, o) => {
        assertCan(req.actor!, ['congress_staff'], c.jurisdictionPath);
        return { suggestion: await suggestDepartment(tx, c, o.categoryCode) };
      }),
  );

  app.get(
    '/api/opinions/:id/similar',
    {
      config: { access: STAFF },
      schema: { tags, summary: '相似的未办结事项（同街镇、关键词相近），供并单', params: idParams },
    },
    async (req) => ({ items: await similarOpenCases(ctx, req.actor!, req.params.id) }),
  );

  app.get(
    '/api/opinions/:id/attachments/:attachmentId',
    {
      config: { access: READ },
      schema: { tags, summary: '查看照片', params: z.object({ id: uuid, attachmentId: uuid }) },
    },
    async (req, reply) => {
      const actor = req.actor!;
      const { db } = ctx.database;
      const { c, o } = await loadOpinion(db, actor.regionCode, req.params.id);
      await assertCanSee(db, await viewerOf(db, actor), c, o);
      const [a] = await db
        .select()
        .from(opinionAttachments)
        .where(
          and(
            eq(opinionAttachments.regionCode, actor.regionCode),
            eq(opinionAttachments.caseId, c.id),
            eq(opinionAttachments.id, req.params.attachmentId),
          ),
        );
      if (!a)
        return reply.status(404).send({ error: { code: 'opinions.not_found', message: '未找到该照片' } });
      const file = await fs.readFile(path.join(ctx.config.dataDir, a.storagePath));
      return reply.type(a.mime).header('cache-control', 'private, max-age=3600').send(file);
    },
  );

  const step = <B extends z.ZodType>(
    url: string,
    summary: string,
    access: { roles: readonly ('congress_staff' | 'station_staff' | 'department_handler')[] },
    body: B,
    run: (actor: Actor, id: string, body: z.infer<B>) => Promise<unknown>,
  ) =>
    app.post(
      `/api/opinions/:id/${url}`,
      {
        config: { access },
        // Replies carry photos and PDF letters (base64); every other step is a small form.
        ...(url === 'reply' ? { bodyLimit: 45 * 1024 * 1024 } : {}),
        schema: { tags, summary, params: idParams, body },
      },
      async (req) => {
        const id = (req.params as { id: string }).id;
        const c = (await run(req.actor!, id, req.body as z.infer<B>)) as {
          id: string;
          state: string;
          jurisdictionPath: string;
        };
        // A unit that returned or lost the case no longer sees it: answer with the new state only.
        return opinionDetail(ctx, req.actor!, id).catch(async (err: unknown) => {
          if ((err as { code?: string }).code !== 'opinions.not_found') throw err;
          const label = await stateLabeler(ctx.database.db, req.actor!.regionCode, 'opinions');
          return { id: c.id, state: c.state, stateLabel: label(c.state, c.jurisdictionPath) };
        });
      },
    );

  step('accept', '受理（可同时分类）', STAFF, bodies.accept, (a, id, b) => acceptOpinion(ctx, a, id, b));
  step('reject', '不予受理', STAFF, bodies.reject, (a, id, b) => rejectOpinion(ctx, a, id, b.reason));
  step('classify', '分类', STAFF, bodies.classify, (a, id, b) => classifyOpinion(ctx, a, id, b.categoryCode));
  step('assign', '交办（不填单位则按派单规则）', CONGRESS, bodies.assign, (a, id, b) =>
    assignOpinion(ctx, a, id, b),
  );
  step('reroute', '改派', CONGRESS, bodies.reroute, (a, id, b) => rerouteOpinion(ctx, a, id, b));
  step('sign', '签收', DEPT, z.object({}), (a, id) => signOpinion(ctx, a, id));
  step('return', '退回', DEPT, bodies.return, (a, id, b) => returnOpinion(ctx, a, id, b.reason));
  step('extension', '申请延期', DEPT, bodies.extension, (a, id, b) => requestExtension(ctx, a, id, b));
  step('extension/decide', '审批延期', CONGRESS, bodies.decide, (a, id, b) => decideExtension(ctx, a, id, b));
  step('reply', '答复（可附照片或 PDF 答复函）', DEPT, bodies.reply, (a, id, b) =>
    replyOpinion(ctx, a, id, b),
  );
  step('progress', '报送办理进度（复杂事项每月报送）', DEPT, bodies.progress, (a, id, b) =>
    reportProgress(ctx, a, id, b.body),
  );
  step('joint-opinion', '会办单位向主办单位提出会办意见', DEPT, bodies.jointOpinion, (a, id, b) =>
    giveJointOpinion(ctx, a, id, b.body),
  );
  step('rate', '代为记录满意度（电话回访）', CONGRESS, ratingBody, (a, id, b) => rateOpinion(ctx, a, id, b));
  step('merge', '并单：将重复事项合并到主办事项', CONGRESS, bodies.merge, (a, id, b) =>
    mergeOpinion(ctx, a, id, b),
  );
  step('review', '不满意审核：再次重办或办结', CONGRESS, bodies.review, (a, id, b) =>
    reviewOpinion(ctx, a, id, b),
  );

  app.post(
    '/api/opinions/:id/reveal',
    {
      config: { access: { roles: ['congress_staff', 'station_staff'] } },
      schema: { tags, summary: '查看联系人完整信息（记入审计）', params: idParams, body: bodies.reveal },
    },
    async (req) => revealContact(ctx, req.actor!, req.params.id, req.body.purpose),
  );
}
