import { z } from 'zod';
import type { AppContext } from '../../kernel/context';
import type { App } from '../../kernel/http/app';
import { issueApiKey, listApiClients, revokeApiKey } from './integrations.usecases';

const tags = ['接口密钥'];
const access = { roles: ['sysadmin'] } as const;

const clientOut = z.object({
  id: z.string(),
  kind: z.enum(['open311', 'hotline']),
  kindLabel: z.string(),
  name: z.string(),
  jurisdictionCode: z.string(),
  jurisdictionName: z.string().nullable(),
  keyPrefix: z.string(),
  contact: z.string().nullable(),
  active: z.boolean(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

export function integrationsRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/api/integrations/clients',
    {
      config: { access },
      schema: {
        tags,
        summary: '接口密钥列表（只显示密钥前缀）',
        response: { 200: z.object({ items: z.array(clientOut) }) },
      },
    },
    async (req) => ({ items: await listApiClients(ctx, req.actor!) }),
  );

  app.post(
    '/api/integrations/clients',
    {
      config: { access },
      schema: {
        tags,
        summary: '签发接口密钥（完整密钥只在此返回一次）',
        body: z.object({
          kind: z.enum(['open311', 'hotline'], { error: '请选择接口类型' }),
          name: z
            .string({ error: '请填写客户端名称' })
            .trim()
            .min(2, '名称至少 2 个字')
            .max(50, '名称不超过 50 字'),
          jurisdictionCode: z.string({ error: '请选择辖区' }).regex(/^\d{2,15}$/, '区划代码格式不正确'),
          contact: z.string().trim().max(100, '联系人不超过 100 字').optional(),
        }),
        response: { 201: z.object({ client: clientOut, key: z.string() }) },
      },
    },
    async (req, reply) => reply.status(201).send(await issueApiKey(ctx, req.actor!, req.body)),
  );

  app.post(
    '/api/integrations/clients/:id/revoke',
    {
      config: { access },
      schema: {
        tags,
        summary: '吊销接口密钥（不可恢复）',
        params: z.object({ id: z.string().uuid('编号格式不正确') }),
        body: z.object({
          reason: z
            .string({ error: '请填写吊销理由' })
            .trim()
            .min(2, '请填写吊销理由（至少 2 个字）')
            .max(200, '理由不超过 200 字'),
        }),
        response: { 200: clientOut },
      },
    },
    async (req) => revokeApiKey(ctx, req.actor!, req.params.id, req.body.reason),
  );
}
