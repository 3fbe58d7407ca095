import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { groupBy } from '../../kernel/collections';
import type { Executor } from '../../kernel/db/client';
import { deputies, deputyGrids, deputyMandates } from '../deputies/deputies.schema';
import { jurisdictions } from '../jurisdictions/jurisdictions.schema';
import { receptionRules } from '../receptions/receptions.schema';
import { stationKindLabels } from '../stations/stations.labels';
import { stationDeputies, stations } from '../stations/stations.schema';
import { byLevelRank, mandateFullLabel, mandateLabel, termLabel } from './labels';
import { describeSchedule } from './schedule';

/**
 * Reads for the public pages and printed cards. Every select names its columns: nothing here can
 * pick up `phone_enc` or another private column by accident (the privacy test checks responses).
 */
const stillServing = sql`(${deputyMandates.endedOn} is null or ${deputyMandates.endedOn} >= current_date)`;

export async function mandatesOf(exec: Executor, regionCode: string, deputyIds: string[]) {
  if (deputyIds.length === 0) return new Map<string, PublicMandate[]>();
  const rows = await exec
    .select({
      deputyId: deputyMandates.deputyId,
      level: deputyMandates.level,
      term: deputyMandates.term,
      congressName: jurisdictions.name,
      electoralDistrict: deputyMandates.electoralDistrict,
      delegation: deputyMandates.delegation,
      groupName: deputyMandates.groupName,
    })
    .from(deputyMandates)
    .leftJoin(jurisdictions, eq(jurisdictions.code, deputyMandates.congressJurisdictionCode))
    .where(
      and(
        eq(deputyMandates.regionCode, regionCode),
        inArray(deputyMandates.deputyId, deputyIds),
        stillServing,
      ),
    );
  const out = new Map<string, PublicMandate[]>();
  for (const r of rows.sort(byLevelRank)) {
    const list = out.get(r.deputyId) ?? [];
    list.push({
      level: r.level,
      label: mandateLabel(r.level, r.congressName ?? ''),
      fullLabel: mandateFullLabel(r.level, r.congressName ?? '', r.term),
      term: r.term,
      termLabel: termLabel(r.term),
      electoralDistrict: r.electoralDistrict,
      delegation: r.delegation,
      groupName: r.groupName,
    });
    out.set(r.deputyId, list);
  }
  return out;
}

export interface PublicMandate {
  level: string;
  label: string;
  fullLabel: string;
  term: number;
  termLabel: string;
  electoralDistrict: string | null;
  delegation: string | null;
  groupName: string | null;
}

export const levelLine = (ms: PublicMandate[] | undefined) =>
  [...new Set((ms ?? []).map((m) => m.label))].join('、');

export type DeputyFilter = { code: string } | { id: string } | { township: string };

/** The public columns of active deputies: one by public code or id, or all of a township. */
export async function findDeputies(exec: Executor, regionCode: string, by: DeputyFilter, limit = 1) {
  return exec
    .select({
      id: deputies.id,
      code: deputies.publicCode,
      name: deputies.name,
      gender: deputies.gender,
      jurisdictionCode: deputies.jurisdictionCode,
      occupationCategory: deputies.occupationCategory,
      workplace: deputies.workplace,
      duties: deputies.duties,
      photoUrl: deputies.photoUrl,
      expertise: deputies.expertise,
      contactPrefs: deputies.contactPrefs,
    })
    .from(deputies)
    .where(
      and(
        eq(deputies.regionCode, regionCode),
        eq(deputies.status, 'active'),
        'id' in by
          ? eq(deputies.id, by.id)
          : 'code' in by
            ? eq(deputies.publicCode, by.code)
            : sql`${deputies.jurisdictionCode} like ${`${by.township}%`}`,
      ),
    )
    .orderBy(asc(deputies.jurisdictionCode), asc(deputies.name))
    .limit(limit);
}

export async function gridsOf(exec: Executor, regionCode: string, deputyIds: string[]) {
  const community = sql.raw('c');
  const rows =
    deputyIds.length === 0
      ? []
      : await exec
          .select({
            deputyId: deputyGrids.deputyId,
            code: jurisdictions.code,
            name: jurisdictions.name,
            communityName: sql<
              string | null
            >`(select ${community}.name from ${jurisdictions} ${community} where ${community}.code = ${jurisdictions.parentCode})`,
          })
          .from(deputyGrids)
          .innerJoin(jurisdictions, eq(jurisdictions.code, deputyGrids.gridCode))
          .where(and(eq(deputyGrids.regionCode, regionCode), inArray(deputyGrids.deputyId, deputyIds)))
          .orderBy(asc(jurisdictions.code));
  return groupBy(rows, (r) => r.deputyId);
}

const stationColumns = {
  id: stations.id,
  code: stations.publicCode,
  name: stations.name,
  kind: stations.kind,
  address: stations.address,
  jurisdictionCode: stations.jurisdictionCode,
  lat: stations.lat,
  lng: stations.lng,
  openingHours: stations.openingHours,
  deskPhone: stations.phone,
  description: stations.description,
  photoUrl: stations.photoUrl,
};

export async function stationsOf(exec: Executor, regionCode: string, deputyIds: string[]) {
  if (deputyIds.length === 0) return new Map<string, never[]>();
  const rows = await exec
    .select({ ...stationColumns, deputyId: stationDeputies.deputyId })
    .from(stationDeputies)
    .innerJoin(
      stations,
      and(eq(stations.regionCode, stationDeputies.regionCode), eq(stations.id, stationDeputies.stationId)),
    )
    .where(
      and(
        eq(stationDeputies.regionCode, regionCode),
        inArray(stationDeputies.deputyId, deputyIds),
        eq(stations.active, true),
      ),
    )
    .orderBy(asc(stations.name));
  return groupBy(
    rows.map((s) => ({ ...s, kindLabel: stationKindLabels[s.kind] })),
    (s) => s.deputyId,
  );
}

export async function findStation(exec: Executor, regionCode: string, by: { code?: string; id?: string }) {
  const [s] = await exec
    .select(stationColumns)
    .from(stations)
    .where(
      and(
        eq(stations.regionCode, regionCode),
        eq(stations.active, true),
        by.id ? eq(stations.id, by.id) : eq(stations.publicCode, by.code ?? ''),
      ),
    );
  return s ? { ...s, kindLabel: stationKindLabels[s.kind] } : undefined;
}

export async function deputiesAtStation(exec: Executor, regionCode: string, stationId: string) {
  return exec
    .select({ id: deputies.id, code: deputies.publicCode, name: deputies.name })
    .from(stationDeputies)
    .innerJoin(
      deputies,
      and(eq(deputies.regionCode, stationDeputies.regionCode), eq(deputies.id, stationDeputies.deputyId)),
    )
    .where(
      and(
        eq(stationDeputies.regionCode, regionCode),
        eq(stationDeputies.stationId, stationId),
        eq(deputies.status, 'active'),
      ),
    )
    .orderBy(asc(deputies.name));
}

/**
 * Reception schedules of stations as sentences, keyed by station id, with the rota of each rule
 * (an empty rota means every stationed deputy takes part).
 */
export async function schedulesOf(exec: Executor, regionCode: string, stationIds: string[], today: string) {
  const out = new Map<string, Array<{ text: string; rota: string[] }>>();
  if (stationIds.length === 0) return out;
  const rows = await exec
    .select({
      stationId: receptionRules.stationId,
      rule: receptionRules.rule,
      holidayPolicy: receptionRules.holidayPolicy,
      startTime: receptionRules.startTime,
      endTime: receptionRules.endTime,
      theme: receptionRules.theme,
      rota: receptionRules.rotaDeputyIds,
    })
    .from(receptionRules)
    .where(
      and(
        eq(receptionRules.regionCode, regionCode),
        inArray(receptionRules.stationId, stationIds),
        eq(receptionRules.active, true),
        sql`(${receptionRules.validTo} is null or ${receptionRules.validTo} >= ${today})`,
      ),
    )
    .orderBy(asc(receptionRules.createdAt));
  for (const r of rows) {
    const text = describeSchedule(r);
    if (text) out.set(r.stationId, [...(out.get(r.stationId) ?? []), { text, rota: r.rota }]);
  }
  return out;
}

export async function townshipName(exec: Executor, jurisdictionCode: string): Promise<string | null> {
  const [t] = await exec
    .select({ name: jurisdictions.name })
    .from(jurisdictions)
    .where(eq(jurisdictions.code, jurisdictionCode.slice(0, 9)));
  return t?.name ?? null;
}
