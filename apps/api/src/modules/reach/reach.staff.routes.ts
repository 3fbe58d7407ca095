import { z } from 'zod';
import type { AppContext } from '../../kernel/context';
import type { App } from '../../kernel/http/app';
import { COVERAGE_ROLES, coverageReport } from './coverage.usecases';
import { sendPdf } from './pdf';
import { PRINT_ROLES, printDeputyCard, printStationPoster, printTownshipCards } from './print.usecases';
import { coverageResult } from './reach.contracts';

const TAGS = ['代表联络'];
const id = z.string().uuid('编号格式不正确');

/** Staff endpoints: printable cards and posters, and the coverage analysis. */
export function reachStaffRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/api/deputies/:id/card.pdf',
    {
      config: { access: { roles: PRINT_ROLES } },
      schema: { tags: TAGS, summary: '代表联系卡（PDF）', params: z.object({ id }) },
    },
    async (req, reply) => sendPdf(reply, await printDeputyCard(ctx, req.actor!, req.params.id)),
  );

  app.get(
    '/api/deputies/cards.pdf',
    {
      config: { access: { roles: PRINT_ROLES } },
      schema: {
        tags: TAGS,
        summary: '街道镇全部代表的联系卡（PDF，每页一张）',
        querystring: z.object({ township: z.string().regex(/^\d{9}$/, '街道代码为 9 位数字') }),
      },
    },
    async (req, reply) => sendPdf(reply, await printTownshipCards(ctx, req.actor!, req.query.township)),
  );

  app.get(
    '/api/stations/:id/poster.pdf',
    {
      config: { access: { roles: PRINT_ROLES } },
      schema: { tags: TAGS, summary: '代表之家/联络站海报（PDF）', params: z.object({ id }) },
    },
    async (req, reply) => sendPdf(reply, await printStationPoster(ctx, req.actor!, req.params.id)),
  );

  app.get(
    '/api/coverage',
    {
      config: { access: { roles: COVERAGE_ROLES } },
      schema: {
        tags: TAGS,
        summary: '覆盖分析：服务圈外的网格/社区，未分配网格或站点的代表',
        querystring: z.object({
          scope: z
            .string()
            .regex(/^\d{2,15}$/)
            .optional(),
        }),
        response: { 200: coverageResult },
      },
    },
    (req) => coverageReport(ctx, req.actor!, req.query.scope),
  );
}
