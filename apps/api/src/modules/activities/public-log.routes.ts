import { z } from 'zod';
import type { AppContext } from '../../kernel/context';
import type { App } from '../../kernel/http/app';
import { publicLog } from './public-log.usecases';

/** The allow-list of the public 履职日志: the serializer drops anything not named here. */
export const publicLogSchema = z.object({
  deputy: z.object({ code: z.string(), name: z.string(), area: z.string().nullable() }),
  year: z.number(),
  activities: z.array(
    z.object({
      day: z.string(),
      kind: z.string(),
      kindName: z.string(),
      title: z.string(),
      place: z.string().nullable(),
      content: z.string().nullable(),
    }),
  ),
  suggestions: z.array(
    z.object({
      id: z.string().nullable(),
      title: z.string(),
      role: z.string(),
      roleLabel: z.string(),
      submittedOn: z.string(),
      registerNo: z.string().nullable(),
      stateLabel: z.string(),
      published: z.boolean(),
      answerCategory: z.string().nullable(),
    }),
  ),
  reports: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      scheduledOn: z.string(),
      place: z.string().nullable(),
      statusLabel: z.string(),
    }),
  ),
});

export function publicLogRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/api/public/deputies/:code/log',
    {
      config: { access: 'public' },
      schema: {
        tags: ['门户'],
        summary: '代表履职日志（公开，只列事实，不排名、不计分）',
        params: z.object({ code: z.string().regex(/^[0-9A-Za-z_-]{4,32}$/, '编码格式不正确') }),
        querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() }),
        response: { 200: publicLogSchema },
      },
    },
    (req) => publicLog(ctx, ctx.config.REGION_CODE, req.params.code, req.query.year),
  );
}
