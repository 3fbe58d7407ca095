import { z } from 'zod';
import type { AppContext } from '../../kernel/context';
import type { App } from '../../kernel/http/app';
import { READ_ROLES, WRITE_ROLES } from './deputies.scope';
import {
  listObservers,
  observerInput,
  observerKinds,
  pairObserver,
  saveObserver,
} from './observers.usecases';

const tags = ['民情观察员'];
const idParams = z.object({ id: z.string().uuid('观察员编号格式不正确') });
const observerView = z.object({
  id: z.string(),
  jurisdictionCode: z.string(),
  jurisdictionName: z.string(),
  name: z.string(),
  kind: z.enum(observerKinds),
  kindLabel: z.string(),
  organisation: z.string().nullable(),
  phoneMasked: z.string().nullable(),
  status: z.enum(['active', 'inactive']),
  deputies: z.array(z.object({ id: z.string(), name: z.string() })),
});

export function registerObserverRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/api/observers',
    {
      config: { access: { roles: READ_ROLES } },
      schema: {
        tags,
        summary: '民情观察员列表（本辖区）',
        querystring: z.object({
          scope: z
            .string()
            .regex(/^\d{2,15}$/)
            .optional(),
          q: z.string().max(30).optional(),
        }),
        response: { 200: z.object({ items: z.array(observerView) }) },
      },
    },
    async (req) => ({ items: await listObservers(ctx, req.actor!, req.query) }),
  );

  app.post(
    '/api/observers',
    {
      config: { access: { roles: WRITE_ROLES } },
      schema: {
        tags,
        summary: '新增民情观察员',
        body: observerInput,
        response: { 201: z.object({ id: z.string() }) },
      },
    },
    async (req, reply) => reply.status(201).send(await saveObserver(ctx, req.actor!, req.body)),
  );

  app.put(
    '/api/observers/:id',
    {
      config: { access: { roles: WRITE_ROLES } },
      schema: { tags, summary: '编辑民情观察员', params: idParams, body: observerInput },
    },
    async (req) => saveObserver(ctx, req.actor!, req.body, req.params.id),
  );

  app.put(
    '/api/observers/:id/deputies',
    {
      config: { access: { roles: WRITE_ROLES } },
      schema: {
        tags,
        summary: '设置观察员结对的代表',
        params: idParams,
        body: z.object({ deputyIds: z.array(z.string().uuid()).max(20, '最多结对 20 名代表') }),
      },
    },
    async (req) => {
      await pairObserver(ctx, req.actor!, req.params.id, req.body.deputyIds);
      return { paired: req.body.deputyIds.length };
    },
  );
}
