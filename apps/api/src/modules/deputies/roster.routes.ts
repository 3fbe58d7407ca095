import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../kernel/context';
import { commonErrors } from '../../kernel/errors';
import type { App } from '../../kernel/http/app';
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
import { buildExport, buildTemplate, XLSX_TYPE } from './roster.excel';
import { getImportJob, MAX_UPLOAD_BYTES, startRosterImport } from './roster.import';

const tags = ['人大代表名册导入导出'];
const EXPORT_CAP = 10_000;
const modeSchema = z.enum(['all_or_nothing', 'clean_rows'], {
  message: '导入方式应为全部通过才导入或仅导入无误的行',
});
/** JSON uploads carry the file as base64 (4/3 of its size). */
const jsonUpload = z.object({
  file: z.string().min(1, '请选择要导入的文件'),
  mode: modeSchema.default('all_or_nothing'),
  scope: z
    .string()
    .regex(/^\d{2,15}$/)
    .optional(),
});

function attachment(name: string) {
  return `attachment; filename="roster.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * Template, export and import. A plugin of its own so the .xlsx body parser and the larger body
 * limit apply to these routes only.
 */
export function registerRosterRoutes(app: App, ctx: AppContext): void {
  app.register(async (plugin) => {
    const r = plugin.withTypeProvider<ZodTypeProvider>();
    r.addContentTypeParser(
      XLSX_TYPE,
      { parseAs: 'buffer', bodyLimit: MAX_UPLOAD_BYTES },
      (_req, body, done) => done(null, body),
    );
    // Before the body is read: a file over the limit gets a clear answer, not a generic 413.
    r.addHook('onRequest', async (req) => {
      const length = Number(req.headers['content-length'] ?? 0);
      const limit = req.headers['content-type']?.startsWith(XLSX_TYPE)
        ? MAX_UPLOAD_BYTES
        : MAX_UPLOAD_BYTES * 1.4;
      if (length > limit) throw deputiesErrors.file_too_large();
    });

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
        bodyLimit: Math.ceil(MAX_UPLOAD_BYTES * 1.4),
        schema: {
          tags,
          summary: '上传代表名册（.xlsx 原始内容，或 JSON { file: base64, mode }），返回导入任务',
          querystring: z.object({
            mode: modeSchema.optional(),
            scope: z
              .string()
              .regex(/^\d{2,15}$/)
              .optional(),
          }),
          response: { 202: z.object({ jobId: z.string(), total: z.number() }) },
        },
      },
      async (req, reply) => {
        let input: { file: Buffer; mode: z.infer<typeof modeSchema>; scope?: string };
        if (Buffer.isBuffer(req.body)) {
          input = { file: req.body, mode: req.query.mode ?? 'all_or_nothing', scope: req.query.scope };
        } else {
          const parsed = jsonUpload.safeParse(req.body);
          if (!parsed.success) {
            throw commonErrors.validation(
              parsed.error.issues.map((i) => ({ path: `body.${i.path.join('.')}`, message: i.message })),
            );
          }
          input = { ...parsed.data, file: Buffer.from(parsed.data.file, 'base64') };
        }
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
