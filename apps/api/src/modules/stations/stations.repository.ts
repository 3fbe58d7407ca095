import { and, asc, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../kernel/db/client';
import type { SettingDefinition } from '../../kernel/settings';
import { settings } from '../congresses/congresses.schema';
import { pathCodes } from '../jurisdictions/jurisdictions.repository';
import { jurisdictions } from '../jurisdictions/jurisdictions.schema';
import type { StationBasis, StationKind } from './stations.labels';
import { stationDeputies, stationStaff, stations } from './stations.schema';

export type StationRow = typeof stations.$inferSelect;
export interface StationWithPath extends StationRow {
  path: string;
  townshipName: string | null;
}

const town = sql.raw('t');
const townshipName = sql<
  string | null
>`(select ${town}.name from ${jurisdictions} ${town} where ${town}.code = left(${stations.jurisdictionCode}, 9))`;

function inPaths(paths: string[]): SQL | undefined {
  if (paths.length === 0) return sql`false`;
  return or(...paths.map((p) => sql`${jurisdictions.path} like ${`${p}%`}`));
}

export async function findStation(
  exec: Executor,
  regionCode: string,
  id: string,
): Promise<StationWithPath | undefined> {
  const [row] = await exec
    .select({ station: stations, path: jurisdictions.path, townshipName })
    .from(stations)
    .innerJoin(jurisdictions, eq(jurisdictions.code, stations.jurisdictionCode))
    .where(and(eq(stations.regionCode, regionCode), eq(stations.id, id)));
  return row ? { ...row.station, path: row.path, townshipName: row.townshipName } : undefined;
}

export interface StationFilter {
  paths: string[];
  kind?: StationKind;
  basis?: StationBasis;
  township?: string;
  q?: string;
  active?: boolean;
}

function filterWhere(regionCode: string, f: StationFilter): SQL | undefined {
  return and(
    eq(stations.regionCode, regionCode),
    inPaths(f.paths),
    f.kind ? eq(stations.kind, f.kind) : undefined,
    f.basis ? eq(stations.basis, f.basis) : undefined,
    f.township ? sql`${stations.jurisdictionCode} like ${`${f.township}%`}` : undefined,
    f.q ? ilike(stations.name, `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : undefined,
    f.active === undefined ? undefined : eq(stations.active, f.active),
  );
}

/**
 * One page of stations with their counts of stationed deputies and liaison staff, and the total:
 * a single query (correlated counts on indexed keys and a window count), whatever the page size.
 */
export async function listStations(
  exec: Executor,
  regionCode: string,
  f: StationFilter,
  page: number,
  pageSize: number,
) {
  const rows = await exec
    .select({
      id: stations.id,
      name: stations.name,
      kind: stations.kind,
      basis: stations.basis,
      jurisdictionCode: stations.jurisdictionCode,
      jurisdictionName: jurisdictions.name,
      townshipName,
      address: stations.address,
      phone: stations.phone,
      openingHours: stations.openingHours,
      active: stations.active,
      deputyCount: sql<number>`(select count(*) from ${stationDeputies} sd where sd.region_code = ${stations.regionCode} and sd.station_id = ${stations.id})`,
      staffCount: sql<number>`(select count(*) from ${stationStaff} ss where ss.region_code = ${stations.regionCode} and ss.station_id = ${stations.id})`,
      total: sql<number>`count(*) over ()`,
    })
    .from(stations)
    .innerJoin(jurisdictions, eq(jurisdictions.code, stations.jurisdictionCode))
    .where(filterWhere(regionCode, f))
    .orderBy(asc(stations.jurisdictionCode), asc(stations.name), asc(stations.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return {
    total: Number(rows[0]?.total ?? 0),
    items: rows.map(({ total: _t, ...r }) => ({
      ...r,
      deputyCount: Number(r.deputyCount),
      staffCount: Number(r.staffCount),
    })),
  };
}

/** Every station under the given paths with its jurisdiction path (for bulk star computation). */
export async function stationsUnder(exec: Executor, regionCode: string, f: StationFilter) {
  return exec
    .select({
      id: stations.id,
      name: stations.name,
      kind: stations.kind,
      jurisdictionCode: stations.jurisdictionCode,
      path: jurisdictions.path,
      townshipName,
    })
    .from(stations)
    .innerJoin(jurisdictions, eq(jurisdictions.code, stations.jurisdictionCode))
    .where(filterWhere(regionCode, f))
    .orderBy(asc(stations.jurisdictionCode), asc(stations.name))
    .limit(5000);
}

/**
 * The inherited value of one setting for many jurisdiction paths at once (one query): for each
 * path the deepest ancestor that sets it wins, as in `resolveSettings`.
 */
export async function resolveSettingForPaths<T>(
  exec: Executor,
  regionCode: string,
  def: SettingDefinition<T>,
  paths: string[],
): Promise<Map<string, { value: T; from: string | null }>> {
  const rows = await exec
    .select({ code: settings.jurisdictionCode, value: settings.value })
    .from(settings)
    .where(and(eq(settings.regionCode, regionCode), eq(settings.key, def.key)));
  const parsed = new Map<string, T>();
  for (const r of rows) {
    const p = def.schema.safeParse(r.value);
    if (p.success) parsed.set(r.code, p.data);
  }
  const out = new Map<string, { value: T; from: string | null }>();
  for (const path of new Set(paths)) {
    const from = pathCodes(path)
      .reverse()
      .find((c) => parsed.has(c));
    out.set(path, from ? { value: parsed.get(from)!, from } : { value: def.defaultValue, from: null });
  }
  return out;
}
