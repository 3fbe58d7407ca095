import { and, asc, eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../../kernel/context';
import { maskPhone } from '../../kernel/crypto/pii';
import type { Executor } from '../../kernel/db/client';
import { jurisdictions } from '../jurisdictions/jurisdictions.schema';
import { stationDeputies, stations } from '../stations/stations.schema';
import { levelLabels, type MandateLevel, statusLabels } from './deputies.model';
import { deputies, deputyGrids, deputyMandates } from './deputies.schema';

export type DeputyRow = typeof deputies.$inferSelect;
export type MandateRow = typeof deputyMandates.$inferSelect;

export interface Relations {
  mandates: Map<string, MandateRow[]>;
  grids: Map<string, Array<{ code: string; name: string }>>;
  stations: Map<string, Array<{ id: string; name: string }>>;
}

function group<T>(rows: T[], key: (r: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

/** Mandates, grids and stations of a page of deputies: one query each, never one per deputy. */
export async function loadRelations(exec: Executor, regionCode: string, ids: string[]): Promise<Relations> {
  if (ids.length === 0) return { mandates: new Map(), grids: new Map(), stations: new Map() };
  const mandates = await exec
    .select()
    .from(deputyMandates)
    .where(and(eq(deputyMandates.regionCode, regionCode), inArray(deputyMandates.deputyId, ids)))
    .orderBy(asc(deputyMandates.deputyId), asc(deputyMandates.id));
  const grids = await exec
    .select({ deputyId: deputyGrids.deputyId, code: deputyGrids.gridCode, name: jurisdictions.name })
    .from(deputyGrids)
    .innerJoin(jurisdictions, eq(jurisdictions.code, deputyGrids.gridCode))
    .where(and(eq(deputyGrids.regionCode, regionCode), inArray(deputyGrids.deputyId, ids)))
    .orderBy(asc(deputyGrids.gridCode));
  const st = await exec
    .select({ deputyId: stationDeputies.deputyId, id: stations.id, name: stations.name })
    .from(stationDeputies)
    .innerJoin(
      stations,
      and(eq(stations.regionCode, stationDeputies.regionCode), eq(stations.id, stationDeputies.stationId)),
    )
    .where(and(eq(stationDeputies.regionCode, regionCode), inArray(stationDeputies.deputyId, ids)))
    .orderBy(asc(stations.name));
  return {
    mandates: group(mandates, (m) => m.deputyId),
    grids: group(grids, (g) => g.deputyId),
    stations: group(st, (s) => s.deputyId),
  };
}

export async function findDeputy(
  exec: Executor,
  regionCode: string,
  id: string,
): Promise<DeputyRow | undefined> {
  const [row] = await exec
    .select()
    .from(deputies)
    .where(and(eq(deputies.regionCode, regionCode), eq(deputies.id, id)));
  return row;
}

/** What staff screens see of a deputy: the phone only as a mask, never the plaintext. */
export function presentDeputy(
  ctx: AppContext,
  d: DeputyRow,
  rel: Relations,
  jurisdictionName: string | undefined,
) {
  return {
    id: d.id,
    publicCode: d.publicCode,
    jurisdictionCode: d.jurisdictionCode,
    jurisdictionName: jurisdictionName ?? d.jurisdictionCode,
    name: d.name,
    gender: d.gender,
    ethnicity: d.ethnicity,
    birthYear: d.birthYear,
    party: d.party,
    occupationCategory: d.occupationCategory,
    workplace: d.workplace,
    duties: d.duties,
    photoUrl: d.photoUrl,
    expertise: d.expertise,
    professionalGroups: d.professionalGroups,
    contactPrefs: d.contactPrefs as Record<string, boolean>,
    phoneMasked: d.phoneEnc ? maskPhone(ctx.vault.decrypt(d.phoneEnc)) : null,
    status: d.status,
    statusLabel: statusLabels[d.status],
    statusChangedOn: d.statusChangedOn,
    statusReason: d.statusReason,
    mandates: (rel.mandates.get(d.id) ?? []).map((m) => ({
      id: m.id,
      level: m.level,
      levelLabel: levelLabels[m.level as MandateLevel],
      congressJurisdictionCode: m.congressJurisdictionCode,
      term: m.term,
      electoralDistrict: m.electoralDistrict,
      delegation: m.delegation,
      groupName: m.groupName,
      startedOn: m.startedOn,
      endedOn: m.endedOn,
    })),
    grids: rel.grids.get(d.id)?.map(({ code, name }) => ({ code, name })) ?? [],
    stations: rel.stations.get(d.id)?.map(({ id, name }) => ({ id, name })) ?? [],
  };
}
export type DeputyView = ReturnType<typeof presentDeputy>;
