import { z } from 'zod';
import type { AppContext } from '../../kernel/context';
import type { App } from '../../kernel/http/app';
import { importCategories, MAX_IMPORT_LINES } from './categories.import';
import {
  addCategory,
  assertManager,
  categoryTree,
  reorderCategories,
  updateCategory,
} from './categories.usecases';
import { listQuery, uuid } from './opinions.http';
import { listOpinions } from './queries.usecases';
import { addRule, deleteRule, listRules, updateRule } from './routing.usecases';

const tags = ['民意配置'];
/** The route admits congress staff; the use cases narrow it to the region's (district) congress. */
const MANAGER = { roles: ['congress_staff'] as const };
const STAFF = { roles: ['congress_staff', 'station_staff'] as const };

const code = z.string().regex(/^[A-Z][A-Z0-9]{0,15}$/, '分类编码为大写字母开头的字母或数字，不超过 16 位');
const name = z
  .string()
  .trim()
  .min(1, '请填写分类名称')
  .max(30, '分类名称不超过 30 个字')
  .regex(/[\u4e00-\u9fff]/, '分类名称须为中文');
const complexity = z.enum(['simple', 'complex']);
const categoryOut = z.object({
  code: z.string(),
  parentCode: z.string().nullable(),
  name: z.string(),
  level: z.number(),
  sort: z.number(),
  active: z.boolean(),
  complexity: z.string(),
});
const areaCode = z.string().regex(/^\d{6,15}$/, '区划代码格式不正确');
const priority = z.number().int().min(1, '优先级为 1–9999 的整数').max(9999, '优先级为 1–9999 的整数');
const ruleBody = z.object({
  categoryCode: code,
  jurisdictionCode: areaCode,
  departmentId: uuid,
  priority: priority.optional(),
  active: z.boolean().optional(),
});

/** Console: the category tree and routing rules of the congress, and the triage queue. */
export function opinionConfigRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/api/opinions/config/categories',
    {
      config: { access: MANAGER },
      schema: { tags, summary: '问题分类树（含已停用，及每类的派单规则数）' },
    },
    async (req) => {
      const region = await assertManager(ctx.database.db, req.actor!);
      return { items: await categoryTree(ctx.database.db, region.code) };
    },
  );

  app.post(
    '/api/opinions/config/categories',
    {
      config: { access: MANAGER },
      schema: {
        tags,
        summary: '新增分类（最多三级；下级编码以上级编码开头）',
        body: z.object({
          code,
          name,
          parentCode: code.nullable().optional(),
          complexity: complexity.optional(),
        }),
        response: { 200: categoryOut },
      },
    },
    async (req) => addCategory(ctx, req.actor!, req.body),
  );

  app.patch(
    '/api/opinions/config/categories/:code',
    {
      config: { access: MANAGER },
      schema: {
        tags,
        summary: '改名、调整复杂程度、停用或启用（停用连同下级；已有事项保留原分类）',
        params: z.object({ code }),
        body: z.object({
          name: name.optional(),
          complexity: complexity.optional(),
          active: z.boolean().optional(),
        }),
        response: { 200: categoryOut },
      },
    },
    async (req) => updateCategory(ctx, req.actor!, req.params.code, req.body),
  );

  app.put(
    '/api/opinions/config/category-order',
    {
      config: { access: MANAGER },
      schema: {
        tags,
        summary: '调整同一上级下分类的顺序',
        body: z.object({ parentCode: code.nullable(), codes: z.array(code).min(1).max(500) }),
      },
    },
    async (req) => reorderCategories(ctx, req.actor!, req.body.parentCode, req.body.codes),
  );

  app.post(
    '/api/opinions/config/categories/import',
    {
      config: { access: MANAGER },
      bodyLimit: 2 * 1024 * 1024,
      schema: {
        tags,
        summary: `从 JSON Lines 文件导入分类（每行 {"level1","level2","level3"}，最多 ${MAX_IMPORT_LINES} 行；dryRun 只预览）`,
        body: z.object({
          content: z.string().min(1, '文件为空').max(1_500_000),
          dryRun: z.boolean().default(false),
        }),
      },
    },
    async (req) => importCategories(ctx, req.actor!, req.body.content, req.body.dryRun),
  );

  app.get(
    '/api/opinions/config/routing-rules',
    { config: { access: MANAGER }, schema: { tags, summary: '派单规则（分类 × 区域 → 承办单位）' } },
    async (req) => ({ items: await listRules(ctx, req.actor!) }),
  );
  app.post(
    '/api/opinions/config/routing-rules',
    { config: { access: MANAGER }, schema: { tags, summary: '新增派单规则', body: ruleBody } },
    async (req) => addRule(ctx, req.actor!, req.body),
  );
  app.patch(
    '/api/opinions/config/routing-rules/:id',
    {
      config: { access: MANAGER },
      schema: { tags, summary: '修改派单规则', params: z.object({ id: uuid }), body: ruleBody.partial() },
    },
    async (req) => updateRule(ctx, req.actor!, req.params.id, req.body),
  );
  app.delete(
    '/api/opinions/config/routing-rules/:id',
    {
      config: { access: MANAGER },
      schema: { tags, summary: '删除派单规则', params: z.object({ id: uuid }) },
    },
    async (req) => deleteRule(ctx, req.actor!, req.params.id),
  );

  app.get(
    '/api/opinions/triage',
    {
      config: { access: STAFF },
      schema: {
        tags,
        summary: '待人工分派：已受理、派单规则无法确定承办单位的事项',
        querystring: listQuery,
      },
    },
    async (req) => {
      const { overdue: _o, phase: _p, state: _s, ...q } = req.query;
      return listOpinions(ctx, req.actor!, { ...q, triage: true });
    },
  );
}
