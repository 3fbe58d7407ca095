import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { ALL_STAFF_ROLES, assertCan, scopePaths } from '../../kernel/auth/actor';
import type { AppContext } from '../../kernel/context';
import { AppError } from '../../kernel/errors';
import type { App } from '../../kernel/http/app';
import { accounts, roleGrants } from '../accounts/accounts.schema';
import { congresses, departments } from '../congresses/congresses.schema';
import { deputies, deputyMandates } from '../deputies/deputies.schema';
import { countInSubtree, findJurisdiction } from '../jurisdictions/jurisdictions.repository';
import { jurisdictions } from '../jurisdictions/jurisdictions.schema';
import { stationKindLabels } from '../stations/stations.labels';
import { stationDeputies, stations } from '../stations/stations.schema';

const counts = z.object({
  townships: z.number(),
  communities: z.number(),
  grids: z.number(),
  deputies: z.number(),
  stations: z.number(),
  departments: z.number(),
});

/** Counts below a jurisdiction path; each a single indexed aggregate (no per-row queries). */
async function subtreeCounts(ctx: AppContext, regionCode: string, path: string) {
  const { db } = ctx.database;
  const byLevel = await countInSubtree(db, path);
  const inSubtree = (col: unknown) =>
    sql`${col} in (select code from ${jurisdictions} where path like ${`${path}%`})`;
  const [d] = await db
    .select({ n: sql<number>`count(distinct ${deputies.id})` })
    .from(deputies)
    .innerJoin(
      deputyMandates,
      and(eq(deputyMandates.regionCode, deputies.regionCode), eq(deputyMandates.deputyId, deputies.id)),
    )
    .where(
      and(
        eq(deputies.regionCode, regionCode),
        eq(deputies.status, 'active'),
        inSubtree(deputies.jurisdictionCode),
      ),
    );
  const [s] = await db
    .select({ n: sql<number>`count(*)` })
    .from(stations)
    .where(and(eq(stations.regionCode, regionCode), inSubtree(stations.jurisdictionCode)));
  const [dep] = await db
    .select({ n: sql<number>`count(*)` })
    .from(departments)
    .where(and(eq(departments.regionCode, regionCode), inSubtree(departments.jurisdictionCode)));
  return {
    townships: byLevel.township ?? 0,
    communities: byLevel.community ?? 0,
    grids: byLevel.grid ?? 0,
    deputies: Number(d?.n ?? 0),
    stations: Number(s?.n ?? 0),
    departments: Number(dep?.n ?? 0),
  };
}

export function directoryRoutes(app: App, ctx: AppContext): void {
  const { db } = ctx.database;
  const region = ctx.config.REGION_CODE;

  app.get(
    '/api/public/region',
    {
      config: { access: 'public' },
      schema: {
        tags: ['门户'],
        summary: '本平台服务的区域',
        response: { 200: z.object({ code: z.string(), name: z.string(), congressName: z.string(), counts }) },
      },
    },
    async () => {
      const j = await findJurisdiction(db, region);
      if (!j) throw new AppError('jurisdictions.not_found', 404, '尚未初始化区域数据');
      const [c] = await db
        .select()
        .from(congresses)
        .where(and(eq(congresses.regionCode, region), eq(congresses.jurisdictionCode, region)));
      return {
        code: j.code,
        name: j.name,
        congressName: c?.name ?? `${j.name}人大常委会`,
        counts: await subtreeCounts(ctx, region, j.path),
      };
    },
  );

  app.get(
    '/api/public/townships',
    {
      config: { access: 'public' },
      schema: {
        tags: ['门户'],
        summary: '街道/乡镇列表',
        response: { 200: z.object({ items: z.array(z.object({ code: z.string(), name: z.string() })) }) },
      },
    },
    async () => ({
      items: await db
        .select({ code: jurisdictions.code, name: jurisdictions.name })
        .from(jurisdictions)
        .where(and(eq(jurisdictions.parentCode, region), eq(jurisdictions.level, 'township')))
        .orderBy(asc(jurisdictions.sort), asc(jurisdictions.code)),
    }),
  );

  app.get(
    '/api/public/stations',
    {
      config: { access: 'public' },
      schema: {
        tags: ['门户'],
        summary: '代表之家/联络站列表（公开信息）',
        querystring: z.object({
          township: z
            .string()
            .regex(/^\d{9}$/, '街道代码为 9 位数字')
            .optional(),
        }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                name: z.string(),
                kind: z.string(),
                kindLabel: z.string(),
                address: z.string(),
                townshipName: z.string(),
                openingHours: z.string().nullable(),
                deputyCount: z.number(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => {
      const town = sql.raw('t');
      const rows = await db
        .select({
          id: stations.id,
          name: stations.name,
          kind: stations.kind,
          address: stations.address,
          openingHours: stations.openingHours,
          townshipName: sql<string>`(select ${town}.name from ${jurisdictions} ${town} where ${town}.code = left(${stations.jurisdictionCode}, 9))`,
          deputyCount: sql<number>`(select count(*) from ${stationDeputies} sd where sd.region_code = ${stations.regionCode} and sd.station_id = ${stations.id})`,
        })
        .from(stations)
        .where(
          and(
            eq(stations.regionCode, region),
            req.query.township
              ? sql`${stations.jurisdictionCode} like ${`${req.query.township}%`}`
              : undefined,
          ),
        )
        .orderBy(asc(stations.jurisdictionCode), asc(stations.name))
        .limit(200);
      return {
        items: rows.map((r) => ({
          ...r,
          kindLabel: stationKindLabels[r.kind],
          townshipName: r.townshipName ?? '',
          deputyCount: Number(r.deputyCount),
        })),
      };
    },
  );

  app.get(
    '/api/dashboard/summary',
    {
      config: { access: { roles: ALL_STAFF_ROLES } },
      schema: {
        tags: ['总览'],
        summary: '辖区概况',
        querystring: z.object({
          scope: z
            .string()
            .regex(/^\d{2,15}$/)
            .optional(),
        }),
        response: {
          200: z.object({
            scope: z.object({ code: z.string(), name: z.string(), level: z.string() }),
            counts: counts.extend({ accounts: z.number() }),
          }),
        },
      },
    },
    async (req) => {
      const actor = req.actor!;
      const scopeCode =
        req.query.scope ?? scopePaths(actor, ALL_STAFF_ROLES)[0]?.split('/').filter(Boolean).at(-1);
      const j = scopeCode ? await findJurisdiction(db, scopeCode) : undefined;
      if (!j) throw new AppError('jurisdictions.not_found', 404);
      assertCan(actor, ALL_STAFF_ROLES, j.path);
      const [a] = await db
        .select({ n: sql<number>`count(distinct ${roleGrants.accountId})` })
        .from(roleGrants)
        .innerJoin(
          accounts,
          and(eq(accounts.regionCode, roleGrants.regionCode), eq(accounts.id, roleGrants.accountId)),
        )
        .where(
          and(
            eq(roleGrants.regionCode, actor.regionCode),
            sql`${roleGrants.scopeCode} in (select code from ${jurisdictions} where path like ${`${j.path}%`})`,
          ),
        );
      return {
        scope: { code: j.code, name: j.name, level: j.level },
        counts: { ...(await subtreeCounts(ctx, actor.regionCode, j.path)), accounts: Number(a?.n ?? 0) },
      };
    },
  );
}
