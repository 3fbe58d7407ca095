import { and, asc, eq, sql } from 'drizzle-orm';
import { appendAudit } from '../../kernel/audit/audit';
import { type Actor, assertCan } from '../../kernel/auth/actor';
import type { AppContext } from '../../kernel/context';
import type { Executor, Tx } from '../../kernel/db/client';
import { findJurisdiction } from '../jurisdictions/jurisdictions.repository';
import { configErrors } from './config.errors';
import { opinionErrors } from './opinions.errors';
import { opinionCategories, opinionRoutingRules } from './opinions.schema';

/**
 * 问题分类 administration: the congress's category tree (the region's congress, as intake, the
 * forms and Open311 read it). Codes are hierarchical prefixes (CJ → CJ01 → CJ0101): filters,
 * routing rules and ledgers match a category with its subtree by prefix, so a code must start with
 * its parent's and no two unrelated codes may be prefixes of each other. A category is never
 * deleted: disabling hides it (and its subtree) from new intake while existing cases keep it.
 */
export const MAX_LEVEL = 3;
export type Category = typeof opinionCategories.$inferSelect;

/** Only the region's (district) congress staff manage the tree and the routing rules. */
export async function assertManager(exec: Executor, actor: Actor) {
  const region = await findJurisdiction(exec, actor.regionCode);
  if (!region) throw opinionErrors.outside_region();
  assertCan(actor, ['congress_staff'], region.path);
  return region;
}

const ofRegion = (rc: string) =>
  and(eq(opinionCategories.regionCode, rc), eq(opinionCategories.jurisdictionCode, rc));

export async function categoryTree(exec: Executor, regionCode: string) {
  const [cats, rules] = await Promise.all([
    exec
      .select()
      .from(opinionCategories)
      .where(ofRegion(regionCode))
      .orderBy(asc(opinionCategories.level), asc(opinionCategories.sort), asc(opinionCategories.code)),
    exec
      .select({ code: opinionRoutingRules.categoryCode, n: sql<number>`count(*)` })
      .from(opinionRoutingRules)
      .where(eq(opinionRoutingRules.regionCode, regionCode))
      .groupBy(opinionRoutingRules.categoryCode),
  ]);
  const ruleCount = new Map(rules.map((r) => [r.code, Number(r.n)]));
  return cats.map((c) => ({
    code: c.code,
    parentCode: c.parentCode,
    name: c.name,
    level: c.level,
    sort: c.sort,
    active: c.active,
    complexity: c.complexity,
    rules: ruleCount.get(c.code) ?? 0,
  }));
}

/** Why a new code cannot join the tree under this parent (null: it can). */
export function codeProblem(existing: Iterable<string>, code: string, parentCode: string | null) {
  if (parentCode && !(code.startsWith(parentCode) && code.length > parentCode.length))
    return configErrors.category_code_prefix({ code, parentCode });
  for (const e of existing) {
    if (e === code) return configErrors.category_code_taken({ code, conflictsWith: e });
    // An existing code that starts a new one must be one of its ancestors: the parent's chain.
    const ancestor = parentCode?.startsWith(e) === true;
    if ((code.startsWith(e) && !ancestor) || e.startsWith(code))
      return configErrors.category_code_taken({ code, conflictsWith: e });
  }
  return null;
}

async function lockTree(tx: Tx, regionCode: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`opinion-categories:${regionCode}`}))`);
  return tx.select().from(opinionCategories).where(ofRegion(regionCode));
}

export interface NewCategory {
  code: string;
  name: string;
  parentCode?: string | null;
  complexity?: 'simple' | 'complex';
}

function place(all: Category[], input: NewCategory) {
  const parentCode = input.parentCode ?? null;
  const parent = parentCode ? all.find((c) => c.code === parentCode) : undefined;
  if (parentCode && !parent) throw configErrors.category_not_found({ code: parentCode });
  const level = parent ? parent.level + 1 : 1;
  if (level > MAX_LEVEL) throw configErrors.category_too_deep({ max: MAX_LEVEL });
  if (parent && !parent.active) throw configErrors.category_parent_inactive({ code: parent.code });
  const problem = codeProblem(
    all.map((c) => c.code),
    input.code,
    parentCode,
  );
  if (problem) throw problem;
  const siblings = all.filter((c) => c.parentCode === parentCode);
  if (siblings.some((c) => c.name === input.name))
    throw configErrors.category_name_taken({ name: input.name });
  return { parentCode, level, sort: Math.max(0, ...siblings.map((c) => c.sort)) + 1 };
}

export async function addCategory(ctx: AppContext, actor: Actor, input: NewCategory) {
  const { db } = ctx.database;
  const region = await assertManager(db, actor);
  return db.transaction(async (tx) => {
    const all = await lockTree(tx, region.code);
    const { parentCode, level, sort } = place(all, input);
    const now = ctx.clock.now();
    const [row] = await tx
      .insert(opinionCategories)
      .values({
        regionCode: region.code,
        jurisdictionCode: region.code,
        code: input.code,
        parentCode,
        name: input.name,
        level,
        sort,
        complexity: input.complexity ?? 'simple',
        createdAt: now,
      })
      .returning();
    await appendAudit(tx, actor, now, {
      action: 'opinions.category_add',
      targetType: 'opinion_category',
      targetId: input.code,
      jurisdictionCode: region.code,
      details: { name: input.name, parentCode, complexity: row!.complexity },
    });
    return row!;
  });
}

export interface CategoryPatch {
  name?: string;
  complexity?: 'simple' | 'complex';
  active?: boolean;
}

/**
 * Rename, change complexity, disable or enable. Disabling takes the subtree with it (a child of a
 * hidden parent cannot be chosen either); enabling needs an active parent. Cases keep their code.
 */
export async function updateCategory(ctx: AppContext, actor: Actor, code: string, patch: CategoryPatch) {
  const { db } = ctx.database;
  const region = await assertManager(db, actor);
  return db.transaction(async (tx) => {
    const all = await lockTree(tx, region.code);
    const cat = all.find((c) => c.code === code);
    if (!cat) throw configErrors.category_not_found({ code });
    if (patch.name !== undefined && patch.name !== cat.name) {
      if (all.some((c) => c.parentCode === cat.parentCode && c.code !== code && c.name === patch.name))
        throw configErrors.category_name_taken({ name: patch.name });
    }
    if (patch.active === true && cat.parentCode) {
      const parent = all.find((c) => c.code === cat.parentCode);
      if (parent && !parent.active) throw configErrors.category_parent_inactive({ code: parent.code });
    }
    const where = and(ofRegion(region.code), eq(opinionCategories.code, code));
    await tx
      .update(opinionCategories)
      .set({
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.complexity ? { complexity: patch.complexity } : {}),
        ...(patch.active !== undefined ? { active: patch.active } : {}),
      })
      .where(where);
    const subtree = all.filter((c) => c.code !== code && c.code.startsWith(code) && c.active);
    if (patch.active === false && subtree.length > 0)
      await tx
        .update(opinionCategories)
        .set({ active: false })
        .where(and(ofRegion(region.code), sql`${opinionCategories.code} like ${`${code}%`}`));
    await appendAudit(tx, actor, ctx.clock.now(), {
      action: 'opinions.category_update',
      targetType: 'opinion_category',
      targetId: code,
      jurisdictionCode: region.code,
      details: {
        before: { name: cat.name, complexity: cat.complexity, active: cat.active },
        after: patch,
        ...(patch.active === false && subtree.length ? { alsoDisabled: subtree.map((c) => c.code) } : {}),
      },
    });
    const [row] = await tx.select().from(opinionCategories).where(where);
    return row!;
  });
}

/** 排序: the full list of one parent's children, in the new order. */
export async function reorderCategories(
  ctx: AppContext,
  actor: Actor,
  parentCode: string | null,
  codes: string[],
) {
  const { db } = ctx.database;
  const region = await assertManager(db, actor);
  return db.transaction(async (tx) => {
    const all = await lockTree(tx, region.code);
    const siblings = all.filter((c) => c.parentCode === parentCode).map((c) => c.code);
    const same = siblings.length === codes.length && new Set(codes).size === codes.length;
    if (!same || !codes.every((c) => siblings.includes(c)))
      throw configErrors.category_order_mismatch({ expected: siblings });
    for (const [i, code] of codes.entries())
      await tx
        .update(opinionCategories)
        .set({ sort: i + 1 })
        .where(and(ofRegion(region.code), eq(opinionCategories.code, code)));
    await appendAudit(tx, actor, ctx.clock.now(), {
      action: 'opinions.category_reorder',
      targetType: 'opinion_category',
      targetId: parentCode ?? '(top)',
      jurisdictionCode: region.code,
      details: { order: codes },
    });
    return { parentCode, codes };
  });
}
