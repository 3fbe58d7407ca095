import type { Role } from '@lianxin/contracts';
import { and, eq } from 'drizzle-orm';
import { type Actor, assertCan, grantsCovering } from '../../kernel/auth/actor';
import type { Executor } from '../../kernel/db/client';
import { stationErrors } from './stations.errors';
import { findStation, type StationWithPath } from './stations.repository';
import { stationStaff } from './stations.schema';

/** Who may see stations, and who manages them (congress staff of the station's jurisdiction). */
export const STATION_READERS: readonly Role[] = ['congress_staff', 'station_staff'];
export const STATION_MANAGERS: readonly Role[] = ['congress_staff'];

export interface StationPermissions {
  /** Kind, name, deputies, liaison staff, the standards checklist: congress staff. */
  manage: boolean;
  /** Address, hours, phone, description, photo, the annual plan: also the station's own liaison staff. */
  edit: boolean;
}

export type StationNeed = 'read' | 'edit' | 'manage';

async function isOwnStation(exec: Executor, actor: Actor, station: StationWithPath): Promise<boolean> {
  if (!actor.accountId || grantsCovering(actor, ['station_staff'], station.path).length === 0) return false;
  const [row] = await exec
    .select({ id: stationStaff.accountId })
    .from(stationStaff)
    .where(
      and(
        eq(stationStaff.regionCode, station.regionCode),
        eq(stationStaff.stationId, station.id),
        eq(stationStaff.accountId, actor.accountId),
      ),
    );
  return !!row;
}

export async function permissionsFor(
  exec: Executor,
  actor: Actor,
  station: StationWithPath,
): Promise<StationPermissions> {
  const manage = actor.kind === 'system' || grantsCovering(actor, STATION_MANAGERS, station.path).length > 0;
  return { manage, edit: manage || (await isOwnStation(exec, actor, station)) };
}

/**
 * Loads a station and checks the actor may do `need` with it: role and jurisdiction subtree
 * (assertCan), and for liaison staff that the station is one they run.
 */
export async function stationFor(
  exec: Executor,
  actor: Actor,
  id: string,
  need: StationNeed,
): Promise<StationWithPath & { can: StationPermissions }> {
  const station = await findStation(exec, actor.regionCode, id);
  if (!station) throw stationErrors.not_found();
  assertCan(actor, STATION_READERS, station.path);
  const can = await permissionsFor(exec, actor, station);
  if (need === 'manage' && !can.manage) assertCan(actor, STATION_MANAGERS, station.path);
  if (need === 'edit' && !can.edit) throw stationErrors.not_own_station();
  return { ...station, can };
}
