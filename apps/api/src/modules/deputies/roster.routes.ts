import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../kernel/context';
import type { App } from '../../kernel/http/app';
import { XLSX_TYPE } from '../../kernel/imports/sheet';
import { acceptXlsx, readUpload, uploadBodyLimit, xlsxUploadBody } from '../../kernel/imports/upload';
import { resolveSettings } from '../../kernel/settings';
import {
  deputiesErrors,
  listQuery,
  occupationCategoriesSetting,
  professionalGroupsSetting,
} from './deputies.model';
import { IMPORT_ROLES, READ_ROLES, resolveScope } from './deputies.scope';
import { listDeputies } from './deputies.usecases';
import { importJobView } from './deputies.views';
import { buildExport, buildTemplate } from './roster.excel';
import { getImportJob, MAX_UPLOAD_BYTES, startRosterImport } from './roster.import';

const tags = ['人大代表名册导入导出'];
const EXPORT_CAP = 10_000;
const upload = xlsxUploadBody(
  z
    .string()
    .regex(/^\d{2,15}$/)
    .optional(),
);

function attachment(name: string) {
  return `attachment; filename="roster.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * Template, export and import. A plugin of its own so the .xlsx body parser and the larger body
 * limit apply to these routes only.
 */
export function registerRosterRoutes(app: App, ctx: AppContext): void {
  app.register(async (plugin) => {
    acceptXlsx(plugin, { maxBytes: MAX_UPLOAD_BYTES, tooLarge: deputiesErrors.file_too_large });
    const r = plugin.withTypeProvider<ZodTypeProvider>();
    r.get(
      '/api/deputies/template',
      {
        config: { access: { roles: IMPORT_ROLES } },
        schema: { tags, summary: '下载代表名册导入模板（.xlsx）' },
      },
      async (req, reply) => {
        const scope = await resolveScope(ctx.database.db, req.actor!, IMPORT_ROLES);
        const s = await resolveSettings(ctx.database.db, req.actor!.regionCode, scope.path, [
          professionalGroupsSetting.key,
          occupationCategoriesSetting.key,
        ]);
        const file = await buildTemplate({
          groups: s.get(professionalGroupsSetting.key)!.value as string[],
          occupations: s.get(occupationCategoriesSetting.key)!.value as string[],
        });
        return reply
          .type(XLSX_TYPE)
          .header('content-disposition', attachment('代表名册导入模板.xlsx'))
          .send(file);
      },
    );

    r.get(
      '/api/deputies/export',
      {
        config: { access: { roles: READ_ROLES } },
        schema: { tags, summary: '按当前筛选条件导出代表名册（.xlsx，电话已脱敏）', querystring: listQuery },
      },
      async (req, reply) => {
        const page = await listDeputies(ctx, req.actor!, { ...req.query, page: 1, pageSize: EXPORT_CAP });
        const file = await buildExport(page.items);
        return reply.type(XLSX_TYPE).header('content-disposition', attachment('代表名册.xlsx')).send(file);
      },
    );

    r.post(
      '/api/deputies/imports',
      {
        config: { access: { roles: IMPORT_ROLES } },
        bodyLimit: uploadBodyLimit(MAX_UPLOAD_BYTES),
        schema: {
          tags,
          summary: '上传代表名册（.xlsx 原始内容，或 JSON { file: base64, mode }），返回导入任务',
          querystring: upload.querystring,
          response: { 202: z.object({ jobId: z.string(), total: z.number() }) },
        },
      },
      async (req, reply) => {
        const input = readUpload(req.body, req.query, upload.json);
        const job = await startRosterImport(ctx, req.actor!, input);
        return reply.status(202).send(job);
      },
    );

    r.get(
      '/api/deputies/imports/:id',
      {
        config: { access: { roles: IMPORT_ROLES } },
        schema: {
          tags,
          summary: '导入任务进度与逐行错误',
          params: z.object({ id: z.string().uuid('任务编号格式不正确') }),
          response: { 200: importJobView },
        },
      },
      async (req) => getImportJob(ctx, req.actor!, req.params.id),
    );
  });
}
