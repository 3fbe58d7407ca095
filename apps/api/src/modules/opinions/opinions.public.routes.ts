import { z } from 'zod';
import type { AppContext } from '../../kernel/context';
import type { App } from '../../kernel/http/app';

import {
  categoryOut,
  idParams,
  intakeBody,
  intakeOut,
  myCaseOut,
  publicCaseOut,
  ratingBody,
  trackingNo,
} from './opinions.http';
import { followOpinion, listCategories, myOpinions } from './queries.usecases';
import { rateOpinion } from './rating.usecases';
import { submitOpinion } from './submissions';

const tags = ['门户'];

/**
 * Citizen-facing routes. Submitting and rating need a citizen signed in by SMS code (the route rule
 * is 'authenticated', the use case checks the account kind and, for rating, that the case is theirs).
 */
export function opinionsPublicRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/api/public/opinion-categories',
    {
      config: { access: 'public' },
      schema: { tags, summary: '问题分类', response: { 200: z.object({ items: z.array(categoryOut) }) } },
    },
    async () => ({ items: await listCategories(ctx, ctx.config.REGION_CODE) }),
  );

  app.post(
    '/api/public/opinions',
    {
      config: { access: 'authenticated' },
      bodyLimit: 30 * 1024 * 1024,
      schema: {
        tags,
        summary: '我要反映（扫码说事 / 网上反映）',
        body: intakeBody,
        response: { 201: intakeOut },
      },
    },
    async (req, reply) => reply.status(201).send(await submitOpinion(ctx, req.actor!, req.body)),
  );

  app.get(
    '/api/public/opinions/mine',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: '我反映的事项', response: { 200: z.object({ items: z.array(myCaseOut) }) } },
    },
    async (req) => ({ items: await myOpinions(ctx, req.actor!) }),
  );

  app.post(
    '/api/public/opinions/:id/rate',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: '满意度评价（本人反映的事项）', params: idParams, body: ratingBody },
    },
    async (req) => {
      const c = await rateOpinion(ctx, req.actor!, req.params.id, req.body);
      return { state: c.state };
    },
  );

  app.get(
    '/api/public/opinions/follow/:trackingNo',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '凭受理编号和查询链接查看办理进度（已脱敏）',
        params: z.object({ trackingNo }),
        querystring: z.object({ k: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, '查询链接无效') }),
        response: { 200: publicCaseOut },
      },
    },
    async (req) => followOpinion(ctx, req.params.trackingNo, req.query.k),
  );
}
