import { and, desc, eq, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { appendAudit, verifyAuditChain } from '../../kernel/audit/audit';
import type { AppContext } from '../../kernel/context';
import { auditLog } from '../../kernel/db/kernel.schema';
import type { App } from '../../kernel/http/app';

const tags = ['审计'];

/** Only the audit administrator (三员分立) reads the log; reading it is itself audited. */
export function auditRoutes(app: App, ctx: AppContext): void {
  const { db } = ctx.database;

  app.get(
    '/api/audit',
    {
      config: { access: { roles: ['auditadmin'] } },
      schema: {
        tags,
        summary: '审计日志',
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(200).default(50),
          before: z.coerce.number().int().positive().optional(),
          action: z.string().max(64).optional(),
        }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                seq: z.number(),
                at: z.date(),
                actorLabel: z.string(),
                action: z.string(),
                targetType: z.string().nullable(),
                targetId: z.string().nullable(),
                jurisdictionCode: z.string().nullable(),
                ip: z.string().nullable(),
              }),
            ),
            nextBefore: z.number().nullable(),
          }),
        },
      },
    },
    async (req) => {
      const { limit, before, action } = req.query;
      const region = req.actor!.regionCode;
      const rows = await db
        .select({
          seq: auditLog.seq,
          at: auditLog.at,
          actorLabel: auditLog.actorLabel,
          action: auditLog.action,
          targetType: auditLog.targetType,
          targetId: auditLog.targetId,
          jurisdictionCode: auditLog.jurisdictionCode,
          ip: auditLog.ip,
        })
        .from(auditLog)
        .where(
          and(
            eq(auditLog.regionCode, region),
            before ? lt(auditLog.seq, before) : undefined,
            action ? sql`${auditLog.action} like ${`${action.replace(/[%_]/g, '')}%`}` : undefined,
          ),
        )
        .orderBy(desc(auditLog.seq))
        .limit(limit);
      await db.transaction((tx) =>
        appendAudit(tx, req.actor!, ctx.clock.now(), {
          action: 'audit.read',
          details: { before: before ?? null, action: action ?? null, count: rows.length },
        }),
      );
      return { items: rows, nextBefore: rows.length === limit ? rows.at(-1)!.seq : null };
    },
  );

  app.post(
    '/api/audit/verify',
    {
      config: { access: { roles: ['auditadmin'] } },
      schema: {
        tags,
        summary: '校验审计日志哈希链',
        response: {
          200: z.object({
            ok: z.boolean(),
            checked: z.number(),
            firstBrokenSeq: z.number().nullable(),
            reason: z.string().nullable(),
          }),
        },
      },
    },
    async (req) => {
      const actor = req.actor!;
      const report = await verifyAuditChain(db, actor.regionCode);
      await db.transaction((tx) =>
        appendAudit(tx, actor, ctx.clock.now(), {
          action: 'audit.verify',
          details: { ok: report.ok, checked: report.checked, firstBrokenSeq: report.firstBrokenSeq },
        }),
      );
      return report;
    },
  );
}
