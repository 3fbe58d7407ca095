import { z } from 'zod';
import type { AppContext } from '../../kernel/context';
import type { App } from '../../kernel/http/app';
import { deputyInput, listQuery, statusChangeInput } from './deputies.model';
import { deputyFormOptions } from './deputies.options';
import { READ_ROLES, WRITE_ROLES } from './deputies.scope';
import { changeDeputyStatus, createDeputy, getDeputy, listDeputies, updateDeputy } from './deputies.usecases';
import { deputyOptions, deputyPage, deputyView } from './deputies.views';
import { registerLiaisonRoutes } from './liaison.routes';
import { registerObserverRoutes } from './observers.routes';
import { registerRosterRoutes } from './roster.routes';

const tags = ['人大代表'];
const idParams = z.object({ id: z.string().uuid('代表编号格式不正确') });

/** 代表名册: list, detail, create, edit, status; roster Excel, observers and 双联系 register their own. */
export function deputiesRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/api/deputies',
    {
      config: { access: { roles: READ_ROLES } },
      schema: {
        tags,
        summary: '代表名册（分页、筛选）',
        querystring: listQuery,
        response: { 200: deputyPage },
      },
    },
    async (req) => listDeputies(ctx, req.actor!, req.query),
  );

  app.get(
    '/api/deputies/options',
    {
      config: { access: { roles: READ_ROLES } },
      schema: {
        tags,
        summary: '编辑代表时可选的网格、站点与小组',
        querystring: z.object({
          scope: z
            .string()
            .regex(/^\d{2,15}$/)
            .optional(),
        }),
        response: { 200: deputyOptions },
      },
    },
    async (req) => deputyFormOptions(ctx, req.actor!, req.query.scope),
  );

  app.get(
    '/api/deputies/:id',
    {
      config: { access: { roles: READ_ROLES } },
      schema: { tags, summary: '代表详情', params: idParams, response: { 200: deputyView } },
    },
    async (req) => getDeputy(ctx, req.actor!, req.params.id),
  );

  app.post(
    '/api/deputies',
    {
      config: { access: { roles: WRITE_ROLES } },
      schema: { tags, summary: '新增代表', body: deputyInput, response: { 201: deputyView } },
    },
    async (req, reply) => reply.status(201).send(await createDeputy(ctx, req.actor!, req.body)),
  );

  app.put(
    '/api/deputies/:id',
    {
      config: { access: { roles: WRITE_ROLES } },
      schema: {
        tags,
        summary: '编辑代表',
        params: idParams,
        body: deputyInput,
        response: { 200: deputyView },
      },
    },
    async (req) => updateDeputy(ctx, req.actor!, req.params.id, req.body),
  );

  app.post(
    '/api/deputies/:id/status',
    {
      config: { access: { roles: WRITE_ROLES } },
      schema: {
        tags,
        summary: '变更代表状态（在任/辞职/罢免/终止）',
        params: idParams,
        body: statusChangeInput,
        response: { 200: deputyView },
      },
    },
    async (req) => changeDeputyStatus(ctx, req.actor!, req.params.id, req.body),
  );

  registerRosterRoutes(app, ctx);
  registerObserverRoutes(app, ctx);
  registerLiaisonRoutes(app, ctx);
}
