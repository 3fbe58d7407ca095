import { jurisdictionChildren, jurisdictionNode } from '@lianxin/contracts';
import { inArray } from 'drizzle-orm';
import { z } from 'zod';
import { ALL_STAFF_ROLES, assertCan, scopePaths } from '../../kernel/auth/actor';
import type { AppContext } from '../../kernel/context';
import { AppError } from '../../kernel/errors';
import type { App } from '../../kernel/http/app';
import {
  childrenOf,
  findJurisdiction,
  findJurisdictions,
  pathCodes,
  treeNodes,
} from './jurisdictions.repository';
import { jurisdictions } from './jurisdictions.schema';

const tags = ['行政区划'];

export function jurisdictionsRoutes(app: App, ctx: AppContext): void {
  const { db } = ctx.database;

  app.get(
    '/api/jurisdictions/roots',
    {
      config: { access: { roles: ALL_STAFF_ROLES } },
      schema: {
        tags,
        summary: '当前用户可见的辖区根节点',
        response: { 200: z.object({ items: z.array(jurisdictionNode) }) },
      },
    },
    async (req) => {
      const codes = scopePaths(req.actor!, ALL_STAFF_ROLES).map((p) => pathCodes(p).at(-1)!);
      if (codes.length === 0) return { items: [] };
      return { items: await treeNodes(db, inArray(jurisdictions.code, codes)) };
    },
  );

  app.get(
    '/api/jurisdictions/:code/children',
    {
      config: { access: { roles: ALL_STAFF_ROLES } },
      schema: {
        tags,
        summary: '下级行政区划',
        params: z.object({ code: z.string().regex(/^\d{2,15}$/, '区划代码为 2–15 位数字') }),
        response: { 200: jurisdictionChildren },
      },
    },
    async (req) => {
      const j = await findJurisdiction(db, req.params.code);
      if (!j) throw new AppError('jurisdictions.not_found', 404);
      assertCan(req.actor!, ALL_STAFF_ROLES, j.path);
      const children = await childrenOf(db, j.code);
      return {
        parent: {
          code: j.code,
          parentCode: j.parentCode,
          level: j.level,
          name: j.name,
          childCount: children.length,
        },
        items: children,
      };
    },
  );

  app.get(
    '/api/jurisdictions/:code/ancestors',
    {
      config: { access: { roles: ALL_STAFF_ROLES } },
      schema: {
        tags,
        summary: '上级行政区划链（用于面包屑）',
        params: z.object({ code: z.string().regex(/^\d{2,15}$/, '区划代码为 2–15 位数字') }),
        response: {
          200: z.object({
            items: z.array(z.object({ code: z.string(), name: z.string(), level: z.string() })),
          }),
        },
      },
    },
    async (req) => {
      const j = await findJurisdiction(db, req.params.code);
      if (!j) throw new AppError('jurisdictions.not_found', 404);
      assertCan(req.actor!, ALL_STAFF_ROLES, j.path);
      const codes = pathCodes(j.path);
      const found = await findJurisdictions(db, codes);
      return {
        items: codes.flatMap((c) =>
          found.get(c) ? [{ code: c, name: found.get(c)!.name, level: found.get(c)!.level }] : [],
        ),
      };
    },
  );
}
