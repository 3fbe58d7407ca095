import type { z } from 'zod';
import { z as zod } from 'zod';
import type { Actor } from '../../kernel/auth/actor';
import type { AppContext } from '../../kernel/context';
import type { App } from '../../kernel/http/app';
import {
  answerSuggestion,
  completeFollowUp,
  markKey,
  publishSuggestion,
  rateSuggestion,
  reportProgress,
  updatePil,
} from './answers.usecases';
import { addAttachments, attachmentFile, MAX_SUGGESTION_FILES, removeAttachment } from './attachments';
import { suggestionCongresses } from './congresses';
import {
  cosignSuggestion,
  draftFromOpinion,
  draftSuggestion,
  editDraft,
  submitSuggestion,
} from './drafting.usecases';
import { suggestionsFromOpinion } from './fromOpinion';
import {
  assignSuggestions,
  convertToLetter,
  extendSuggestion,
  giveJointOpinion,
  groupSuggestions,
  recordContact,
  registerSuggestion,
  returnSuggestion,
} from './handling.usecases';
import { draftFromActivity, suggestionsOfActivity } from './inspection';
import { keySuggestions, unmarkKey } from './keylist';
import { cosignable, exportLedger, exportUnitReport, ledger } from './ledgers.usecases';
import { draftFromFinding, suggestionsOfFinding } from './mediation';
import { pilRoutes } from './pil.routes';
import {
  listSuggestions,
  publicSuggestion,
  publicSuggestions,
  suggestionDetail,
  suggestionStats,
} from './queries.usecases';
import { defineSession, listSessions, updateSession } from './sessions';
import { suggestionCase } from './suggestions.case';
import {
  bodies,
  idParams,
  keyQuery,
  type ListQuery,
  listQuery,
  publicItem,
  publicQuery,
  sessionsQuery,
  unitQuery,
} from './suggestions.http';

const tags = ['代表建议'];
const READ = { roles: ['congress_staff', 'department_handler', 'deputy'] as const };
const CONGRESS = { roles: ['congress_staff'] as const };
const DEPT = { roles: ['department_handler'] as const };
const DEPUTY = { roles: ['deputy'] as const };
/** Who may see an activity (activities module): staff of its area and the deputies who took part. */
const ACTIVITY_VIEWERS = { roles: ['congress_staff', 'station_staff', 'deputy'] as const };
/** Who may see an opinion (opinions module): its area's staff, its units, the deputy it was addressed to. */
const OPINION_VIEWERS = {
  roles: ['congress_staff', 'station_staff', 'department_handler', 'deputy'] as const,
};
const RATERS = { roles: ['deputy', 'congress_staff'] as const };
const FOLLOW = { roles: ['department_handler', 'congress_staff'] as const };
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
type Role = 'congress_staff' | 'department_handler' | 'deputy';

const filterOf = (q: ListQuery) => ({
  ...q,
  overdue: q.overdue ? true : undefined,
  followUp: q.followUp ? true : undefined,
});
const attachment = (name: string) =>
  `attachment; filename="suggestions.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`;

/** Workbench, console and department routes of 代表建议. */
export function suggestionsRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/api/suggestions',
    {
      config: { access: READ },
      schema: {
        tags,
        summary: '建议列表（按身份限定：代表本人及联名、承办单位所办、人大辖区）',
        querystring: listQuery,
      },
    },
    async (req) => listSuggestions(ctx, req.actor!, filterOf(req.query)),
  );
  app.get(
    '/api/suggestions/deadlines',
    {
      config: { access: READ },
      schema: { tags, summary: '办理期限看板（按答复期限排序，可只看超期）', querystring: listQuery },
    },
    async (req) => listSuggestions(ctx, req.actor!, { ...filterOf(req.query), state: req.query.state }, true),
  );
  app.get(
    '/api/suggestions/cosignable',
    {
      config: { access: DEPUTY },
      schema: { tags, summary: '可联名的建议（本人所在人大的草稿与已提交建议）' },
    },
    async (req) => cosignable(ctx, req.actor!),
  );
  app.get(
    '/api/suggestions/stats',
    {
      config: { access: READ },
      schema: { tags, summary: '办理统计（按人大、届次、会次）', querystring: listQuery },
    },
    async (req) => suggestionStats(ctx, req.actor!, filterOf(req.query)),
  );
  app.get(
    '/api/suggestions/ledger',
    { config: { access: READ }, schema: { tags, summary: '建议办理台账', querystring: listQuery } },
    async (req) => ledger(ctx, req.actor!, filterOf(req.query)),
  );
  app.get(
    '/api/suggestions/ledger/export',
    {
      config: { access: READ },
      schema: { tags, summary: '导出建议办理台账（.xlsx）', querystring: listQuery },
    },
    async (req, reply) =>
      reply
        .type(XLSX)
        .header('content-disposition', attachment('建议办理台账.xlsx'))
        .send(await exportLedger(ctx, req.actor!, filterOf(req.query))),
  );
  app.get(
    '/api/suggestions/unit-report/export',
    {
      config: { access: { roles: ['congress_staff', 'department_handler'] } },
      schema: { tags, summary: '导出承办单位办理情况报告（.xlsx）', querystring: unitQuery },
    },
    async (req, reply) => {
      const { departmentId, ...q } = req.query;
      const r = await exportUnitReport(ctx, req.actor!, departmentId, filterOf(q));
      return reply
        .type(XLSX)
        .header('content-disposition', attachment(`${r.name}办理情况.xlsx`))
        .send(r.file);
    },
  );
  app.get(
    '/api/suggestions/congresses',
    {
      config: { access: READ },
      schema: { tags, summary: '可统计的人大（本辖区内的人大，代表为本人所在人大；范围大者在前）' },
    },
    async (req) => ({ items: await suggestionCongresses(ctx.database.db, req.actor!) }),
  );
  app.get(
    '/api/suggestions/sessions',
    {
      config: { access: READ },
      schema: { tags, summary: '人代会会期（可按人大筛选）', querystring: sessionsQuery },
    },
    async (req) => listSessions(ctx, req.actor!, req.query.congressCode),
  );
  app.post(
    '/api/suggestions/sessions',
    {
      config: { access: CONGRESS },
      schema: { tags, summary: '登记人代会会期（会期内提出的建议计为会议期间建议）', body: bodies.session },
    },
    async (req, reply) => reply.status(201).send(await defineSession(ctx, req.actor!, req.body)),
  );
  app.put(
    '/api/suggestions/sessions/:id',
    {
      config: { access: CONGRESS },
      schema: {
        tags,
        summary: '修改人代会会期（已有建议计入的会期不能改届次、会次）',
        params: idParams,
        body: bodies.sessionUpdate,
      },
    },
    async (req) => updateSession(ctx, req.actor!, req.params.id, req.body),
  );
  app.get(
    '/api/suggestions/key',
    {
      config: { access: CONGRESS },
      schema: {
        tags,
        summary: '重点督办建议（某年度、某人大：督办领导、主办单位、状态、最近进展、是否逾期未报）',
        querystring: keyQuery,
      },
    },
    async (req) => keySuggestions(ctx, req.actor!, req.query),
  );
  app.post(
    '/api/suggestions',
    {
      config: { access: DEPUTY },
      schema: { tags, summary: '起草建议（或由检察建议转化）', body: bodies.draft },
    },
    async (req, reply) => {
      const c = await draftSuggestion(ctx, req.actor!, req.body);
      return reply.status(201).send(await suggestionDetail(ctx, req.actor!, c.id));
    },
  );
  app.post(
    '/api/suggestions/from-opinion/:id',
    {
      config: { access: DEPUTY },
      schema: {
        tags,
        summary: '将群众意见转为代表建议（双向关联）',
        params: idParams,
        body: bodies.fromOpinion,
      },
    },
    async (req, reply) => {
      const c = await draftFromOpinion(ctx, req.actor!, req.params.id, req.body);
      return reply.status(201).send(await suggestionDetail(ctx, req.actor!, c.id));
    },
  );
  app.get(
    '/api/suggestions/from-opinion/:id',
    {
      config: { access: OPINION_VIEWERS },
      schema: {
        tags,
        summary: '由该群众意见转化的代表建议（可看者见详情，其余计数；收到该意见的代表可否转化）',
        params: idParams,
      },
    },
    async (req) => suggestionsFromOpinion(ctx, req.actor!, req.params.id),
  );
  // 视察/调研/执法检查转建议: the deputy who attended converts it; the activity lists its suggestions.
  app.post(
    '/api/suggestions/from-activity/:id',
    {
      config: { access: DEPUTY },
      schema: {
        tags,
        summary: '将本人出席的视察、调研、执法检查活动转为代表建议（双向关联，每项活动每位代表一次）',
        params: idParams,
        body: bodies.fromActivity,
      },
    },
    async (req, reply) => {
      const c = await draftFromActivity(ctx, req.actor!, req.params.id, req.body);
      return reply.status(201).send(await suggestionDetail(ctx, req.actor!, c.id));
    },
  );
  app.get(
    '/api/suggestions/from-activity/:id',
    {
      config: { access: ACTIVITY_VIEWERS },
      schema: {
        tags,
        summary: '由该履职活动转化的代表建议（可看者见详情，其余计数；本人可否转化）',
        params: idParams,
      },
    },
    async (req) => suggestionsOfActivity(ctx, req.actor!, req.params.id),
  );
  // 调解转建议: a deputy who mediated the case converts a finding; the finding lists its suggestions.
  app.post(
    '/api/suggestions/from-mediation/:id',
    {
      config: { access: DEPUTY },
      schema: {
        tags,
        summary: '将本人参与调解的案件中发现的问题转为代表建议（双向关联，每个问题每位代表一次）',
        params: idParams,
        body: bodies.fromActivity,
      },
    },
    async (req, reply) => {
      const c = await draftFromFinding(ctx, req.actor!, req.params.id, req.body);
      return reply.status(201).send(await suggestionDetail(ctx, req.actor!, c.id));
    },
  );
  app.get(
    '/api/suggestions/from-mediation/:id',
    {
      config: { access: ACTIVITY_VIEWERS },
      schema: {
        tags,
        summary: '由该调解发现问题转化的代表建议（可看者见详情，其余计数；本人可否转化）',
        params: idParams,
      },
    },
    async (req) => suggestionsOfFinding(ctx, req.actor!, req.params.id),
  );
  app.post(
    '/api/suggestions/group',
    { config: { access: CONGRESS }, schema: { tags, summary: '并案办理', body: bodies.group } },
    async (req) => groupSuggestions(ctx, req.actor!, req.body),
  );
  app.post(
    '/api/suggestions/assign',
    {
      config: { access: CONGRESS },
      schema: { tags, summary: '交办（可批量，交办会）：主办单位与会办单位', body: bodies.assign },
    },
    async (req) => {
      const { ids, ...input } = req.body;
      const done = await assignSuggestions(ctx, req.actor!, ids, input);
      return { items: done.map((c) => ({ id: c.id, state: c.state })) };
    },
  );
  app.get(
    '/api/suggestions/:id',
    {
      config: { access: READ },
      schema: { tags, summary: '建议详情（含联名、承办、面商、答复、测评、可执行操作）', params: idParams },
    },
    async (req) => suggestionDetail(ctx, req.actor!, req.params.id),
  );

  // 附件: photos and PDFs of the lead deputy while drafting; served to whoever may see the suggestion.
  const fileParams = zod.object({ id: idParams.shape.id, attachmentId: idParams.shape.id });
  app.post(
    '/api/suggestions/:id/attachments',
    {
      config: { access: DEPUTY },
      // Nine files of up to 10 MB each, as base64.
      bodyLimit: 128 * 1024 * 1024,
      schema: {
        tags,
        summary: '上传建议附件（照片或 PDF；领衔代表在起草和待审查期间，照片去除 EXIF/GPS）',
        params: idParams,
        body: zod.object({
          files: zod
            .array(zod.string().min(1))
            .min(1, '请选择附件')
            .max(MAX_SUGGESTION_FILES, `每件建议最多上传 ${MAX_SUGGESTION_FILES} 个附件`),
        }),
      },
    },
    async (req, reply) =>
      reply.status(201).send(await addAttachments(ctx, req.actor!, req.params.id, req.body.files)),
  );
  app.delete(
    '/api/suggestions/:id/attachments/:attachmentId',
    { config: { access: DEPUTY }, schema: { tags, summary: '删除建议附件', params: fileParams } },
    async (req) => removeAttachment(ctx, req.actor!, req.params.id, req.params.attachmentId),
  );
  app.get(
    '/api/suggestions/:id/attachments/:attachmentId',
    {
      config: { access: READ },
      schema: { tags, summary: '查看建议附件（可看该建议者）', params: fileParams },
    },
    async (req, reply) => {
      const f = await attachmentFile(ctx, req.actor!, req.params.id, req.params.attachmentId);
      return reply.type(f.mime).header('cache-control', 'private, max-age=3600').send(f.data);
    },
  );

  const step = <B extends z.ZodType>(
    url: string,
    summary: string,
    access: { roles: readonly Role[] },
    body: B,
    run: (actor: Actor, id: string, body: z.infer<B>) => Promise<{ id: string; state: string }>,
  ) =>
    app.post(
      `/api/suggestions/:id/${url}`,
      { config: { access }, schema: { tags, summary, params: idParams, body } },
      async (req) => {
        const id = (req.params as { id: string }).id;
        const c = await run(req.actor!, id, req.body as z.infer<B>);
        // A unit that returned the suggestion no longer sees it: answer with the new state only.
        return suggestionDetail(ctx, req.actor!, id).catch((err: unknown) => {
          if ((err as { code?: string }).code !== 'suggestions.not_found') throw err;
          return { id: c.id, state: c.state, stateLabel: suggestionCase.states[c.state]?.label ?? c.state };
        });
      },
    );

  step('edit', '修改草稿', DEPUTY, bodies.edit, (a, id, b) => editDraft(ctx, a, id, b));
  step('cosign', '联名', DEPUTY, bodies.none, (a, id) => cosignSuggestion(ctx, a, id));
  step('submit', '提交', DEPUTY, bodies.none, (a, id) => submitSuggestion(ctx, a, id));
  step('register', '立案（自动编号）', CONGRESS, bodies.none, (a, id) => registerSuggestion(ctx, a, id));
  step('letter', '不予立案，转作来信（代表可见理由）', CONGRESS, bodies.letter, (a, id, b) =>
    convertToLetter(ctx, a, id, b.reason),
  );
  step('return', '退回（非本单位职责，限期内）', DEPT, bodies.return, (a, id, b) =>
    returnSuggestion(ctx, a, id, b.reason),
  );
  step('extend', '批准按复杂建议办理（六个月）', CONGRESS, bodies.extend, (a, id, b) =>
    extendSuggestion(ctx, a, id, b.reason),
  );
  step('joint-opinion', '会办单位向主办单位提出会办意见', DEPT, bodies.jointOpinion, (a, id, b) =>
    giveJointOpinion(ctx, a, id, b.body),
  );
  step('contact', '记录面商（办前/办中/办后）', DEPT, bodies.contact, (a, id, b) =>
    recordContact(ctx, a, id, b),
  );
  step('answer', '答复（分类、领导签发，B 类须承诺完成日期）', DEPT, bodies.answer, (a, id, b) =>
    answerSuggestion(ctx, a, id, b),
  );
  step('rate', '测评（态度、结果分别评价）', RATERS, bodies.rate, (a, id, b) =>
    rateSuggestion(ctx, a, id, b),
  );
  step('follow-up-done', '承诺事项已落实（回头看）', FOLLOW, bodies.followUpDone, (a, id, b) =>
    completeFollowUp(ctx, a, id, b.note),
  );
  step('report', '报送进展（重点督办、年中、年末）', DEPT, bodies.report, (a, id, b) =>
    reportProgress(ctx, a, id, b),
  );
  step('key', '列为重点督办建议', CONGRESS, bodies.key, (a, id, b) => markKey(ctx, a, id, b));
  step('unkey', '取消重点督办（须说明理由）', CONGRESS, bodies.letter, (a, id, b) =>
    unmarkKey(ctx, a, id, b.reason),
  );
  step('pil', '公益诉讼衔接（移送线索及状态）', CONGRESS, bodies.pil, (a, id, b) => updatePil(ctx, a, id, b));
  step('publish', '公开办理结果', CONGRESS, bodies.none, (a, id) => publishSuggestion(ctx, a, id));

  // 公益诉讼衔接: the procuratorate's side and 检察建议 → 代表建议.
  pilRoutes(app, ctx);

  // Portal: published handling results (代表法 Art. 51), de-identified.
  app.get(
    '/api/public/suggestions',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '公开的代表建议办理结果',
        querystring: publicQuery,
        response: {
          200: zod.object({
            total: zod.number(),
            page: zod.number(),
            pageSize: zod.number(),
            items: zod.array(publicItem),
          }),
        },
      },
    },
    async (req) => publicSuggestions(ctx, req.query),
  );
  app.get(
    '/api/public/suggestions/:id',
    {
      config: { access: 'public' },
      schema: { tags, summary: '公开的建议办理结果详情', params: idParams, response: { 200: publicItem } },
    },
    async (req) => publicSuggestion(ctx, req.params.id),
  );
}
