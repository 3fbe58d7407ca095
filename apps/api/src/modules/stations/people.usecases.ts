import { and, asc, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import { appendAudit } from '../../kernel/audit/audit';
import { type Actor, grantsCovering, scopePaths } from '../../kernel/auth/actor';
import type { AppContext } from '../../kernel/context';
import type { Executor } from '../../kernel/db/client';
import { accounts, roleGrants } from '../accounts/accounts.schema';
import { deputies, deputyMandates } from '../deputies/deputies.schema';
import { jurisdictions } from '../jurisdictions/jurisdictions.schema';
import { STATION_MANAGERS, stationFor } from './stations.access';
import { stationErrors } from './stations.errors';
import { stationDeputies, stationStaff } from './stations.schema';

const levels = sql<
  string[]
>`coalesce((select array_agg(distinct m.level) from ${deputyMandates} m where m.region_code = ${deputies.regionCode} and m.deputy_id = ${deputies.id}), '{}')`;

function deputySelect() {
  return {
    id: deputies.id,
    name: deputies.name,
    gender: deputies.gender,
    status: deputies.status,
    jurisdictionName: jurisdictions.name,
    levels,
  };
}

export async function stationedDeputies(exec: Executor, regionCode: string, stationId: string) {
  return exec
    .select(deputySelect())
    .from(stationDeputies)
    .innerJoin(
      deputies,
      and(eq(deputies.regionCode, stationDeputies.regionCode), eq(deputies.id, stationDeputies.deputyId)),
    )
    .innerJoin(jurisdictions, eq(jurisdictions.code, deputies.jurisdictionCode))
    .where(and(eq(stationDeputies.regionCode, regionCode), eq(stationDeputies.stationId, stationId)))
    .orderBy(asc(deputies.name));
}

export async function liaisonStaff(exec: Executor, regionCode: string, stationId: string) {
  return exec
    .select({
      id: accounts.id,
      displayName: accounts.displayName,
      username: accounts.username,
      status: accounts.status,
    })
    .from(stationStaff)
    .innerJoin(
      accounts,
      and(eq(accounts.regionCode, stationStaff.regionCode), eq(accounts.id, stationStaff.accountId)),
    )
    .where(and(eq(stationStaff.regionCode, regionCode), eq(stationStaff.stationId, stationId)))
    .orderBy(asc(accounts.displayName));
}

/** Active deputies inside the actor's jurisdiction (by name), for choosing whom to station. */
export async function deputyCandidates(ctx: AppContext, actor: Actor, stationId: string, q?: string) {
  const { db } = ctx.database;
  await stationFor(db, actor, stationId, 'manage');
  const paths = scopePaths(actor, STATION_MANAGERS);
  return db
    .select(deputySelect())
    .from(deputies)
    .innerJoin(jurisdictions, eq(jurisdictions.code, deputies.jurisdictionCode))
    .where(
      and(
        eq(deputies.regionCode, actor.regionCode),
        eq(deputies.status, 'active'),
        or(...paths.map((p) => sql`${jurisdictions.path} like ${`${p}%`}`)),
        q ? ilike(deputies.name, `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : undefined,
      ),
    )
    .orderBy(asc(deputies.name))
    .limit(30);
}

/** Accounts holding a station_staff grant that covers the station and lies within the actor's jurisdiction. */
async function eligibleStaff(exec: Executor, actor: Actor, stationPath: string, ids?: string[]) {
  const rows = await exec
    .select({
      id: accounts.id,
      displayName: accounts.displayName,
      username: accounts.username,
      status: accounts.status,
      grantPath: jurisdictions.path,
    })
    .from(roleGrants)
    .innerJoin(
      accounts,
      and(eq(accounts.regionCode, roleGrants.regionCode), eq(accounts.id, roleGrants.accountId)),
    )
    .innerJoin(jurisdictions, eq(jurisdictions.code, roleGrants.scopeCode))
    .where(
      and(
        eq(roleGrants.regionCode, actor.regionCode),
        eq(roleGrants.role, 'station_staff'),
        eq(accounts.kind, 'staff'),
        eq(accounts.status, 'active'),
        sql`${stationPath} like ${jurisdictions.path} || '%'`,
        ids ? inArray(accounts.id, ids) : undefined,
      ),
    )
    .orderBy(asc(accounts.displayName));
  const seen = new Set<string>();
  return rows.filter(
    (r) =>
      (actor.kind === 'system' || grantsCovering(actor, STATION_MANAGERS, r.grantPath).length > 0) &&
      !seen.has(r.id) &&
      seen.add(r.id),
  );
}

export async function staffCandidates(ctx: AppContext, actor: Actor, stationId: string) {
  const { db } = ctx.database;
  const station = await stationFor(db, actor, stationId, 'manage');
  return (await eligibleStaff(db, actor, station.path)).map(({ grantPath: _g, ...r }) => r);
}

/** Replaces the set of stationed deputies; every deputy must be active and inside the actor's jurisdiction. */
export async function setStationDeputies(ctx: AppContext, actor: Actor, stationId: string, ids: string[]) {
  const now = ctx.clock.now();
  const wanted = [...new Set(ids)];
  await ctx.database.db.transaction(async (tx) => {
    const station = await stationFor(tx, actor, stationId, 'manage');
    const found = wanted.length
      ? await tx
          .select({ id: deputies.id, status: deputies.status, path: jurisdictions.path })
          .from(deputies)
          .innerJoin(jurisdictions, eq(jurisdictions.code, deputies.jurisdictionCode))
          .where(and(eq(deputies.regionCode, actor.regionCode), inArray(deputies.id, wanted)))
      : [];
    const ok = new Set(
      found
        .filter(
          (d) =>
            d.status === 'active' &&
            (actor.kind === 'system' || grantsCovering(actor, STATION_MANAGERS, d.path).length > 0),
        )
        .map((d) => d.id),
    );
    const bad = wanted.filter((id) => !ok.has(id));
    if (bad.length) throw stationErrors.deputy_not_eligible({ deputyIds: bad });
    const current = (await stationedDeputies(tx, actor.regionCode, stationId)).map((d) => d.id);
    const added = wanted.filter((id) => !current.includes(id));
    const removed = current.filter((id) => !wanted.includes(id));
    if (removed.length)
      await tx
        .delete(stationDeputies)
        .where(
          and(
            eq(stationDeputies.regionCode, actor.regionCode),
            eq(stationDeputies.stationId, stationId),
            inArray(stationDeputies.deputyId, removed),
          ),
        );
    if (added.length)
      await tx
        .insert(stationDeputies)
        .values(added.map((deputyId) => ({ regionCode: actor.regionCode, stationId, deputyId })));
    await appendAudit(tx, actor, now, {
      action: 'stations.set_deputies',
      targetType: 'station',
      targetId: stationId,
      jurisdictionCode: station.jurisdictionCode,
      details: { added, removed },
    });
  });
}

/** Replaces the station's liaison staff: accounts with a station_staff grant over it, inside the actor's jurisdiction. */
export async function setStationStaff(ctx: AppContext, actor: Actor, stationId: string, ids: string[]) {
  const now = ctx.clock.now();
  const wanted = [...new Set(ids)];
  await ctx.database.db.transaction(async (tx) => {
    const station = await stationFor(tx, actor, stationId, 'manage');
    const ok = new Set(
      wanted.length ? (await eligibleStaff(tx, actor, station.path, wanted)).map((a) => a.id) : [],
    );
    const bad = wanted.filter((id) => !ok.has(id));
    if (bad.length) throw stationErrors.staff_not_eligible({ accountIds: bad });
    const current = (await liaisonStaff(tx, actor.regionCode, stationId)).map((a) => a.id);
    const added = wanted.filter((id) => !current.includes(id));
    const removed = current.filter((id) => !wanted.includes(id));
    if (removed.length)
      await tx
        .delete(stationStaff)
        .where(
          and(
            eq(stationStaff.regionCode, actor.regionCode),
            eq(stationStaff.stationId, stationId),
            inArray(stationStaff.accountId, removed),
          ),
        );
    if (added.length)
      await tx
        .insert(stationStaff)
        .values(added.map((accountId) => ({ regionCode: actor.regionCode, stationId, accountId })));
    await appendAudit(tx, actor, now, {
      action: 'stations.set_staff',
      targetType: 'station',
      targetId: stationId,
      jurisdictionCode: station.jurisdictionCode,
      details: { added, removed },
    });
  });
}
