import type { AppContext } from '../../kernel/context';
import { reachErrors } from './reach.errors';
import {
  type DeputyFilter,
  deputiesAtStation,
  findDeputies,
  findStation,
  gridsOf,
  levelLine,
  mandatesOf,
  schedulesOf,
  stationsOf,
  townshipName,
} from './reach.repository';

interface ContactPrefs {
  stationReception?: boolean;
  onlineMessages?: boolean;
  showWorkplace?: boolean;
}

function today(ctx: AppContext): string {
  // Reception days are Beijing dates.
  return new Date(ctx.clock.now().getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/**
 * What a citizen may see about deputies (代表亮身份): never a phone number; the workplace only when
 * the deputy has chosen to show it. Loads any number of deputies in a fixed number of queries.
 */
export async function deputyProfiles(ctx: AppContext, regionCode: string, by: DeputyFilter, limit = 1) {
  const { db } = ctx.database;
  const found = await findDeputies(db, regionCode, by, limit);
  const ids = found.map((d) => d.id);
  const [mandates, grids, stations] = await Promise.all([
    mandatesOf(db, regionCode, ids),
    gridsOf(db, regionCode, ids),
    stationsOf(db, regionCode, ids),
  ]);
  const stationIds = [...new Set([...stations.values()].flat().map((s) => s.id))];
  const schedules = await schedulesOf(db, regionCode, stationIds, today(ctx));
  return found.map((d) => {
    const prefs = (d.contactPrefs ?? {}) as ContactPrefs;
    return {
      id: d.id,
      code: d.code,
      jurisdictionCode: d.jurisdictionCode,
      name: d.name,
      gender: d.gender,
      photoUrl: d.photoUrl,
      duties: d.duties,
      occupationCategory: d.occupationCategory,
      workplace: prefs.showWorkplace === true ? d.workplace : null,
      expertise: d.expertise,
      levelLabel: levelLine(mandates.get(d.id)),
      levels: mandates.get(d.id) ?? [],
      grids: (grids.get(d.id) ?? []).map((g) => ({
        code: g.code,
        name: g.name,
        communityName: g.communityName,
      })),
      receivesAtStations: prefs.stationReception !== false,
      stations: (stations.get(d.id) ?? []).map((s) => ({
        id: s.id,
        code: s.code,
        name: s.name,
        kindLabel: s.kindLabel,
        address: s.address,
        openingHours: s.openingHours,
        // The rules this deputy takes part in (an empty rota means everyone stationed there).
        schedule: (schedules.get(s.id) ?? [])
          .filter((r) => r.rota.length === 0 || r.rota.includes(d.id))
          .map((r) => r.text),
      })),
    };
  });
}

export async function deputyProfile(
  ctx: AppContext,
  regionCode: string,
  by: { code: string } | { id: string },
) {
  const [profile] = await deputyProfiles(ctx, regionCode, by);
  if (!profile) throw reachErrors.deputy_not_found();
  return profile;
}
export type DeputyProfile = Awaited<ReturnType<typeof deputyProfile>>;

export async function stationProfile(
  ctx: AppContext,
  regionCode: string,
  by: { code?: string; id?: string },
) {
  const { db } = ctx.database;
  const s = await findStation(db, regionCode, by);
  if (!s) throw reachErrors.station_not_found();
  const [people, schedules, town] = await Promise.all([
    deputiesAtStation(db, regionCode, s.id),
    schedulesOf(db, regionCode, [s.id], today(ctx)),
    townshipName(db, s.jurisdictionCode),
  ]);
  const mandates = await mandatesOf(
    db,
    regionCode,
    people.map((p) => p.id),
  );
  return {
    id: s.id,
    code: s.code,
    name: s.name,
    kind: s.kind,
    kindLabel: s.kindLabel,
    address: s.address,
    townshipName: town,
    jurisdictionCode: s.jurisdictionCode,
    lat: s.lat,
    lng: s.lng,
    openingHours: s.openingHours,
    deskPhone: s.deskPhone,
    description: s.description,
    photoUrl: s.photoUrl,
    schedule: (schedules.get(s.id) ?? []).map((r) => r.text),
    deputies: people.map((p) => ({ code: p.code, name: p.name, levelLabel: levelLine(mandates.get(p.id)) })),
  };
}
export type StationProfile = Awaited<ReturnType<typeof stationProfile>>;
