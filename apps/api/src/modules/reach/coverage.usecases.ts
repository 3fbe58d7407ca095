import type { Role } from '@lianxin/contracts';
import { type Actor, assertCan, scopePaths } from '../../kernel/auth/actor';
import type { AppContext } from '../../kernel/context';
import { commonErrors } from '../../kernel/errors';
import { resolveSetting } from '../../kernel/settings';
import { findJurisdiction } from '../jurisdictions/jurisdictions.repository';
import { reachIndex } from './reach.cache';
import type { AreaEntry, ReachData } from './reach.data';
import { coverageRadius } from './reach.settings';

export const COVERAGE_ROLES: readonly Role[] = ['congress_staff', 'station_staff'];

interface AreaCoverage {
  code: string;
  name: string;
  parentName: string | null;
  lat: number;
  lng: number;
  nearestStation: { code: string; name: string } | null;
  distanceMeters: number | null;
}

/**
 * 十五分钟民主服务圈: which grids and communities in a scope have no active station within the
 * congress's radius, and which deputies have neither a grid nor a station. Stations outside the
 * scope count too (a station across a street border still serves the grid).
 */
export async function coverageReport(ctx: AppContext, actor: Actor, scopeCode?: string) {
  const code = scopeCode ?? scopePaths(actor, COVERAGE_ROLES)[0]?.split('/').filter(Boolean).at(-1);
  const scope = code ? await findJurisdiction(ctx.database.db, code) : undefined;
  if (!scope) throw commonErrors.not_found();
  assertCan(actor, COVERAGE_ROLES, scope.path);
  const radius = await resolveSetting(ctx.database.db, actor.regionCode, scope.path, coverageRadius);
  const data = await reachIndex(ctx, actor.regionCode);
  const inScope = (c: string) => c.startsWith(scope.code);

  const usedStations = new Set<number>();
  const assess = (level: AreaEntry['level']) => {
    const all = data.areas.filter((a) => a.level === level && inScope(a.code));
    const located = all.filter((a) => a.lat !== null && a.lng !== null);
    const uncovered: AreaCoverage[] = [];
    for (const a of located) {
      const [hit] = data.stationIndex.nearest(a.lat!, a.lng!, 1);
      if (hit) usedStations.add(hit.key);
      if (hit && hit.distance <= radius) continue;
      const st = hit ? data.stations[hit.key]! : null;
      uncovered.push({
        code: a.code,
        name: a.name,
        parentName: parentName(data, a),
        lat: a.lat!,
        lng: a.lng!,
        nearestStation: st ? { code: st.code, name: st.name } : null,
        distanceMeters: hit ? Math.round(hit.distance) : null,
      });
    }
    uncovered.sort((a, b) => (b.distanceMeters ?? Infinity) - (a.distanceMeters ?? Infinity));
    return {
      summary: {
        total: all.length,
        covered: located.length - uncovered.length,
        uncovered: uncovered.length,
        noLocation: all.length - located.length,
      },
      uncovered,
    };
  };
  const grids = assess('grid');
  const communities = assess('community');

  const deputies = data.deputies.filter((d) => inScope(d.jurisdictionCode));
  const unassigned = deputies
    .filter((d) => d.grids.length === 0 && d.stations.length === 0)
    .map((d) => ({ id: d.id, code: d.code, name: d.name, levelLabel: d.levelLabel }));
  const stations = data.stations
    .map((s, i) => ({ s, i }))
    .filter(({ s, i }) => inScope(s.jurisdictionCode) || usedStations.has(i));
  const ownStations = stations.filter(({ s }) => inScope(s.jurisdictionCode));

  return {
    scope: { code: scope.code, name: scope.name, level: scope.level },
    center: scope.lat !== null && scope.lng !== null ? { lat: scope.lat, lng: scope.lng } : null,
    radiusMeters: radius,
    summary: {
      grids: grids.summary,
      communities: communities.summary,
      deputies: { total: deputies.length, unassigned: unassigned.length },
      stations: {
        total: ownStations.length,
        noLocation: ownStations.filter(({ s }) => s.lat === null || s.lng === null).length,
      },
    },
    stations: stations
      .filter(({ s }) => s.lat !== null && s.lng !== null)
      .map(({ s }) => ({
        code: s.code,
        name: s.name,
        kindLabel: s.kindLabel,
        address: s.address,
        lat: s.lat!,
        lng: s.lng!,
        inScope: inScope(s.jurisdictionCode),
      })),
    uncoveredGrids: grids.uncovered,
    uncoveredCommunities: communities.uncovered,
    unassignedDeputies: unassigned,
  };
}

function parentName(data: ReachData, a: AreaEntry): string | null {
  const i = a.parentCode ? data.areaByCode.get(a.parentCode) : undefined;
  return i === undefined ? null : data.areas[i]!.name;
}
