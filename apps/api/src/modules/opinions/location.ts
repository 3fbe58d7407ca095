import { and, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../kernel/context';
import type { Executor } from '../../kernel/db/client';
import { commonErrors } from '../../kernel/errors';
import { findJurisdiction, type Jurisdiction } from '../jurisdictions/jurisdictions.repository';
import { jurisdictions } from '../jurisdictions/jurisdictions.schema';
import { haversine } from '../reach/geo';
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

/**
 * The region's places as the request path checks them without a query: every township, community
 * and grid code of the region, and the centroids that exist. Cached with the other codes a
 * submission may name (submissions.ts#knownCodes, per process for a minute).
 */
export interface RegionPlaces {
  codes: Set<string>;
  centroids: Array<{ lat: number; lng: number }>;
}

export async function loadRegionPlaces(exec: Executor, regionCode: string): Promise<RegionPlaces> {
  const rows = await exec
    .select({ code: jurisdictions.code, lat: jurisdictions.lat, lng: jurisdictions.lng })
    .from(jurisdictions)
    .where(
      and(
        eq(jurisdictions.regionCode, regionCode),
        sql`${jurisdictions.level} in ('township', 'community', 'grid')`,
      ),
    );
  return {
    codes: new Set(rows.map((r) => r.code)),
    centroids: rows.flatMap((r) => (r.lat != null && r.lng != null ? [{ lat: r.lat, lng: r.lng }] : [])),
  };
}

/**
 * The checks of a location given at intake that need no query: a chosen area is a township,
 * community or grid of the region; a point lies near it (else refused, so the citizen picks
 * the street instead); a point comes with both coordinates.
 */
export async function checkLocationInput(
  input: { lat?: number | null; lng?: number | null; areaCode?: string | null },
  placesOf: () => Promise<RegionPlaces>,
): Promise<void> {
  if ((input.lat == null) !== (input.lng == null))
    throw commonErrors.validation([{ path: 'body.lng', message: '定位需同时提供纬度和经度' }]);
  if (!input.areaCode && input.lat == null) return;
  const places = await placesOf();
  if (input.areaCode && !places.codes.has(input.areaCode)) throw opinionErrors.outside_region();
  if (input.lat != null && input.lng != null && !pointInRegion(places, input.lat, input.lng))
    throw opinionErrors.point_outside_region();
}

/**
 * How far a point may lie from the nearest township/community/grid centroid and still count as in
 * the region. Jurisdictions carry centroids, not boundaries, so "in the region" means "near a
 * place of it": generous enough for a village's fields between centroids, small enough that a
 * point in another district or city is refused.
 */
export const NEAR_REGION_METERS = 5_000;

/** Whether a point is near a place of the region (true when the region has no centroids to judge by). */
export function pointInRegion(places: RegionPlaces, lat: number, lng: number): boolean {
  if (places.centroids.length === 0) return true;
  for (const c of places.centroids) if (haversine(lat, lng, c.lat, c.lng) <= NEAR_REGION_METERS) return true;
  return false;
}

/**
 * A township or community named in a free-text address ("莘庄镇莘松路100弄" → 莘庄镇), the deepest
 * and longest name found; a community counts only under a township also named or the only one of
 * that name. Null when the address names none.
 */
export async function areaFromAddress(
  exec: Executor,
  regionCode: string,
  address: string,
): Promise<Jurisdiction | null> {
  const rows = await exec
    .select()
    .from(jurisdictions)
    .where(
      and(
        eq(jurisdictions.regionCode, regionCode),
        sql`${jurisdictions.level} in ('township', 'community')`,
        sql`position(${jurisdictions.name} in ${address}) > 0`,
      ),
    );
  const towns = rows.filter((r) => r.level === 'township');
  // A two-character village name (东村) turns up inside too many street names to count.
  const communities = rows.filter((r) => r.level === 'community' && r.name.length >= 3);
  const byLength = (a: Jurisdiction, b: Jurisdiction) => b.name.length - a.name.length;
  const underTown = communities.filter((c) => towns.some((t) => c.path.startsWith(t.path)));
  const unique = communities.filter((c) => communities.filter((x) => x.name === c.name).length === 1);
  const community = (towns.length > 0 ? underTown : unique).sort(byLength)[0];
  return community ?? towns.sort(byLength)[0] ?? null;
}

/**
 * 使用我的位置 on the portal form: the township, community and grid a point falls in (nearest grid
 * centroid), shown to the citizen before submitting; a point outside the region is refused.
 */
export async function locatePoint(
  ctx: AppContext,
  regionCode: string,
  lat: number,
  lng: number,
  placesOf: () => Promise<RegionPlaces>,
) {
  const { db } = ctx.database;
  await checkLocationInput({ lat, lng }, placesOf);
  const r = await resolveLocation(db, regionCode, { lat, lng });
  const codes = [r.townshipCode, r.communityCode, r.gridCode];
  const named = await Promise.all(codes.map((c) => (c ? findJurisdiction(db, c) : null)));
  const pick = (j: Jurisdiction | null | undefined) => (j ? { code: j.code, name: j.name } : null);
  return { township: pick(named[0]), community: pick(named[1]), grid: pick(named[2]) };
}
