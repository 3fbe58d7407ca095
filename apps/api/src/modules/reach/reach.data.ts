import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Executor } from '../../kernel/db/client';
import { deputies, deputyGrids, deputyMandates } from '../deputies/deputies.schema';
import { jurisdictions } from '../jurisdictions/jurisdictions.schema';
import { stationKindLabels } from '../stations/stations.labels';
import { stationDeputies, stations } from '../stations/stations.schema';
import { BucketIndex, type IndexedPoint } from './geo';
import { byLevelRank, type MandateLevel, mandateLabel } from './labels';

/** What the find/coverage questions need about a region, held in memory (public fields only). */
export interface StationEntry {
  id: string;
  code: string;
  name: string;
  kind: keyof typeof stationKindLabels;
  kindLabel: string;
  address: string;
  jurisdictionCode: string;
  lat: number | null;
  lng: number | null;
}
export interface DeputyEntry {
  id: string;
  code: string;
  name: string;
  levelLabel: string;
  jurisdictionCode: string;
  occupationCategory: string | null;
  expertise: string[];
  professionalGroups: string[];
  stations: number[];
  grids: number[];
}
export interface AreaEntry {
  code: string;
  name: string;
  level: 'community' | 'grid';
  parentCode: string | null;
  lat: number | null;
  lng: number | null;
}

export interface ReachData {
  stations: StationEntry[];
  deputies: DeputyEntry[];
  areas: AreaEntry[];
  areaByCode: Map<string, number>;
  stationIndex: BucketIndex;
  /** Deputies located at their (active) stations and their grids; `via` ≥ 0 a station, < 0 a grid −(i+1). */
  deputyIndex: BucketIndex;
  deputyPoints: IndexedPoint[];
  stationPoints: IndexedPoint[];
}

export const viaStation = (via: number) => (via >= 0 ? via : null);
export const viaArea = (via: number) => (via < 0 ? -via - 1 : null);

/**
 * A cheap fingerprint of everything the index is built from: counts and sums of row hashes, so an
 * edit that touches no `updated_at` (a link row, a moved grid) still changes it.
 */
export async function reachStamp(exec: Executor, regionCode: string): Promise<string> {
  const h = (table: string, cols: string, where = `region_code = '${regionCode.replace(/\D/g, '')}'`) =>
    `(select count(*)::text || ':' || coalesce(sum(hashtext(concat_ws('|', ${cols})))::text, '') from ${table} where ${where})`;
  const rows = (await exec.execute(
    sql.raw(`select concat_ws('/',
      ${h('stations', 'id, public_code, name, kind, address, lat, lng, active, jurisdiction_code')},
      ${h('deputies', 'id, public_code, name, status, jurisdiction_code, occupation_category, expertise::text')},
      ${h('deputy_mandates', 'deputy_id, level, term, congress_jurisdiction_code, ended_on')},
      ${h('station_deputies', 'station_id, deputy_id')},
      ${h('deputy_grids', 'deputy_id, grid_code')},
      ${h('jurisdictions', 'code, name, lat, lng', `region_code = '${regionCode.replace(/\D/g, '')}' and level in ('community', 'grid')`)}
    ) as stamp`),
  )) as unknown as Array<{ stamp: string }>;
  return rows[0]?.stamp ?? '';
}

export async function loadReachData(exec: Executor, regionCode: string): Promise<ReachData> {
  const stationRows = await exec
    .select({
      id: stations.id,
      code: stations.publicCode,
      name: stations.name,
      kind: stations.kind,
      address: stations.address,
      jurisdictionCode: stations.jurisdictionCode,
      lat: stations.lat,
      lng: stations.lng,
    })
    .from(stations)
    .where(and(eq(stations.regionCode, regionCode), eq(stations.active, true)));
  const deputyRows = await exec
    .select({
      id: deputies.id,
      code: deputies.publicCode,
      name: deputies.name,
      jurisdictionCode: deputies.jurisdictionCode,
      occupationCategory: deputies.occupationCategory,
      expertise: deputies.expertise,
      professionalGroups: deputies.professionalGroups,
    })
    .from(deputies)
    .where(and(eq(deputies.regionCode, regionCode), eq(deputies.status, 'active')));
  const mandates = await exec
    .select({
      deputyId: deputyMandates.deputyId,
      level: deputyMandates.level,
      congressName: jurisdictions.name,
    })
    .from(deputyMandates)
    .leftJoin(jurisdictions, eq(jurisdictions.code, deputyMandates.congressJurisdictionCode))
    .where(
      and(
        eq(deputyMandates.regionCode, regionCode),
        sql`(${deputyMandates.endedOn} is null or ${deputyMandates.endedOn} >= current_date)`,
      ),
    );
  const areaRows = await exec
    .select({
      code: jurisdictions.code,
      name: jurisdictions.name,
      level: jurisdictions.level,
      parentCode: jurisdictions.parentCode,
      lat: jurisdictions.lat,
      lng: jurisdictions.lng,
    })
    .from(jurisdictions)
    .where(and(eq(jurisdictions.regionCode, regionCode), inArray(jurisdictions.level, ['community', 'grid'])))
    .orderBy(jurisdictions.code);
  const links = await exec
    .select({ stationId: stationDeputies.stationId, deputyId: stationDeputies.deputyId })
    .from(stationDeputies)
    .where(eq(stationDeputies.regionCode, regionCode));
  const gridLinks = await exec
    .select({ deputyId: deputyGrids.deputyId, gridCode: deputyGrids.gridCode })
    .from(deputyGrids)
    .where(and(eq(deputyGrids.regionCode, regionCode), isNotNull(deputyGrids.gridCode)));
  return buildReachData(stationRows, deputyRows, mandates, areaRows as AreaEntry[], links, gridLinks);
}

type StationRow = Omit<StationEntry, 'kindLabel'>;
type DeputyRow = Omit<DeputyEntry, 'levelLabel' | 'stations' | 'grids'>;

/** Pure assembly (the benchmark feeds it generated rows). */
export function buildReachData(
  stationRows: StationRow[],
  deputyRows: DeputyRow[],
  mandates: Array<{ deputyId: string; level: MandateLevel; congressName: string | null }>,
  areas: AreaEntry[],
  links: Array<{ stationId: string; deputyId: string }>,
  gridLinks: Array<{ deputyId: string; gridCode: string }>,
): ReachData {
  const stationList: StationEntry[] = stationRows
    .map((s) => ({ ...s, kindLabel: stationKindLabels[s.kind] }))
    .sort((a, b) => a.jurisdictionCode.localeCompare(b.jurisdictionCode) || a.name.localeCompare(b.name));
  const stationById = new Map(stationList.map((s, i) => [s.id, i]));
  const areaByCode = new Map(areas.map((a, i) => [a.code, i]));
  const labels = new Map<string, Array<{ level: MandateLevel; label: string }>>();
  for (const m of mandates) {
    const list = labels.get(m.deputyId) ?? [];
    list.push({ level: m.level, label: mandateLabel(m.level, m.congressName ?? '') });
    labels.set(m.deputyId, list);
  }
  const deputyList: DeputyEntry[] = deputyRows.map((d) => ({
    ...d,
    levelLabel: [...new Set((labels.get(d.id) ?? []).sort(byLevelRank).map((l) => l.label))].join('、'),
    stations: [],
    grids: [],
  }));
  deputyList.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || a.id.localeCompare(b.id));
  const deputyById = new Map(deputyList.map((d, i) => [d.id, i]));
  for (const l of links) {
    const s = stationById.get(l.stationId);
    const d = deputyById.get(l.deputyId);
    if (s !== undefined && d !== undefined) deputyList[d]!.stations.push(s);
  }
  for (const l of gridLinks) {
    const a = areaByCode.get(l.gridCode);
    const d = deputyById.get(l.deputyId);
    if (a !== undefined && d !== undefined) deputyList[d]!.grids.push(a);
  }
  const stationPoints: IndexedPoint[] = [];
  stationList.forEach((s, i) => {
    if (s.lat !== null && s.lng !== null) stationPoints.push({ lat: s.lat, lng: s.lng, key: i, via: i });
  });
  const deputyPoints: IndexedPoint[] = [];
  deputyList.forEach((d, key) => {
    for (const s of d.stations) {
      const st = stationList[s]!;
      if (st.lat !== null && st.lng !== null) deputyPoints.push({ lat: st.lat, lng: st.lng, key, via: s });
    }
    for (const g of d.grids) {
      const a = areas[g]!;
      if (a.lat !== null && a.lng !== null) deputyPoints.push({ lat: a.lat, lng: a.lng, key, via: -g - 1 });
    }
  });
  return {
    stations: stationList,
    deputies: deputyList,
    areas,
    areaByCode,
    stationIndex: new BucketIndex(stationPoints),
    deputyIndex: new BucketIndex(deputyPoints),
    stationPoints,
    deputyPoints,
  };
}
