import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../kernel/context';
import { commonErrors } from '../../kernel/errors';
import type { App } from '../../kernel/http/app';
import { XLSX_TYPE } from '../../kernel/imports/sheet';
import { acceptXlsx, readUpload, uploadBodyLimit, xlsxUploadBody } from '../../kernel/imports/upload';
import { importJobView } from '../deputies/deputies.views';
import {
  buildHotlineTemplate,
  getHotlineImport,
  HOTLINE_IMPORT_ROLES,
  MAX_HOTLINE_UPLOAD_BYTES,
  startHotlineImport,
  templateOptions,
} from './hotline.import';
import {
  apiKeyOf,
  fileHotlineTicket,
  hotlineClient,
  hotlineTicketStatus,
  parseWhen,
  TICKET_NO,
  validPhone,
} from './hotline.usecases';
import { intakeOut } from './opinions.http';

const tags = ['12345热线工单'];
const ticketNo = z.string().trim().regex(TICKET_NO, '工单编号应为 4–40 位字母、数字、- 或 _');
const when = (label: string) =>
  z
    .string()
    .max(40)
    .refine((s) => parseWhen(s) !== null, `${label}格式应为 YYYY-MM-DD HH:mm 或 ISO 8601`)
    .transform((s) => parseWhen(s)!);

export const hotlineTicketBody = z.object({
  ticketNo,
  title: z.string().trim().min(2, '标题至少 2 个字').max(100, '标题不超过 100 字'),
  description: z.string().trim().min(5, '诉求内容至少 5 个字').max(4000, '诉求内容不超过 4000 字'),
  category: z.string().trim().max(50, '诉求分类不超过 50 字').optional(),
  address: z.string().trim().max(200, '地址不超过 200 字').optional(),
  lat: z.number().min(3).max(54).optional(),
  lng: z.number().min(73).max(136).optional(),
  area: z.string().trim().max(60, '街镇/社区不超过 60 字').optional(),
  callerName: z.string().trim().max(30, '来电人姓名不超过 30 字').optional(),
  callerPhone: z.string().trim().max(20).refine(validPhone, '电话号码格式不正确').optional(),
  allowDisclosure: z.boolean().default(false),
  receivedAt: when('受理时间').optional(),
  deadline: when('办理时限').optional(),
});

const statusOut = z.object({
  ticketNo: z.string(),
  caseId: z.string(),
  trackingNo: z.string(),
  followUrl: z.string(),
  state: z.string(),
  stateLabel: z.string(),
  phase: z.string(),
  departmentName: z.string().nullable(),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  steps: z.array(z.object({ label: z.string(), stateLabel: z.string(), at: z.string() })),
  reply: z.object({ body: z.string(), outcomeLabel: z.string(), repliedAt: z.string() }).nullable(),
  ratings: z.array(z.object({ round: z.number(), ratingLabel: z.string() })),
  /** 并单: this ticket is handled as part of the main case (phase, closedAt and reply follow it). */
  mergedInto: z
    .object({
      trackingNo: z.string(),
      ticketNo: z.string().nullable(),
      state: z.string(),
      stateLabel: z.string(),
      phase: z.string(),
      closedAt: z.string().nullable(),
      mergedAt: z.string().nullable(),
      steps: z.array(z.object({ label: z.string(), stateLabel: z.string(), at: z.string() })),
    })
    .nullable(),
  /** Cases merged into this ticket's case. */
  mergedCases: z.array(
    z.object({ trackingNo: z.string(), ticketNo: z.string().nullable(), mergedAt: z.string().nullable() }),
  ),
});

const scopeCode = z
  .string()
  .regex(/^\d{2,15}$/, '区划代码格式不正确')
  .optional();
const upload = xlsxUploadBody(scopeCode);
const importRef = z.object({
  row: z.number(),
  ticketNo: z.string(),
  caseId: z.string().nullable(),
  trackingNo: z.string().nullable(),
});
/** The roster's job view, plus the rows skipped as already filed and the cases created. */
const importJobOut = importJobView.extend({
  errorRows: z.number(),
  duplicates: z.array(importRef),
  created: z.array(importRef),
});

/**
 * The 12345 interface (public routes: the API key is checked in the handler, after the body is
 * parsed, so garbage gets its 400 and a missing/unknown key its 401 before anything is written)
 * and the staff's Excel import (template, upload, progress).
 */
export function hotlineRoutes(app: App, ctx: AppContext): void {
  app.post(
    '/api/hotline/tickets',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary:
          '12345热线推送工单（接口密钥：Authorization: Bearer 或 X-Api-Key）；同一工单编号重复推送返回原事项',
        body: hotlineTicketBody,
        response: { 200: intakeOut, 201: intakeOut },
      },
    },
    async (req, reply) => {
      const client = await hotlineClient(ctx, apiKeyOf(req.headers));
      const r = await fileHotlineTicket(ctx, client, req.body, { ip: req.ip, requestId: req.id });
      return reply.status(r.replayed ? 200 : 201).send(r);
    },
  );

  app.get(
    '/api/hotline/tickets/:ticketNo',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '12345热线查询工单办理情况（仅限本接口报送的工单）',
        params: z.object({ ticketNo }),
        response: { 200: statusOut },
      },
    },
    async (req) => {
      const client = await hotlineClient(ctx, apiKeyOf(req.headers));
      return hotlineTicketStatus(ctx, client, req.params.ticketNo);
    },
  );

  // Template and import: a plugin of its own so the .xlsx body parser and the larger limit stay here.
  app.register(async (plugin) => {
    acceptXlsx(plugin, {
      maxBytes: MAX_HOTLINE_UPLOAD_BYTES,
      tooLarge: commonErrors.payload_too_large,
      postOnly: true,
    });
    const r = plugin.withTypeProvider<ZodTypeProvider>();
    r.get(
      '/api/hotline/template',
      {
        config: { access: { roles: HOTLINE_IMPORT_ROLES } },
        schema: {
          tags,
          summary: '下载12345工单导入模板（.xlsx）',
          querystring: z.object({ scope: scopeCode }),
        },
      },
      async (req, reply) => {
        const opts = await templateOptions(ctx, req.actor!, req.query.scope);
        const file = await buildHotlineTemplate(opts);
        const name = '12345工单导入模板.xlsx';
        return reply
          .type(XLSX_TYPE)
          .header(
            'content-disposition',
            `attachment; filename="hotline.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
          )
          .send(file);
      },
    );

    r.post(
      '/api/hotline/imports',
      {
        config: { access: { roles: HOTLINE_IMPORT_ROLES } },
        bodyLimit: uploadBodyLimit(MAX_HOTLINE_UPLOAD_BYTES),
        schema: {
          tags,
          summary: '上传12345工单（.xlsx 原始内容，或 JSON { file: base64, mode, scope }），返回导入任务',
          querystring: upload.querystring,
          response: { 202: z.object({ jobId: z.string(), total: z.number() }) },
        },
      },
      async (req, reply) => {
        const input = readUpload(req.body, req.query, upload.json);
        return reply.status(202).send(await startHotlineImport(ctx, req.actor!, input));
      },
    );

    r.get(
      '/api/hotline/imports/:id',
      {
        config: { access: { roles: HOTLINE_IMPORT_ROLES } },
        schema: {
          tags,
          summary: '12345工单导入进度、逐行错误、跳过的重复工单和已登记的事项',
          params: z.object({ id: z.string().uuid('任务编号格式不正确') }),
          response: { 200: importJobOut },
        },
      },
      async (req) => getHotlineImport(ctx, req.actor!, req.params.id),
    );
  });
}
