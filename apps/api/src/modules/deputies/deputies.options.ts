import { and, asc, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../kernel/auth/actor';
import type { AppContext } from '../../kernel/context';
import { resolveSettings } from '../../kernel/settings';
import { jurisdictions } from '../jurisdictions/jurisdictions.schema';
import { stations } from '../stations/stations.schema';
import {
  levelLabels,
  type MandateLevel,
  occupationCategoriesSetting,
  professionalGroupsSetting,
} from './deputies.model';
import { codeInSubtree, READ_ROLES, resolveScope } from './deputies.scope';

/** What the edit form may choose from in a scope: grids, stations, the congress's lists. */
export async function deputyFormOptions(ctx: AppContext, actor: Actor, scopeCode?: string) {
  const { db } = ctx.database;
  const scope = await resolveScope(db, actor, READ_ROLES, scopeCode);
  const parent = sql.raw('p');
  const grids = await db
    .select({
      code: jurisdictions.code,
      name: jurisdictions.name,
      parentName: sql<string>`(select ${parent}.name from ${jurisdictions} ${parent} where ${parent}.code = "jurisdictions"."parent_code")`,
    })
    .from(jurisdictions)
    .where(and(eq(jurisdictions.level, 'grid'), sql`${jurisdictions.path} like ${`${scope.path}%`}`))
    .orderBy(asc(jurisdictions.code))
    .limit(5000);
  const st = await db
    .select({ id: stations.id, name: stations.name })
    .from(stations)
    .where(
      and(eq(stations.regionCode, actor.regionCode), codeInSubtree(stations.jurisdictionCode, scope.path)),
    )
    .orderBy(asc(stations.name))
    .limit(2000);
  const settings = await resolveSettings(db, actor.regionCode, scope.path, [
    professionalGroupsSetting.key,
    occupationCategoriesSetting.key,
  ]);
  return {
    scope: { code: scope.code, name: scope.name },
    grids: grids.map((g) => ({ ...g, parentName: g.parentName ?? '' })),
    stations: st,
    professionalGroups: settings.get(professionalGroupsSetting.key)!.value as string[],
    occupationCategories: settings.get(occupationCategoriesSetting.key)!.value as string[],
    levels: (Object.entries(levelLabels) as Array<[MandateLevel, string]>).map(([value, label]) => ({
      value,
      label,
    })),
  };
}
