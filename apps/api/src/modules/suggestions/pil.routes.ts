import { z } from 'zod';
import type { AppContext } from '../../kernel/context';
import type { App } from '../../kernel/http/app';
import { draftFromRecommendation } from './drafting.usecases';
import {
  CLUE_STATUSES,
  listPilSuggestions,
  listRecommendations,
  pilSuggestionDetail,
  recordPilFeedback,
  submitRecommendation,
} from './pil';
import { suggestionDetail } from './queries.usecases';
import { idParams } from './suggestions.http';

const tags = ['公益诉讼衔接'];
const PROCURATORATE = { roles: ['procuratorate_liaison'] as const };
const text = (min: number, max: number, what: string) =>
  z.string().trim().min(min, `${what}不少于 ${min} 个字`).max(max, `${what}不超过 ${max} 字`);
const page = {
  page: z.coerce.number().int().min(1).max(10_000).optional(),
  pageSize: z.coerce.number().int().min(1).max(200).optional(),
};

export const pilBodies = {
  feedback: z.object({
    status: z.enum(['accepted', 'filed', 'declined'], { message: '请选择已受理、已立案或不予立案' }),
    note: z.string().trim().max(500, '说明不超过 500 字').optional(),
    reason: z.string().trim().max(500, '理由不超过 500 字').optional(),
  }),
  recommendation: z.object({
    title: text(4, 80, '标题'),
    body: text(20, 10_000, '检察建议内容'),
    reference: text(2, 100, '检察建议文号'),
  }),
  fromRecommendation: z.object({
    title: text(4, 80, '标题').optional(),
    body: text(20, 10_000, '建议内容').optional(),
    category: text(2, 20, '类别'),
  }),
};
const pilQuery = z.object({
  kind: z.enum(['clue', 'converted'], { message: '类型不正确' }).optional(),
  pilStatus: z.enum(CLUE_STATUSES, { message: '衔接状态不正确' }).optional(),
  q: z.string().trim().max(100, '关键词不超过 100 字').optional(),
  ...page,
});
const recQuery = z.object({
  status: z.enum(['pending', 'converted'], { message: '状态不正确' }).optional(),
  ...page,
});

/** 公益诉讼衔接: the procuratorate's screens, and 检察建议 → 代表建议 for deputies and staff. */
export function pilRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/api/procuratorate/suggestions',
    {
      config: { access: PROCURATORATE },
      schema: {
        tags,
        summary: '移送本院的公益诉讼线索及由本院检察建议转化的代表建议（限本辖区）',
        querystring: pilQuery,
      },
    },
    async (req) => listPilSuggestions(ctx, req.actor!, req.query),
  );
  app.get(
    '/api/procuratorate/suggestions/:id',
    {
      config: { access: PROCURATORATE },
      schema: { tags, summary: '线索或转化建议详情（办理状态、承办单位、衔接记录）', params: idParams },
    },
    async (req) => pilSuggestionDetail(ctx, req.actor!, req.params.id),
  );
  app.post(
    '/api/procuratorate/suggestions/:id/status',
    {
      config: { access: PROCURATORATE },
      schema: {
        tags,
        summary: '反馈线索办理情况（已受理、已立案、不予立案须写理由）',
        params: idParams,
        body: pilBodies.feedback,
      },
    },
    async (req) => {
      await recordPilFeedback(ctx, req.actor!, req.params.id, req.body);
      return pilSuggestionDetail(ctx, req.actor!, req.params.id);
    },
  );
  app.get(
    '/api/procuratorate/recommendations',
    {
      config: { access: { roles: ['procuratorate_liaison', 'congress_staff', 'deputy'] } },
      schema: {
        tags,
        summary: '检察建议（检察机关本院移送的；人大辖区收到的；代表所在人大收到的）',
        querystring: recQuery,
      },
    },
    async (req) => listRecommendations(ctx, req.actor!, req.query),
  );
  app.post(
    '/api/procuratorate/recommendations',
    {
      config: { access: PROCURATORATE },
      schema: {
        tags,
        summary: '向本级人大移送检察建议（可由代表转化为建议）',
        body: pilBodies.recommendation,
      },
    },
    async (req, reply) => reply.status(201).send(await submitRecommendation(ctx, req.actor!, req.body)),
  );
  app.post(
    '/api/suggestions/from-recommendation/:id',
    {
      config: { access: { roles: ['deputy'] } },
      schema: {
        tags,
        summary: '代表将检察建议转化为代表建议（起草，一件检察建议只转化一次）',
        params: idParams,
        body: pilBodies.fromRecommendation,
      },
    },
    async (req, reply) => {
      const c = await draftFromRecommendation(ctx, req.actor!, req.params.id, req.body);
      return reply.status(201).send(await suggestionDetail(ctx, req.actor!, c.id));
    },
  );
}
