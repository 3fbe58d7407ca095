import { and, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { appendAudit } from '../../kernel/audit/audit';
import { assertCan, scopePaths } from '../../kernel/auth/actor';
import type { AppContext } from '../../kernel/context';
import { webhookTargets } from '../../kernel/db/kernel.schema';
import { AppError, commonErrors } from '../../kernel/errors';
import type { App } from '../../kernel/http/app';
import { uuidv7 } from '../../kernel/ids';
import { notify } from '../../kernel/notifications/notify';
import { findJurisdiction } from '../jurisdictions/jurisdictions.repository';
import { jurisdictions } from '../jurisdictions/jurisdictions.schema';

const tags = ['消息通知'];
const kinds = { wecom: '企业微信群机器人', dingtalk: '钉钉群机器人', generic: '通用 Webhook' } as const;

/** Robot URLs carry their secret key in the query string: only the host is ever shown. */
function maskUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}/…`;
  } catch {
    return '…';
  }
}

/**
 * Robots are reached by domain name over https only: an IP literal or localhost would let whoever
 * configures a robot make the server call into the internal network (SSRF).
 */
export function webhookUrlProblem(value: string): string | null {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    return '请填写以 https:// 开头的完整地址';
  }
  if (u.protocol !== 'https:') return '请填写以 https:// 开头的完整地址';
  const host = u.hostname.toLowerCase();
  if (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    /^[\d.]+$/.test(host) ||
    host.startsWith('[') ||
    !host.includes('.')
  ) {
    return '请使用机器人服务的域名地址，不能使用 IP 地址或本机地址';
  }
  return null;
}

const webhookUrl = z
  .string()
  .trim()
  .max(1000)
  .superRefine((v, c) => {
    const problem = webhookUrlProblem(v);
    if (problem) c.addIssue({ code: 'custom', message: problem });
  });

export function webhooksRoutes(app: App, ctx: AppContext): void {
  const { db } = ctx.database;
  const item = z.object({
    id: z.string(),
    kind: z.enum(['wecom', 'dingtalk', 'generic']),
    kindLabel: z.string(),
    name: z.string(),
    jurisdictionCode: z.string(),
    url: z.string(),
    enabled: z.boolean(),
  });

  app.get(
    '/api/notifications/webhooks',
    {
      config: { access: { roles: ['sysadmin'] } },
      schema: {
        tags,
        summary: '群机器人/Webhook 列表',
        response: { 200: z.object({ items: z.array(item) }) },
      },
    },
    async (req) => {
      const actor = req.actor!;
      const paths = scopePaths(actor, ['sysadmin']);
      if (paths.length === 0) return { items: [] };
      const rows = await db
        .select({ t: webhookTargets })
        .from(webhookTargets)
        .innerJoin(jurisdictions, eq(jurisdictions.code, webhookTargets.jurisdictionCode))
        .where(
          and(
            eq(webhookTargets.regionCode, actor.regionCode),
            sql`(${sql.join(
              paths.map((p) => sql`${jurisdictions.path} like ${`${p}%`}`),
              sql` or `,
            )})`,
          ),
        )
        .orderBy(desc(webhookTargets.createdAt));
      return {
        items: rows.map(({ t }) => ({
          id: t.id,
          kind: t.kind,
          kindLabel: kinds[t.kind],
          name: t.name,
          jurisdictionCode: t.jurisdictionCode,
          url: maskUrl(ctx.vault.decrypt(t.urlEnc)),
          enabled: t.enabled === 1,
        })),
      };
    },
  );

  app.post(
    '/api/notifications/webhooks',
    {
      config: { access: { roles: ['sysadmin'] } },
      schema: {
        tags,
        summary: '添加群机器人/Webhook',
        body: z.object({
          kind: z.enum(['wecom', 'dingtalk', 'generic'], { error: '请选择机器人类型' }),
          name: z.string().trim().min(1, '请填写名称').max(50),
          jurisdictionCode: z.string().regex(/^\d{2,15}$/, '区划代码格式不正确'),
          url: webhookUrl,
        }),
        response: { 201: z.object({ id: z.string() }) },
      },
    },
    async (req, reply) => {
      const actor = req.actor!;
      const j = await findJurisdiction(db, req.body.jurisdictionCode);
      if (!j) throw new AppError('jurisdictions.not_found', 404);
      assertCan(actor, ['sysadmin'], j.path);
      const now = ctx.clock.now();
      const id = uuidv7(now.getTime());
      await db.transaction(async (tx) => {
        await tx.insert(webhookTargets).values({
          regionCode: actor.regionCode,
          id,
          jurisdictionCode: j.code,
          kind: req.body.kind,
          name: req.body.name,
          urlEnc: ctx.vault.encrypt(req.body.url),
          createdAt: now,
        });
        await appendAudit(tx, actor, now, {
          action: 'notifications.webhook_add',
          targetType: 'webhook',
          targetId: id,
          jurisdictionCode: j.code,
          details: { kind: req.body.kind, host: maskUrl(req.body.url) },
        });
      });
      return reply.status(201).send({ id });
    },
  );

  async function ownTarget(actor: NonNullable<import('fastify').FastifyRequest['actor']>, id: string) {
    const [t] = await db
      .select()
      .from(webhookTargets)
      .where(and(eq(webhookTargets.regionCode, actor.regionCode), eq(webhookTargets.id, id)));
    if (!t) throw commonErrors.not_found();
    const j = await findJurisdiction(db, t.jurisdictionCode);
    assertCan(actor, ['sysadmin'], j?.path ?? '');
    return t;
  }

  const idParams = z.object({ id: z.string().uuid('编号格式不正确') });

  app.post(
    '/api/notifications/webhooks/:id/test',
    {
      config: { access: { roles: ['sysadmin'] } },
      schema: { tags, summary: '发送测试消息（进入投递队列）', params: idParams },
    },
    async (req) => {
      const actor = req.actor!;
      const t = await ownTarget(actor, req.params.id);
      if (t.enabled !== 1) throw new AppError('notifications.webhook_disabled', 409);
      await db.transaction((tx) =>
        notify(tx, ctx, actor.regionCode, { channel: 'webhook', targetId: t.id }, 'system.message', {
          title: '连心平台测试消息',
          body: `这是一条来自连心平台的测试消息（${t.name}）。`,
        }),
      );
      return { queued: true };
    },
  );

  for (const [action, enabled, summary] of [
    ['disable', 0, '停用群机器人'],
    ['enable', 1, '启用群机器人'],
  ] as const) {
    app.post(
      `/api/notifications/webhooks/:id/${action}`,
      { config: { access: { roles: ['sysadmin'] } }, schema: { tags, summary, params: idParams } },
      async (req) => {
        const actor = req.actor!;
        const t = await ownTarget(actor, req.params.id);
        const now = ctx.clock.now();
        await db.transaction(async (tx) => {
          await tx
            .update(webhookTargets)
            .set({ enabled })
            .where(and(eq(webhookTargets.regionCode, t.regionCode), eq(webhookTargets.id, t.id)));
          await appendAudit(tx, actor, now, {
            action: `notifications.webhook_${action}`,
            targetType: 'webhook',
            targetId: t.id,
            jurisdictionCode: t.jurisdictionCode,
          });
        });
        return { enabled: enabled === 1 };
      },
    );
  }
}
