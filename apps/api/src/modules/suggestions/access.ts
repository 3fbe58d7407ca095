import { and, eq, or, type SQL, sql } from 'drizzle-orm';
import { type Actor, grantsCovering, hasRole, scopePaths } from '../../kernel/auth/actor';
import type { Executor } from '../../kernel/db/client';
import { cases } from '../../kernel/db/kernel.schema';
import { authErrors } from '../../kernel/errors';
import { accounts } from '../accounts/accounts.schema';
import { suggestionErrors } from './suggestions.errors';
import { suggestionAssignments, suggestionSigners, suggestions } from './suggestions.schema';

export interface Viewer {
  actor: Actor;
  /** Scope paths as congress staff. */
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
  return { actor, staffPaths: scopePaths(actor, ['congress_staff']), departmentId, deputyId };
}

export const underPaths = (paths: string[]): SQL =>
  or(...paths.map((p) => sql`${cases.jurisdictionPath} like ${`${p}%`}`)) ?? sql`false`;

/** Suggestions assigned to this unit (lead or joint), unless it returned them. */
const ofDepartment = (regionCode: string, departmentId: string): SQL =>
  sql`exists (select 1 from ${suggestionAssignments} a where a.region_code = ${regionCode}
    and a.case_id = ${suggestions.caseId} and a.department_id = ${departmentId}
    and a.status in ('assigned', 'done'))`;

const signedBy = (regionCode: string, deputyId: string): SQL =>
  sql`exists (select 1 from ${suggestionSigners} s where s.region_code = ${regionCode}
    and s.case_id = ${suggestions.caseId} and s.deputy_id = ${deputyId})`;

/**
 * What a viewer may see: congress staff their subtree (drafts stay with the deputies); a unit
 * only what is assigned to it; a deputy what they drafted or co-signed.
 */
export function visibleTo(v: Viewer): SQL {
  const rc = v.actor.regionCode;
  const parts: SQL[] = [];
  if (v.staffPaths.length > 0) parts.push(and(underPaths(v.staffPaths), sql`${cases.state} <> 'draft'`)!);
  if (v.departmentId)
    parts.push(
      and(ofDepartment(rc, v.departmentId), underPaths(scopePaths(v.actor, ['department_handler'])))!,
    );
  if (v.deputyId) parts.push(signedBy(rc, v.deputyId));
  return parts.length > 0 ? or(...parts)! : sql`false`;
}

export type SuggestionRow = typeof suggestions.$inferSelect;
export type CaseRow = typeof cases.$inferSelect;

/** Throws not_found (not forbidden) for a case the viewer may not see, so ids leak nothing. */
export async function assertCanSee(exec: Executor, v: Viewer, c: CaseRow): Promise<void> {
  const [row] = await exec
    .select({ id: suggestions.caseId })
    .from(suggestions)
    .innerJoin(cases, and(eq(cases.regionCode, suggestions.regionCode), eq(cases.id, suggestions.caseId)))
    .where(and(eq(suggestions.regionCode, c.regionCode), eq(suggestions.caseId, c.id), visibleTo(v)));
  if (row) return;
  if (v.actor.kind === 'staff' && v.actor.grants.length === 0) throw authErrors.forbidden();
  throw suggestionErrors.not_found();
}

/** Congress staff over the case's jurisdiction. */
export const isStaffOf = (v: Viewer, c: CaseRow) =>
  grantsCovering(v.actor, ['congress_staff'], c.jurisdictionPath).length > 0;
