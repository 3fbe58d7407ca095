import { z } from 'zod';
import type { AppContext } from '../../kernel/context';
import type { App } from '../../kernel/http/app';
import { READ_ROLES, WRITE_ROLES } from './deputies.scope';
import { createPair, listPairs, listVisits, pairInput, recordVisit, visitInput } from './liaison.usecases';

const tags = ['双联系'];
const idParams = z.object({ id: z.string().uuid('结对编号格式不正确') });
const pairView = z.object({
  id: z.string(),
  kind: z.enum(['committee_member', 'department_head']),
  memberName: z.string(),
  memberTitle: z.string().nullable(),
  departmentId: z.string().nullable(),
  departmentName: z.string().nullable(),
  deputyId: z.string(),
  deputyName: z.string(),
  jurisdictionCode: z.string(),
  lastContactOn: z.string().nullable(),
  overdue: z.boolean(),
});

export function registerLiaisonRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/api/liaison-pairs',
    {
      config: { access: { roles: READ_ROLES } },
      schema: {
        tags,
        summary: '双联系结对列表（含超期未联系标记）',
        querystring: z.object({
          scope: z
            .string()
            .regex(/^\d{2,15}$/)
            .optional(),
        }),
        response: {
          200: z.object({
            noContactMonths: z.number(),
            departments: z.array(z.object({ id: z.string(), name: z.string() })),
            items: z.array(pairView),
          }),
        },
      },
    },
    async (req) => listPairs(ctx, req.actor!, req.query),
  );

  app.post(
    '/api/liaison-pairs',
    {
      config: { access: { roles: WRITE_ROLES } },
      schema: {
        tags,
        summary: '新建双联系结对',
        body: pairInput,
        response: { 201: z.object({ id: z.string() }) },
      },
    },
    async (req, reply) => reply.status(201).send(await createPair(ctx, req.actor!, req.body)),
  );

  app.get(
    '/api/liaison-pairs/:id/visits',
    {
      config: { access: { roles: READ_ROLES } },
      schema: {
        tags,
        summary: '结对联系记录',
        params: idParams,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                visitedOn: z.string(),
                mode: z.enum(['visit', 'meeting', 'phone', 'online']),
                summary: z.string(),
                createdAt: z.date(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => ({ items: await listVisits(ctx, req.actor!, req.params.id) }),
  );

  app.post(
    '/api/liaison-pairs/:id/visits',
    {
      config: { access: { roles: WRITE_ROLES } },
      schema: {
        tags,
        summary: '登记一次联系（重新计算未联系提醒）',
        params: idParams,
        body: visitInput,
        response: { 201: z.object({ id: z.string() }) },
      },
    },
    async (req, reply) => reply.status(201).send(await recordVisit(ctx, req.actor!, req.params.id, req.body)),
  );
}
