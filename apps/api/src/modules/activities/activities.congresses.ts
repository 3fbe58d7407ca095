import { and, eq, inArray, sql } from 'drizzle-orm';
import { type Actor, grantsCovering } from '../../kernel/auth/actor';
import type { AppContext } from '../../kernel/context';
import { congresses } from '../congresses/congresses.schema';
import { levelLabels, type MandateLevel } from '../deputies/deputies.model';
import { deputyMandates } from '../deputies/deputies.schema';
import { findJurisdictions } from '../jurisdictions/jurisdictions.repository';
import { deputyOfAccount } from './activities.usecases';

const STAFF = ['congress_staff', 'station_staff'] as const;

/**
 * The congresses an actor registers activities for and reads points of, each with the levels of
 * its deputies (points are compared within one congress and one level only). Staff: congresses in
 * their subtree and above it (a township's staff register the district deputies' work there);
 * `points` says whether the actor may read that congress's points table. A deputy: their own
 * congresses and levels.
 */
export async function workingCongresses(ctx: AppContext, actor: Actor) {
  const { db } = ctx.database;
  const rc = actor.regionCode;
  const me = await deputyOfAccount(db, actor);
  const all = await db.select().from(congresses).where(eq(congresses.regionCode, rc));
  const places = await findJurisdictions(
    db,
    all.map((c) => c.jurisdictionCode),
  );
  const mine = me
    ? await db
        .select({ code: deputyMandates.congressJurisdictionCode, level: deputyMandates.level })
        .from(deputyMandates)
        .where(and(eq(deputyMandates.regionCode, rc), eq(deputyMandates.deputyId, me)))
    : [];
  const staffPaths = actor.grants.filter((g) => (STAFF as readonly string[]).includes(g.role));
  const visible = all.filter((c) => {
    const p = places.get(c.jurisdictionCode)?.path;
    if (!p) return false;
    if (mine.some((m) => m.code === c.jurisdictionCode)) return true;
    return staffPaths.some((g) => p.startsWith(g.scopePath) || g.scopePath.startsWith(p));
  });
  if (visible.length === 0) return { deputyId: me, items: [] };
  const counts = await db
    .select({
      code: deputyMandates.congressJurisdictionCode,
      level: deputyMandates.level,
      n: sql<number>`count(distinct ${deputyMandates.deputyId})`,
    })
    .from(deputyMandates)
    .where(
      and(
        eq(deputyMandates.regionCode, rc),
        inArray(
          deputyMandates.congressJurisdictionCode,
          visible.map((c) => c.jurisdictionCode),
        ),
      ),
    )
    .groupBy(deputyMandates.congressJurisdictionCode, deputyMandates.level);
  const items = visible.map((c) => {
    const path = places.get(c.jurisdictionCode)!.path;
    const myLevels = mine.filter((m) => m.code === c.jurisdictionCode).map((m) => m.level);
    return {
      code: c.jurisdictionCode,
      name: c.name,
      points: grantsCovering(actor, ['congress_staff'], path).length > 0 || myLevels.length > 0,
      mine: myLevels.length > 0,
      levels: counts
        .filter((x) => x.code === c.jurisdictionCode && (myLevels.length === 0 || myLevels.includes(x.level)))
        .map((x) => ({ level: x.level, label: levelLabels[x.level as MandateLevel], deputies: Number(x.n) }))
        .sort((a, b) => b.deputies - a.deputies),
      depth: path.split('/').length,
    };
  });
  // The broadest congress first (the district before its townships), then by name.
  items.sort((a, b) => a.depth - b.depth || a.name.localeCompare(b.name, 'zh-CN'));
  return { deputyId: me, items: items.map(({ depth: _d, ...x }) => x) };
}
