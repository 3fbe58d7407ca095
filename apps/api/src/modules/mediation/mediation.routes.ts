import type { AppContext } from '../../kernel/context';
import type { App } from '../../kernel/http/app';
import {
  actionBody,
  candidatesQuery,
  findingBody,
  idParams,
  listQuery,
  registerBody,
  sessionBody,
  statsQuery,
} from './mediation.http';
import {
  actOnMediation,
  addFinding,
  addSession,
  listMediations,
  mediationDetail,
  mediationStats,
  mediatorCandidates,
  registerMediation,
  revealParties,
} from './mediation.usecases';

const tags = ['矛盾调解'];
const STAFF = { roles: ['station_staff', 'congress_staff'] as const };
/** Deputies see the cases they mediate; staff their jurisdiction (checked by the use cases). */
const READ = { roles: ['station_staff', 'congress_staff', 'deputy'] as const };

export function mediationRoutes(app: App, ctx: AppContext): void {
  app.post(
    '/api/mediations',
    { config: { access: STAFF }, schema: { tags, summary: '登记调解案件', body: registerBody } },
    async (req, reply) => {
      const c = await registerMediation(ctx, req.actor!, req.body);
      return reply.status(201).send(await mediationDetail(ctx, req.actor!, c.id));
    },
  );
  app.get(
    '/api/mediations',
    {
      config: { access: READ },
      schema: { tags, summary: '调解案件列表（代表：mine=1 为本人参与的）', querystring: listQuery },
    },
    async (req) => {
      const { overdue, mine, ...q } = req.query;
      return listMediations(ctx, req.actor!, { ...q, overdue: !!overdue, mine: !!mine });
    },
  );
  app.get(
    '/api/mediations/stats',
    {
      config: { access: STAFF },
      schema: {
        tags,
        summary: '调解统计（按纠纷类型：受理、成功率、履行、用时、超期）',
        querystring: statsQuery,
      },
    },
    async (req) => mediationStats(ctx, req.actor!, req.query),
  );
  app.get(
    '/api/mediations/:id',
    {
      config: { access: READ },
      schema: { tags, summary: '调解案件详情（当事人信息已脱敏）', params: idParams },
    },
    async (req) => mediationDetail(ctx, req.actor!, req.params.id),
  );
  app.get(
    '/api/mediations/:id/parties',
    {
      config: { access: READ },
      schema: { tags, summary: '查看当事人完整联系方式（留痕审计）', params: idParams },
    },
    async (req) => ({ items: await revealParties(ctx, req.actor!, req.params.id) }),
  );
  app.get(
    '/api/mediations/:id/mediator-candidates',
    {
      config: { access: STAFF },
      schema: {
        tags,
        summary: '可指派的调解代表（进站代表优先，及上级和本级人大的在任代表）',
        params: idParams,
        querystring: candidatesQuery,
      },
    },
    async (req) => ({ items: await mediatorCandidates(ctx, req.actor!, req.params.id, req.query.q) }),
  );
  app.post(
    '/api/mediations/:id/actions',
    {
      config: { access: READ },
      schema: {
        tags,
        summary: '受理/不予受理/达成协议/调解不成/终止/回访结案',
        params: idParams,
        body: actionBody,
      },
    },
    async (req) => {
      await actOnMediation(ctx, req.actor!, req.params.id, req.body);
      return mediationDetail(ctx, req.actor!, req.params.id);
    },
  );
  app.post(
    '/api/mediations/:id/sessions',
    {
      config: { access: READ },
      schema: { tags, summary: '记录一次调解', params: idParams, body: sessionBody },
    },
    async (req, reply) => {
      await addSession(ctx, req.actor!, req.params.id, req.body);
      return reply.status(201).send(await mediationDetail(ctx, req.actor!, req.params.id));
    },
  );
  app.post(
    '/api/mediations/:id/findings',
    {
      config: { access: READ },
      schema: {
        tags,
        summary: '记录调解中发现的问题（可转为代表建议）',
        params: idParams,
        body: findingBody,
      },
    },
    async (req, reply) => {
      await addFinding(ctx, req.actor!, req.params.id, req.body.body);
      return reply.status(201).send(await mediationDetail(ctx, req.actor!, req.params.id));
    },
  );
}
