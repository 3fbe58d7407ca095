import { and, asc, eq } from 'drizzle-orm';
import { appendAudit } from '../../kernel/audit/audit';
import type { Actor } from '../../kernel/auth/actor';
import type { AppContext } from '../../kernel/context';
import { uuidv7 } from '../../kernel/ids';
import { stationFor } from './stations.access';
import { stationPlans } from './stations.schema';

/** 年度活动计划（月月有主题）: one theme per month of a year. */
export async function listPlans(ctx: AppContext, actor: Actor, stationId: string, year: number) {
  const { db } = ctx.database;
  const station = await stationFor(db, actor, stationId, 'read');
  const rows = await db
    .select({
      id: stationPlans.id,
      month: stationPlans.month,
      theme: stationPlans.theme,
      description: stationPlans.description,
    })
    .from(stationPlans)
    .where(
      and(
        eq(stationPlans.regionCode, actor.regionCode),
        eq(stationPlans.stationId, stationId),
        eq(stationPlans.year, year),
      ),
    )
    .orderBy(asc(stationPlans.month));
  return { year, items: rows, canEdit: station.can.edit };
}

function planWhere(regionCode: string, stationId: string, year: number, month: number) {
  return and(
    eq(stationPlans.regionCode, regionCode),
    eq(stationPlans.stationId, stationId),
    eq(stationPlans.year, year),
    eq(stationPlans.month, month),
  );
}

export async function savePlan(
  ctx: AppContext,
  actor: Actor,
  stationId: string,
  year: number,
  month: number,
  input: { theme: string; description: string | null },
) {
  const now = ctx.clock.now();
  await ctx.database.db.transaction(async (tx) => {
    const station = await stationFor(tx, actor, stationId, 'edit');
    const [before] = await tx
      .select()
      .from(stationPlans)
      .where(planWhere(actor.regionCode, stationId, year, month));
    if (before) {
      await tx
        .update(stationPlans)
        .set(input)
        .where(planWhere(actor.regionCode, stationId, year, month));
    } else {
      await tx.insert(stationPlans).values({
        regionCode: actor.regionCode,
        id: uuidv7(now.getTime()),
        stationId,
        year,
        month,
        ...input,
      });
    }
    await appendAudit(tx, actor, now, {
      action: 'stations.plan_save',
      targetType: 'station',
      targetId: stationId,
      jurisdictionCode: station.jurisdictionCode,
      details: { year, month, before: before ? { theme: before.theme } : null, after: input },
    });
  });
}

export async function deletePlan(
  ctx: AppContext,
  actor: Actor,
  stationId: string,
  year: number,
  month: number,
) {
  const now = ctx.clock.now();
  await ctx.database.db.transaction(async (tx) => {
    const station = await stationFor(tx, actor, stationId, 'edit');
    const removed = await tx
      .delete(stationPlans)
      .where(planWhere(actor.regionCode, stationId, year, month))
      .returning({ theme: stationPlans.theme });
    if (removed.length === 0) return;
    await appendAudit(tx, actor, now, {
      action: 'stations.plan_delete',
      targetType: 'station',
      targetId: stationId,
      jurisdictionCode: station.jurisdictionCode,
      details: { year, month, theme: removed[0]!.theme },
    });
  });
}
