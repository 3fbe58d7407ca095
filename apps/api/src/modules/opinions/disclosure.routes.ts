import { z } from 'zod';
import type { AppContext } from '../../kernel/context';
import type { App } from '../../kernel/http/app';
import { DISCLOSURE_MAX_PAGE, listDisclosures, setDisclosure } from './disclosure.usecases';
import { idParams } from './opinions.http';

const disclosureQuery = z.object({
  category: z
    .string()
    .regex(/^[A-Za-z0-9]{1,16}$/, '分类编码不正确')
    .optional(),
  township: z
    .string()
    .regex(/^\d{6,12}$/, '街镇编码不正确')
    .optional(),
  page: z.coerce.number().int().min(1).max(DISCLOSURE_MAX_PAGE).optional(),
});

const disclosureItem = z.object({
  trackingNo: z.string(),
  stateLabel: z.string(),
  title: z.string(),
  description: z.string(),
  categoryName: z.string().nullable(),
  township: z.string().nullable(),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  steps: z.array(z.object({ label: z.string(), at: z.string() })),
  replies: z.array(
    z.object({
      round: z.number(),
      departmentName: z.string().nullable(),
      body: z.string(),
      outcomeLabel: z.string(),
      repliedAt: z.string(),
    }),
  ),
  satisfaction: z.string().nullable(),
});

const disclosureBody = z.object({
  withhold: z.boolean(),
  reason: z.string().trim().max(500).optional(),
});

/** 民意处置公开: the public list, and staff withholding a case from it. */
export function disclosureRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/api/public/disclosures',
    {
      config: { access: 'public' },
      schema: {
        tags: ['门户'],
        summary: '民意处置公开（已办结、群众同意公开，已脱敏）',
        querystring: disclosureQuery,
        response: {
          200: z.object({
            total: z.number(),
            page: z.number(),
            pageSize: z.number(),
            items: z.array(disclosureItem),
          }),
        },
      },
    },
    async (req) => listDisclosures(ctx, req.query),
  );

  app.post(
    '/api/opinions/:id/disclosure',
    {
      config: { access: { roles: ['congress_staff'] as const } },
      schema: {
        tags: ['民意受理'],
        summary: '暂不公开 / 恢复公开（暂不公开须填写理由，记入审计）',
        params: idParams,
        body: disclosureBody,
      },
    },
    async (req) => setDisclosure(ctx, req.actor!, req.params.id, req.body),
  );
}
