import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../kernel/db/client';
import { findJurisdiction, type Jurisdiction } from '../jurisdictions/jurisdictions.repository';
import { jurisdictions } from '../jurisdictions/jurisdictions.schema';
import { opinionErrors } from './opinions.errors';

export interface Resolved {
  jurisdiction: Jurisdiction;
  townshipCode: string | null;
  communityCode: string | null;
  gridCode: string | null;
}

/** The township/community/grid codes on a jurisdiction's path. */
export async function levelsOf(exec: Executor, j: Jurisdiction): Promise<Resolved> {
  const codes = j.path.split('/').filter(Boolean);
  const out: Resolved = { jurisdiction: j, townshipCode: null, communityCode: null, gridCode: null };
  for (const code of codes) {
    const n = code === j.code ? j : await findJurisdiction(exec, code);
    if (n?.level === 'township') out.townshipCode = code;
    if (n?.level === 'community') out.communityCode = code;
    if (n?.level === 'grid') out.gridCode = code;
  }
  return out;
}

/**
 * Where an opinion belongs: with a point, the grid whose centroid is nearest within the given area
 * (e.g. the township chosen on the form; else the whole region); otherwise the area itself.
 */
export async function resolveLocation(
  exec: Executor,
  regionCode: string,
  input: { lat?: number | null; lng?: number | null; areaCode?: string | null },
): Promise<Resolved> {
  const region = await findJurisdiction(exec, regionCode);
  if (!region) throw opinionErrors.outside_region();
  let area = region;
  if (input.areaCode) {
    const a = await findJurisdiction(exec, input.areaCode);
    if (!a?.path.startsWith(region.path)) throw opinionErrors.outside_region();
    area = a;
  }
  if (input.lat != null && input.lng != null) {
    const scope = area;
    // Degrees of longitude shrink with latitude: weigh them by cos(lat) for a fair nearest grid.
    const k = Math.cos((input.lat * Math.PI) / 180) ** 2;
    const [g] = await exec
      .select()
      .from(jurisdictions)
      .where(
        and(
          eq(jurisdictions.level, 'grid'),
          sql`${jurisdictions.path} like ${`${scope.path}%`}`,
          sql`${jurisdictions.lat} is not null`,
        ),
      )
      .orderBy(
        sql`(${jurisdictions.lat} - ${input.lat}) * (${jurisdictions.lat} - ${input.lat}) + ${k} * (${jurisdictions.lng} - ${input.lng}) * (${jurisdictions.lng} - ${input.lng})`,
      )
      .limit(1);
    if (g) return levelsOf(exec, g);
  }
  return levelsOf(exec, area);
}
