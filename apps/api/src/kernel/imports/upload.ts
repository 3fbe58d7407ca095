import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { commonErrors } from '../errors';
import { XLSX_TYPE } from './sheet';

/**
 * The upload body of an Excel import: the raw .xlsx (mode and scope in the query string) or JSON
 * `{ file: base64, mode, scope }` (4/3 of the file's size, hence the larger body limit).
 */
export const importModeSchema = z.enum(['all_or_nothing', 'clean_rows'], {
  message: '导入方式应为全部通过才导入或仅导入无误的行',
});
export type ImportMode = z.infer<typeof importModeSchema>;
export interface ImportUpload {
  file: Buffer;
  mode: ImportMode;
  scope?: string;
}

/** JSON uploads carry the file as base64 (4/3 of its size). */
const JSON_FACTOR = 1.4;
export const uploadBodyLimit = (maxBytes: number) => Math.ceil(maxBytes * JSON_FACTOR);

/** The query string and the JSON body of an upload route, with the module's own scope schema. */
export function xlsxUploadBody<S extends z.ZodTypeAny>(scope: S) {
  return {
    querystring: z.object({ mode: importModeSchema.optional(), scope }),
    json: z.object({
      file: z.string().min(1, '请选择要导入的文件'),
      mode: importModeSchema.default('all_or_nothing'),
      scope,
    }),
  };
}

/**
 * Registers the .xlsx body parser on an encapsulated plugin (so it and the larger limit apply to
 * its routes only), and refuses an oversized body from its content-length before it is read:
 * a clear answer, not a generic 413.
 */
export function acceptXlsx(
  plugin: FastifyInstance,
  opts: { maxBytes: number; tooLarge: () => Error; postOnly?: boolean },
): void {
  plugin.addContentTypeParser(
    XLSX_TYPE,
    { parseAs: 'buffer', bodyLimit: opts.maxBytes },
    (_req, body, done) => done(null, body),
  );
  plugin.addHook('onRequest', async (req) => {
    if (opts.postOnly && req.method !== 'POST') return;
    const length = Number(req.headers['content-length'] ?? 0);
    const limit = req.headers['content-type']?.startsWith(XLSX_TYPE)
      ? opts.maxBytes
      : opts.maxBytes * JSON_FACTOR;
    if (length > limit) throw opts.tooLarge();
  });
}

/** The file, mode and scope of an upload, whichever way it came. */
export function readUpload(
  body: unknown,
  query: { mode?: ImportMode; scope?: string },
  json: z.ZodType<{ file: string; mode: ImportMode; scope?: string }>,
): ImportUpload {
  if (Buffer.isBuffer(body)) return { file: body, mode: query.mode ?? 'all_or_nothing', scope: query.scope };
  const parsed = json.safeParse(body);
  if (!parsed.success) {
    throw commonErrors.validation(
      parsed.error.issues.map((i) => ({ path: `body.${i.path.join('.')}`, message: i.message })),
    );
  }
  return { ...parsed.data, file: Buffer.from(parsed.data.file, 'base64') };
}
