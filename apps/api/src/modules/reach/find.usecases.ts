import type { AppContext } from '../../kernel/context';
import { resolveSetting } from '../../kernel/settings';
import { findJurisdiction } from '../jurisdictions/jurisdictions.repository';
import { rankByExpertise } from './expertise';
import { haversine } from './geo';
import { reachIndex } from './reach.cache';
import { type DeputyEntry, type ReachData, type StationEntry, viaArea, viaStation } from './reach.data';
import { reachErrors } from './reach.errors';
import { expertiseKeywords } from './reach.settings';

/** Public views of index entries: codes, names and places only — the index holds nothing private. */
export interface FoundStation {
  code: string;
  name: string;
  kindLabel: string;
  address: string;
  lat: number | null;
  lng: number | null;
  distanceMeters: number | null;
}
export interface FoundDeputy {
  code: string;
  name: string;
  levelLabel: string;
  distanceMeters: number | null;
  /** Why this deputy is listed: the station or grid that places them here. */
  via: { kind: 'station' | 'grid'; name: string; stationCode: string | null } | null;
}

const round = (m: number) => Math.round(m);

export function presentStation(s: StationEntry, distance: number | null): FoundStation {
  return {
    code: s.code,
    name: s.name,
    kindLabel: s.kindLabel,
    address: s.address,
    lat: s.lat,
    lng: s.lng,
    distanceMeters: distance === null ? null : round(distance),
  };
}

function presentVia(data: ReachData, via: number): FoundDeputy['via'] {
  const s = viaStation(via);
  if (s !== null) {
    const st = data.stations[s]!;
    return { kind: 'station', name: st.name, stationCode: st.code };
  }
  const a = viaArea(via);
  return a === null ? null : { kind: 'grid', name: data.areas[a]!.name, stationCode: null };
}

function presentDeputy(data: ReachData, d: DeputyEntry, distance: number | null, via: number | null) {
  return {
    code: d.code,
    name: d.name,
    levelLabel: d.levelLabel,
    distanceMeters: distance === null ? null : round(distance),
    via: via === null ? null : presentVia(data, via),
  };
}

export async function findNearest(
  ctx: AppContext,
  regionCode: string,
  q: { lat: number; lng: number; limit: number },
) {
  const data = await reachIndex(ctx, regionCode);
  return {
    stations: data.stationIndex
      .nearest(q.lat, q.lng, q.limit)
      .map((h) => presentStation(data.stations[h.key]!, h.distance)),
    deputies: data.deputyIndex
      .nearest(q.lat, q.lng, q.limit)
      .map((h) => presentDeputy(data, data.deputies[h.key]!, h.distance, h.via)),
  };
}

/** The nearest of a deputy's places (stations and grids) to a point, or null if none is placed. */
function deputyDistance(data: ReachData, d: DeputyEntry, lat: number, lng: number) {
  let best: { distance: number; via: number } | null = null;
  const consider = (pLat: number | null, pLng: number | null, via: number) => {
    if (pLat === null || pLng === null) return;
    const distance = haversine(lat, lng, pLat, pLng);
    if (!best || distance < best.distance) best = { distance, via };
  };
  for (const s of d.stations) consider(data.stations[s]!.lat, data.stations[s]!.lng, s);
  for (const g of d.grids) consider(data.areas[g]!.lat, data.areas[g]!.lng, -g - 1);
  return best as { distance: number; via: number } | null;
}

/**
 * Who serves a community or a grid: the deputies responsible for its grids (网格责任区), the
 * deputies stationed at stations inside it, and the stations of the community and its township.
 */
export async function findByArea(ctx: AppContext, regionCode: string, code: string) {
  const data = await reachIndex(ctx, regionCode);
  const at = data.areaByCode.get(code);
  if (at === undefined) throw reachErrors.area_not_found();
  const area = data.areas[at]!;
  const community =
    area.level === 'grid' ? data.areas[data.areaByCode.get(area.parentCode ?? '') ?? -1] : area;
  const communityCode = community?.code ?? area.parentCode ?? code;
  const townshipCode = community?.parentCode ?? communityCode.slice(0, 9);
  const gridIdx = new Set(
    area.level === 'grid'
      ? [at]
      : data.areas.flatMap((a, i) => (a.level === 'grid' && a.parentCode === code ? [i] : [])),
  );
  const dist = (lat: number | null, lng: number | null) =>
    area.lat === null || area.lng === null || lat === null || lng === null
      ? null
      : haversine(area.lat, area.lng, lat, lng);
  const stationIdx = data.stations.flatMap((s, i) =>
    s.jurisdictionCode.startsWith(communityCode) || s.jurisdictionCode === townshipCode ? [i] : [],
  );
  const stations = stationIdx
    .map((i) => presentStation(data.stations[i]!, dist(data.stations[i]!.lat, data.stations[i]!.lng)))
    .sort((a, b) => (a.distanceMeters ?? Infinity) - (b.distanceMeters ?? Infinity));
  const localStations = new Set(
    stationIdx.filter((i) => data.stations[i]!.jurisdictionCode.startsWith(communityCode)),
  );
  const deputies: Array<FoundDeputy & { rank: number }> = [];
  for (const d of data.deputies) {
    const grid = d.grids.find((g) => gridIdx.has(g));
    const station = grid === undefined ? d.stations.find((s) => localStations.has(s)) : undefined;
    if (grid === undefined && station === undefined) continue;
    const via = grid !== undefined ? -grid - 1 : station!;
    const point = grid !== undefined ? data.areas[grid]! : data.stations[station!]!;
    deputies.push({
      ...presentDeputy(data, d, dist(point.lat, point.lng), via),
      rank: grid !== undefined ? 0 : 1,
    });
  }
  deputies.sort((a, b) => a.rank - b.rank || (a.distanceMeters ?? 0) - (b.distanceMeters ?? 0));
  const township = await findJurisdiction(ctx.database.db, townshipCode);
  return {
    area: {
      code: area.code,
      name: area.name,
      level: area.level,
      communityName: community?.name ?? null,
      townshipName: township?.name ?? null,
    },
    stations,
    deputies: deputies.map(({ rank: _r, ...d }) => d),
  };
}

/** Deputies whose expertise fits a problem; ties broken by distance when the caller gave a place. */
export async function findByExpertise(
  ctx: AppContext,
  regionCode: string,
  q: { q: string; lat?: number; lng?: number; limit: number },
) {
  const data = await reachIndex(ctx, regionCode);
  const region = await findJurisdiction(ctx.database.db, regionCode);
  const dictionary = await resolveSetting(ctx.database.db, regionCode, region?.path ?? '', expertiseKeywords);
  const { tags, matches } = rankByExpertise(q.q, data.deputies, dictionary);
  const located = matches.map((m) => {
    const d = data.deputies[m.deputy]!;
    const near = q.lat !== undefined && q.lng !== undefined ? deputyDistance(data, d, q.lat, q.lng) : null;
    return { m, d, near };
  });
  located.sort(
    (a, b) =>
      b.m.score - a.m.score ||
      (a.near?.distance ?? Infinity) - (b.near?.distance ?? Infinity) ||
      a.d.name.localeCompare(b.d.name, 'zh-CN'),
  );
  return {
    q: q.q,
    tags,
    deputies: located.slice(0, q.limit).map(({ m, d, near }) => ({
      ...presentDeputy(data, d, near?.distance ?? null, near?.via ?? null),
      expertise: d.expertise,
      occupationCategory: d.occupationCategory,
      score: m.score,
      reasons: m.reasons,
    })),
  };
}

/** Communities of a township or grids of a community, for choosing a place by hand. */
export async function listAreas(ctx: AppContext, regionCode: string, parent: string) {
  const data = await reachIndex(ctx, regionCode);
  return {
    items: data.areas
      .filter((a) => a.parentCode === parent)
      .map((a) => ({ code: a.code, name: a.name, level: a.level })),
  };
}
