import { z } from 'zod';
import type { AppContext } from '../../kernel/context';
import type { App } from '../../kernel/http/app';
import { myQuotaProgress, staffQuotaProgress } from './quotas.usecases';

const tags = ['履职要求'];
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM');

/** 履职要求 progress: staff see their jurisdiction's deputies (who is behind), a deputy their own. */
export function quotasRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/api/activities/quotas/progress',
    {
      config: { access: { roles: ['congress_staff', 'station_staff'] } },
      schema: {
        tags,
        summary: '代表履职要求完成情况（辖区代表，可筛选落后者）',
        querystring: z.object({
          congressCode: z.string().regex(/^\d{6,15}$/, '区划代码格式不正确'),
          month: month.optional(),
          status: z.enum(['behind', 'met', 'on_track']).optional(),
          quotaKey: z.string().max(60).optional(),
          name: z.string().trim().max(20).optional(),
          page: z.coerce.number().int().min(1).max(10_000).optional(),
          pageSize: z.coerce.number().int().min(1).max(200).optional(),
        }),
      },
    },
    async (req) => staffQuotaProgress(ctx, req.actor!, req.query),
  );

  app.get(
    '/api/activities/quotas/mine',
    {
      config: { access: { roles: ['deputy'] } },
      schema: { tags, summary: '我的履职要求完成情况', querystring: z.object({ month: month.optional() }) },
    },
    async (req) => myQuotaProgress(ctx, req.actor!, req.query),
  );
}
