import { and, asc, eq, type SQL, sql } from 'drizzle-orm';
import { appendAudit } from '../../kernel/audit/audit';
import type { Actor } from '../../kernel/auth/actor';
import type { AppContext } from '../../kernel/context';
import type { Executor } from '../../kernel/db/client';
import { cases } from '../../kernel/db/kernel.schema';
import { uuidv7 } from '../../kernel/ids';
import { departments } from '../congresses/congresses.schema';
import { findJurisdiction, findJurisdictions } from '../jurisdictions/jurisdictions.repository';
import { assertManager } from './categories.usecases';
import { configErrors } from './config.errors';
import { opinionErrors } from './opinions.errors';
import { opinionCategories, opinionRoutingRules } from './opinions.schema';

/**
 * 派单规则 administration: category × area → handling unit, with a priority (lower first). The
 * rule that decides a case is the one `suggestDepartment` picks (most specific area, then most
 * specific category, then priority). Every change is audited.
 */
export type RuleRow = typeof opinionRoutingRules.$inferSelect;

export async function listRules(ctx: AppContext, actor: Actor) {
  const { db } = ctx.database;
  const region = await assertManager(db, actor);
  const rows = await db
    .select({
      r: opinionRoutingRules,
      departmentName: departments.name,
      categoryName: opinionCategories.name,
    })
    .from(opinionRoutingRules)
    .leftJoin(
      departments,
      and(
        eq(departments.regionCode, opinionRoutingRules.regionCode),
        eq(departments.id, opinionRoutingRules.departmentId),
      ),
    )
    .leftJoin(
      opinionCategories,
      and(
        eq(opinionCategories.regionCode, opinionRoutingRules.regionCode),
        eq(opinionCategories.jurisdictionCode, region.code),
        eq(opinionCategories.code, opinionRoutingRules.categoryCode),
      ),
    )
    .where(eq(opinionRoutingRules.regionCode, region.code))
    .orderBy(
      asc(opinionRoutingRules.categoryCode),
      asc(opinionRoutingRules.jurisdictionCode),
      asc(opinionRoutingRules.priority),
    );
  const areas = await findJurisdictions(db, [...new Set(rows.map((x) => x.r.jurisdictionCode))]);
  return rows.map(({ r, departmentName, categoryName }) => ({
    id: r.id,
    categoryCode: r.categoryCode,
    categoryName,
    jurisdictionCode: r.jurisdictionCode,
    areaName: areas.get(r.jurisdictionCode)?.name ?? r.jurisdictionCode,
    departmentId: r.departmentId,
    departmentName,
    priority: r.priority,
    active: r.active,
  }));
}

export interface RuleInput {
  categoryCode: string;
  jurisdictionCode: string;
  departmentId: string;
  priority?: number;
  active?: boolean;
}

/** The parts of a rule must exist: a category of the tree, an area in the region, a unit of it. */
async function checkParts(exec: Executor, regionCode: string, regionPath: string, r: Partial<RuleInput>) {
  if (r.categoryCode !== undefined) {
    const [cat] = await exec
      .select({ code: opinionCategories.code })
      .from(opinionCategories)
      .where(
        and(
          eq(opinionCategories.regionCode, regionCode),
          eq(opinionCategories.jurisdictionCode, regionCode),
          eq(opinionCategories.code, r.categoryCode),
        ),
      );
    if (!cat) throw opinionErrors.unknown_category();
  }
  if (r.jurisdictionCode !== undefined) {
    const j = await findJurisdiction(exec, r.jurisdictionCode);
    if (!j?.path.startsWith(regionPath)) throw configErrors.routing_area_invalid();
  }
  if (r.departmentId !== undefined) {
    const [d] = await exec
      .select({ id: departments.id })
      .from(departments)
      .where(and(eq(departments.regionCode, regionCode), eq(departments.id, r.departmentId)));
    if (!d) throw opinionErrors.unknown_department();
  }
}

export async function addRule(ctx: AppContext, actor: Actor, input: RuleInput) {
  const { db } = ctx.database;
  const region = await assertManager(db, actor);
  await checkParts(db, region.code, region.path, input);
  return db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const [row] = await tx
      .insert(opinionRoutingRules)
      .values({
        regionCode: region.code,
        id: uuidv7(now.getTime()),
        categoryCode: input.categoryCode,
        jurisdictionCode: input.jurisdictionCode,
        departmentId: input.departmentId,
        priority: input.priority ?? 100,
        active: input.active ?? true,
        createdAt: now,
      })
      .returning();
    await appendAudit(tx, actor, now, {
      action: 'opinions.routing_rule_add',
      targetType: 'opinion_routing_rule',
      targetId: row!.id,
      jurisdictionCode: input.jurisdictionCode,
      details: { ...input, priority: row!.priority, active: row!.active },
    });
    return row!;
  });
}

async function lockRule(exec: Executor, regionCode: string, id: string) {
  const [r] = await exec
    .select()
    .from(opinionRoutingRules)
    .where(and(eq(opinionRoutingRules.regionCode, regionCode), eq(opinionRoutingRules.id, id)))
    .for('update');
  if (!r) throw configErrors.routing_rule_not_found();
  return r;
}

const pick = (r: RuleRow) => ({
  categoryCode: r.categoryCode,
  jurisdictionCode: r.jurisdictionCode,
  departmentId: r.departmentId,
  priority: r.priority,
  active: r.active,
});

export async function updateRule(ctx: AppContext, actor: Actor, id: string, patch: Partial<RuleInput>) {
  const { db } = ctx.database;
  const region = await assertManager(db, actor);
  await checkParts(db, region.code, region.path, patch);
  return db.transaction(async (tx) => {
    const before = await lockRule(tx, region.code, id);
    const [row] = await tx
      .update(opinionRoutingRules)
      .set(patch)
      .where(and(eq(opinionRoutingRules.regionCode, region.code), eq(opinionRoutingRules.id, id)))
      .returning();
    await appendAudit(tx, actor, ctx.clock.now(), {
      action: 'opinions.routing_rule_update',
      targetType: 'opinion_routing_rule',
      targetId: id,
      jurisdictionCode: row!.jurisdictionCode,
      details: { before: pick(before), after: pick(row!) },
    });
    return row!;
  });
}

export async function deleteRule(ctx: AppContext, actor: Actor, id: string) {
  const { db } = ctx.database;
  const region = await assertManager(db, actor);
  return db.transaction(async (tx) => {
    const before = await lockRule(tx, region.code, id);
    await tx
      .delete(opinionRoutingRules)
      .where(and(eq(opinionRoutingRules.regionCode, region.code), eq(opinionRoutingRules.id, id)));
    await appendAudit(tx, actor, ctx.clock.now(), {
      action: 'opinions.routing_rule_delete',
      targetType: 'opinion_routing_rule',
      targetId: id,
      jurisdictionCode: before.jurisdictionCode,
      details: { before: pick(before) },
    });
    return { id, deleted: true };
  });
}

/**
 * 待人工分派 (triage): accepted cases that no active rule decides — unclassified, or no rule for
 * their category (or an ancestor) in their area (or above), or the rule's unit is gone. The same
 * match as `suggestDepartment`, as one anti-join per case; with `state = 'accepted'` (and its
 * phase) the cases come from the (phase, opened_at) index, so only the few accepted cases are
 * tested against the region's few hundred rules (docs/PERFORMANCE.md §2).
 */
export function untriaged(regionCode: string): SQL {
  return sql`not exists (
    select 1 from opinions o2
      join ${opinionRoutingRules} r on r.region_code = o2.region_code and r.active
        and o2.category_code like r.category_code || '%'
      join ${departments} d on d.region_code = r.region_code and d.id = r.department_id
    where o2.region_code = ${regionCode} and o2.case_id = ${cases.id}
      and ${cases.jurisdictionPath} like '%/' || r.jurisdiction_code || '/%')`;
}
