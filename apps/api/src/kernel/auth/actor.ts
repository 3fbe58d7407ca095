import type { Role } from '@lianxin/contracts';
import { authErrors } from '../errors';

export interface Grant {
  role: Role;
  scopeCode: string;
  /** Materialised path of the scope jurisdiction, e.g. '/31/3101/310112/'. */
  scopePath: string;
  scopeName: string;
}

/** Who is acting. Commands take an Actor and check role and jurisdiction themselves. */
export interface Actor {
  kind: 'staff' | 'citizen' | 'system';
  accountId: string | null;
  regionCode: string;
  label: string;
  grants: Grant[];
  ip?: string;
  requestId?: string;
  sessionId?: string;
}

export function systemActor(regionCode: string, label = '系统'): Actor {
  return { kind: 'system', accountId: null, regionCode, label, grants: [] };
}

export function hasRole(actor: Actor, roles: readonly Role[]): boolean {
  return actor.grants.some((g) => roles.includes(g.role));
}

/** The grants of these roles whose subtree contains the target path. */
export function grantsCovering(actor: Actor, roles: readonly Role[], targetPath: string): Grant[] {
  return actor.grants.filter((g) => roles.includes(g.role) && targetPath.startsWith(g.scopePath));
}

/**
 * The check every command makes before touching a target: the actor holds one of `roles` over a
 * jurisdiction whose subtree contains the target. The system actor (jobs, timers) may act anywhere
 * within its region.
 */
export function assertCan(actor: Actor, roles: readonly Role[], targetPath: string): void {
  if (actor.kind === 'system') return;
  if (!hasRole(actor, roles)) throw authErrors.forbidden();
  if (grantsCovering(actor, roles, targetPath).length === 0) throw authErrors.out_of_scope();
}

/** The scope paths an actor may see for these roles (for list queries: `path LIKE scope || '%'`). */
export function scopePaths(actor: Actor, roles: readonly Role[]): string[] {
  const paths = actor.grants.filter((g) => roles.includes(g.role)).map((g) => g.scopePath);
  // Drop paths already covered by a broader one.
  return paths.filter((p) => !paths.some((q) => q !== p && p.startsWith(q)));
}

export { ADMIN_ROLES, ALL_STAFF_ROLES, STAFF_ROLES } from '@lianxin/contracts';
