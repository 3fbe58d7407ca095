import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { appendAudit } from '../../kernel/audit/audit';
import { assertCan } from '../../kernel/auth/actor';
import type { AppContext } from '../../kernel/context';
import { notifications, smsOutbox } from '../../kernel/db/kernel.schema';
import { commonErrors } from '../../kernel/errors';
import type { App } from '../../kernel/http/app';
import { findJurisdiction } from '../jurisdictions/jurisdictions.repository';

const tags = ['消息通知'];

export function notificationsRoutes(app: App, ctx: AppContext): void {
  const { db } = ctx.database;

  app.get(
    '/api/notifications/inbox',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '我的站内消息',
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                title: z.string(),
                body: z.string(),
                createdAt: z.date(),
                readAt: z.date().nullable(),
              }),
            ),
            unread: z.number(),
          }),
        },
      },
    },
    async (req) => {
      const actor = req.actor!;
      const mine = and(
        eq(notifications.regionCode, actor.regionCode),
        eq(notifications.accountId, actor.accountId!),
        eq(notifications.channel, 'inapp'),
      );
      const items = await db
        .select({
          id: notifications.id,
          title: notifications.title,
          body: notifications.body,
          createdAt: notifications.createdAt,
          readAt: notifications.readAt,
        })
        .from(notifications)
        .where(mine)
        .orderBy(desc(notifications.createdAt))
        .limit(100);
      const [u] = await db
        .select({ n: sql<number>`count(*)` })
        .from(notifications)
        .where(and(mine, isNull(notifications.readAt)));
      return { items, unread: Number(u?.n ?? 0) };
    },
  );

  app.post(
    '/api/notifications/:id/read',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: '标记已读', params: z.object({ id: z.string().uuid('消息编号格式不正确') }) },
    },
    async (req) => {
      const actor = req.actor!;
      const updated = await db
        .update(notifications)
        .set({ readAt: ctx.clock.now() })
        .where(
          and(
            eq(notifications.regionCode, actor.regionCode),
            eq(notifications.id, req.params.id),
            eq(notifications.accountId, actor.accountId!),
          ),
        )
        .returning({ id: notifications.id });
      if (updated.length === 0) throw commonErrors.not_found();
      return { read: true };
    },
  );

  app.get(
    '/api/notifications/sms-outbox',
    {
      config: { access: { roles: ['sysadmin', 'congress_staff'] } },
      schema: {
        tags,
        summary: '短信发件箱（默认短信通道）',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: {
          200: z.object({
            items: z.array(
              z.object({ id: z.string(), phoneMasked: z.string(), body: z.string(), createdAt: z.date() }),
            ),
          }),
        },
      },
    },
    async (req) => {
      const actor = req.actor!;
      // SMS are sent region-wide (citizens' codes have no jurisdiction yet): the reader must cover the region.
      const region = await findJurisdiction(db, actor.regionCode);
      assertCan(actor, ['sysadmin', 'congress_staff'], region?.path ?? '/');
      const items = await db
        .select({
          id: smsOutbox.id,
          phoneMasked: smsOutbox.phoneMasked,
          body: smsOutbox.body,
          createdAt: smsOutbox.createdAt,
        })
        .from(smsOutbox)
        .where(eq(smsOutbox.regionCode, actor.regionCode))
        .orderBy(desc(smsOutbox.createdAt))
        .limit(req.query.limit);
      await db.transaction((tx) =>
        appendAudit(tx, actor, ctx.clock.now(), {
          action: 'notifications.view_sms_outbox',
          details: { count: items.length },
        }),
      );
      return { items };
    },
  );
}
