import type { Role } from '@lianxin/contracts';
import { type SQL, sql } from 'drizzle-orm';
import { type Actor, assertCan, scopePaths } from '../../kernel/auth/actor';
import type { Executor } from '../../kernel/db/client';
import { AppError } from '../../kernel/errors';
import { findJurisdiction, type Jurisdiction } from '../jurisdictions/jurisdictions.repository';
import { jurisdictions } from '../jurisdictions/jurisdictions.schema';

export const READ_ROLES: readonly Role[] = ['congress_staff', 'station_staff', 'sysadmin'];
export const WRITE_ROLES: readonly Role[] = ['congress_staff'];
export const IMPORT_ROLES: readonly Role[] = ['congress_staff', 'sysadmin'];

/**
 * The jurisdiction a request works in: `code` when given (it must lie in the actor's subtree for
 * these roles), otherwise the actor's own (first) grant for them.
 */
export async function resolveScope(
  exec: Executor,
  actor: Actor,
  roles: readonly Role[],
  code?: string,
): Promise<Jurisdiction> {
  const fallback = scopePaths(actor, roles)[0]?.split('/').filter(Boolean).at(-1);
  const j = await findJurisdiction(exec, code ?? fallback ?? '');
  if (!j) throw new AppError('jurisdictions.not_found', 404);
  assertCan(actor, roles, j.path);
  return j;
}

/** Loads a jurisdiction the actor must cover with one of `roles` (a target of a command). */
export async function jurisdictionInScope(
  exec: Executor,
  actor: Actor,
  roles: readonly Role[],
  code: string,
): Promise<Jurisdiction> {
  const j = await findJurisdiction(exec, code);
  if (!j) throw new AppError('jurisdictions.not_found', 404);
  assertCan(actor, roles, j.path);
  return j;
}

/** `col` is a jurisdiction code inside the subtree at `path` (uses the path prefix index). */
export function codeInSubtree(col: unknown, path: string): SQL {
  return sql`${col} in (select ${jurisdictions.code} from ${jurisdictions} where ${jurisdictions.path} like ${`${path}%`})`;
}

/** An ILIKE pattern matching `text` literally anywhere. */
export function contains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The congress that holds a seat of this level for a deputy living at `path`. */
export function congressCodeFor(level: string, path: string): string {
  const codes = path.split('/').filter(Boolean);
  const at = (i: number) => codes[Math.min(i, codes.length - 1)] ?? '';
  switch (level) {
    case 'national':
    case 'provincial':
      return at(0);
    case 'municipal':
      return at(1);
    case 'county':
      return at(2);
    default:
      return at(3);
  }
}
