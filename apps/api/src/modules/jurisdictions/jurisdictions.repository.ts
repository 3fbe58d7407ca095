import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../kernel/db/client';
import { jurisdictions } from './jurisdictions.schema';

export type Jurisdiction = typeof jurisdictions.$inferSelect;

/**
 * Jurisdictions change a few times a year; paths are asked for on almost every request. A small
 * process-local cache keeps that off the database; `forgetJurisdictions()` clears it after edits.
 */
const cache = new Map<string, Jurisdiction>();
const CACHE_MAX = 20_000;

export function forgetJurisdictions(): void {
  cache.clear();
}

export async function findJurisdiction(exec: Executor, code: string): Promise<Jurisdiction | undefined> {
  const hit = cache.get(code);
  if (hit) return hit;
  const [row] = await exec.select().from(jurisdictions).where(eq(jurisdictions.code, code));
  if (row) {
    if (cache.size >= CACHE_MAX) cache.clear();
    cache.set(code, row);
  }
  return row;
}

export async function findJurisdictions(exec: Executor, codes: string[]): Promise<Map<string, Jurisdiction>> {
  const out = new Map<string, Jurisdiction>();
  const missing = codes.filter((c) => {
    const hit = cache.get(c);
    if (hit) out.set(c, hit);
    return !hit;
  });
  if (missing.length > 0) {
    for (const row of await exec.select().from(jurisdictions).where(inArray(jurisdictions.code, missing))) {
      cache.set(row.code, row);
      out.set(row.code, row);
    }
  }
  return out;
}

/** Tree nodes with their number of children, for lazy-loading trees. */
export async function treeNodes(exec: Executor, where: SQL) {
  const child = sql.raw('c');
  const rows = await exec
    .select({
      code: jurisdictions.code,
      parentCode: jurisdictions.parentCode,
      level: jurisdictions.level,
      name: jurisdictions.name,
      childCount: sql<number>`(select count(*) from ${jurisdictions} ${child} where ${child}.parent_code = "jurisdictions"."code")`,
    })
    .from(jurisdictions)
    .where(where)
    .orderBy(asc(jurisdictions.sort), asc(jurisdictions.code));
  return rows.map((r) => ({ ...r, childCount: Number(r.childCount) }));
}

export function childrenOf(exec: Executor, code: string) {
  return treeNodes(exec, eq(jurisdictions.parentCode, code));
}

/** The codes of a path from the root down to the node itself: '/31/3101/310112/' → ['31','3101','310112']. */
export function pathCodes(path: string): string[] {
  return path.split('/').filter(Boolean);
}

export async function countInSubtree(exec: Executor, path: string) {
  const rows = await exec
    .select({ level: jurisdictions.level, n: sql<number>`count(*)` })
    .from(jurisdictions)
    .where(and(sql`${jurisdictions.path} like ${`${path}%`}`))
    .groupBy(jurisdictions.level);
  return Object.fromEntries(rows.map((r) => [r.level, Number(r.n)])) as Partial<
    Record<Jurisdiction['level'], number>
  >;
}
