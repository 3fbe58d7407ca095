import { and, eq } from 'drizzle-orm';
import { appendAudit } from '../../kernel/audit/audit';
import { type Actor, assertCan, scopePaths } from '../../kernel/auth/actor';
import type { AppContext } from '../../kernel/context';
import { authErrors } from '../../kernel/errors';
import { uuidv7 } from '../../kernel/ids';
import { findJurisdiction } from '../jurisdictions/jurisdictions.repository';
import { checklistSummary, checklistsOf } from './checklist.usecases';
import { liaisonStaff, stationedDeputies } from './people.usecases';
import { STATION_MANAGERS, STATION_READERS, stationFor } from './stations.access';
import { stationErrors } from './stations.errors';
import {
  type StationBasis,
  type StationKind,
  stationBasisLabels,
  stationKindLabels,
} from './stations.labels';
import { listStations, type StationFilter } from './stations.repository';
import { stations } from './stations.schema';

export interface StationFields {
  name: string;
  kind: StationKind;
  basis: StationBasis;
  address: string;
  lat: number | null;
  lng: number | null;
  openingHours: string | null;
  phone: string | null;
  description: string | null;
  photoUrl: string | null;
  active: boolean;
}

/** Fields only congress staff decide; a station's own liaison staff keep the rest up to date. */
const MANAGED_FIELDS = ['name', 'kind', 'basis', 'active'] as const;

/** A rough box around China's territory (incl. 南海诸岛 north of 3.8°N): catches swapped or foreign coordinates. */
export function insideChina(lat: number, lng: number): boolean {
  return lat >= 3.8 && lat <= 53.6 && lng >= 73.5 && lng <= 135.1;
}

function checkCoordinates(lat: number | null | undefined, lng: number | null | undefined): void {
  if ((lat == null) !== (lng == null)) throw stationErrors.invalid_coordinates({ lat, lng });
  if (lat != null && lng != null && !insideChina(lat, lng))
    throw stationErrors.invalid_coordinates({ lat, lng });
}

export async function listStationsFor(
  ctx: AppContext,
  actor: Actor,
  q: Omit<StationFilter, 'paths'> & { scope?: string; page: number; pageSize: number },
) {
  const { db } = ctx.database;
  let paths = scopePaths(actor, STATION_READERS);
  if (q.scope) {
    const j = await findJurisdiction(db, q.scope);
    if (!j) throw stationErrors.invalid_jurisdiction();
    assertCan(actor, STATION_READERS, j.path);
    paths = [j.path];
  }
  const { scope: _s, page, pageSize, ...filter } = q;
  const r = await listStations(db, actor.regionCode, { ...filter, paths }, page, pageSize);
  return {
    total: r.total,
    items: r.items.map((i) => ({
      ...i,
      kindLabel: stationKindLabels[i.kind],
      basisLabel: stationBasisLabels[i.basis],
    })),
  };
}

export async function createStation(
  ctx: AppContext,
  actor: Actor,
  input: StationFields & { jurisdictionCode: string },
): Promise<{ id: string }> {
  const { db } = ctx.database;
  const j = await findJurisdiction(db, input.jurisdictionCode);
  if (!j || !['county', 'township', 'community'].includes(j.level))
    throw stationErrors.invalid_jurisdiction({ jurisdictionCode: input.jurisdictionCode });
  assertCan(actor, STATION_MANAGERS, j.path);
  checkCoordinates(input.lat, input.lng);
  const now = ctx.clock.now();
  const id = uuidv7(now.getTime());
  await db.transaction(async (tx) => {
    await tx.insert(stations).values({ ...input, regionCode: actor.regionCode, id, createdAt: now });
    await appendAudit(tx, actor, now, {
      action: 'stations.create',
      targetType: 'station',
      targetId: id,
      jurisdictionCode: j.code,
      details: { name: input.name, kind: input.kind },
    });
  });
  return { id };
}

export async function updateStation(
  ctx: AppContext,
  actor: Actor,
  id: string,
  patch: Partial<StationFields>,
): Promise<void> {
  const now = ctx.clock.now();
  await ctx.database.db.transaction(async (tx) => {
    const station = await stationFor(tx, actor, id, 'edit');
    const changed = Object.fromEntries(
      Object.entries(patch).filter(([k, v]) => v !== undefined && v !== station[k as keyof StationFields]),
    ) as Partial<StationFields>;
    if (!station.can.manage && MANAGED_FIELDS.some((f) => f in changed)) {
      throw authErrors.forbidden(
        { fields: MANAGED_FIELDS.filter((f) => f in changed) },
        '联络员只能修改地址、坐标、开放时间、电话、简介和照片；名称、类型、设立方式和启用状态由人大工作人员维护',
      );
    }
    checkCoordinates(
      'lat' in changed ? changed.lat : station.lat,
      'lng' in changed ? changed.lng : station.lng,
    );
    if (Object.keys(changed).length === 0) return;
    await tx
      .update(stations)
      .set({ ...changed, updatedAt: now })
      .where(and(eq(stations.regionCode, actor.regionCode), eq(stations.id, id)));
    await appendAudit(tx, actor, now, {
      action: 'stations.update',
      targetType: 'station',
      targetId: id,
      jurisdictionCode: station.jurisdictionCode,
      details: {
        before: Object.fromEntries(Object.keys(changed).map((k) => [k, station[k as keyof StationFields]])),
        after: changed,
      },
    });
  });
}

/** One station with its people, checklist completion and what the actor may do with it. */
export async function getStationDetail(ctx: AppContext, actor: Actor, id: string) {
  const { db } = ctx.database;
  const s = await stationFor(db, actor, id, 'read');
  const j = await findJurisdiction(db, s.jurisdictionCode);
  const checklist = (await checklistsOf(db, actor.regionCode, [s])).get(s.id)!;
  const base = {
    id: s.id,
    publicCode: s.publicCode,
    name: s.name,
    kind: s.kind,
    kindLabel: stationKindLabels[s.kind],
    basis: s.basis,
    basisLabel: stationBasisLabels[s.basis],
    jurisdictionCode: s.jurisdictionCode,
    jurisdictionName: j?.name ?? s.jurisdictionCode,
    townshipName: s.townshipName,
    address: s.address,
    lat: s.lat,
    lng: s.lng,
    phone: s.phone,
    openingHours: s.openingHours,
    description: s.description,
    photoUrl: s.photoUrl,
    active: s.active,
    checklist: checklistSummary(checklist.items),
    can: s.can,
  };
  const deputies = await stationedDeputies(db, actor.regionCode, s.id);
  const staff = await liaisonStaff(db, actor.regionCode, s.id);
  return { ...base, deputies, staff, deputyCount: deputies.length, staffCount: staff.length };
}
