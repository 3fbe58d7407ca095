import { and, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import { type Actor, grantsCovering, hasRole, scopePaths } from '../../kernel/auth/actor';
import type { Executor } from '../../kernel/db/client';
import { cases } from '../../kernel/db/kernel.schema';
import { authErrors } from '../../kernel/errors';
import { accounts } from '../accounts/accounts.schema';
import { opinionErrors } from './opinions.errors';
import type { Opinion } from './opinions.repository';
import { opinionAssignments, opinions } from './opinions.schema';

export const STAFF = ['congress_staff', 'station_staff'] as const;

export interface Viewer {
  actor: Actor;
  /** Scope paths as congress or station staff. */
  staffPaths: string[];
  departmentId: string | null;
  deputyId: string | null;
}

export async function viewerOf(exec: Executor, actor: Actor): Promise<Viewer> {
  let departmentId: string | null = null;
  let deputyId: string | null = null;
  if (actor.accountId && hasRole(actor, ['department_handler', 'deputy'])) {
    const [a] = await exec
      .select({ d: accounts.departmentId, p: accounts.deputyId })
      .from(accounts)
      .where(and(eq(accounts.regionCode, actor.regionCode), eq(accounts.id, actor.accountId)));
    departmentId = hasRole(actor, ['department_handler']) ? (a?.d ?? null) : null;
    deputyId = hasRole(actor, ['deputy']) ? (a?.p ?? null) : null;
  }
  return { actor, staffPaths: scopePaths(actor, [...STAFF]), departmentId, deputyId };
}

/**
 * Cases of this department: it leads, or holds a live joint assignment. The lead unit always holds
 * a live assignment row too (交办, 改派 and 重办 add one; 退回 and 改派 close it), so one semi-join on
 * `opinion_assignments` covers both and uses `opinion_assignments_live_dept_idx` (docs/PERFORMANCE.md).
 */
export const ofDepartment = (regionCode: string, departmentId: string): SQL =>
  sql`${opinions.caseId} in (select a.case_id from ${opinionAssignments} a where a.region_code = ${regionCode}
      and a.department_id = ${departmentId} and a.status in ('assigned', 'signed', 'done'))`;

export const underPaths = (paths: string[]): SQL =>
  or(...paths.map((p) => sql`${cases.jurisdictionPath} like ${`${p}%`}`)) ?? sql`false`;

/**
 * What a viewer may see: staff their subtree; a department ONLY the cases assigned to it; a
 * deputy the opinions addressed to them. Nothing matches for anyone else.
 */
export function visibleTo(v: Viewer): SQL {
  const parts: SQL[] = [];
  if (v.staffPaths.length > 0) parts.push(underPaths(v.staffPaths));
  if (v.departmentId) {
    const paths = scopePaths(v.actor, ['department_handler']);
    parts.push(and(ofDepartment(v.actor.regionCode, v.departmentId), underPaths(paths))!);
  }
  if (v.deputyId) parts.push(eq(opinions.deputyId, v.deputyId));
  return parts.length > 0 ? or(...parts)! : sql`false`;
}

export async function assertCanSee(
  exec: Executor,
  v: Viewer,
  c: typeof cases.$inferSelect,
  o: Opinion,
): Promise<void> {
  if (grantsCovering(v.actor, [...STAFF], c.jurisdictionPath).length > 0) return;
  if (v.deputyId && o.deputyId === v.deputyId) return;
  if (v.departmentId && grantsCovering(v.actor, ['department_handler'], c.jurisdictionPath).length > 0) {
    if (o.departmentId === v.departmentId) return;
    const joint = await exec
      .select({ id: opinionAssignments.id })
      .from(opinionAssignments)
      .where(
        and(
          eq(opinionAssignments.regionCode, c.regionCode),
          eq(opinionAssignments.caseId, c.id),
          eq(opinionAssignments.departmentId, v.departmentId),
          inArray(opinionAssignments.status, ['assigned', 'signed', 'done']),
        ),
      );
    if (joint.length > 0) return;
  }
  if (v.actor.kind === 'staff' && v.actor.grants.length === 0) throw authErrors.forbidden();
  throw opinionErrors.not_found();
}
