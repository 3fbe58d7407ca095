import { z } from 'zod';
import type { AppContext } from '../../kernel/context';
import type { App } from '../../kernel/http/app';
import { sendPdf } from '../reach/pdf';
import { renderArchive } from './archive.pdf';
import { readArchive } from './archive.usecases';

const tags = ['履职档案'];
const query = z.object({
  year: z.coerce.number().int().min(2000, '年度不正确').max(2100, '年度不正确'),
  deputyId: z.string().uuid('编号格式不正确').optional(),
});
/** The route lets deputies and congress staff in; the use case checks it is their own / their area. */
const ACCESS = { roles: ['congress_staff', 'deputy'] as const };

/** 履职档案: a deputy-year generated from the records, as JSON for the page and as a printable PDF. */
export function archiveRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/api/archive',
    {
      config: { access: ACCESS },
      schema: {
        tags,
        summary: '代表年度履职档案（代表本人或辖区人大工作人员；查阅留痕）',
        querystring: query,
      },
    },
    async (req) => readArchive(ctx, req.actor!, { ...req.query, format: 'web' }),
  );

  app.get(
    '/api/archive.pdf',
    {
      config: { access: ACCESS },
      schema: { tags, summary: '代表年度履职档案（PDF，可打印）', querystring: query },
    },
    async (req, reply) => {
      const archive = await readArchive(ctx, req.actor!, { ...req.query, format: 'pdf' });
      return sendPdf(reply, {
        pdf: await renderArchive(archive),
        filename: `履职档案-${archive.deputy.name}-${archive.year}.pdf`,
      });
    },
  );
}
