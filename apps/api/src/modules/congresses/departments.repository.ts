import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../kernel/auth/actor';
import type { Executor } from '../../kernel/db/client';
import { accounts } from '../accounts/accounts.schema';
import { departments } from './congresses.schema';

/** Helpers every case module that routes work to 承办单位 needs (opinions, suggestions). */

/** The department a handler account belongs to (accounts.department_id), or null. */
export async function departmentOf(exec: Executor, actor: Actor): Promise<string | null> {
  if (!actor.accountId) return null;
  const [a] = await exec
    .select({ d: accounts.departmentId })
    .from(accounts)
    .where(and(eq(accounts.regionCode, actor.regionCode), eq(accounts.id, actor.accountId)));
  return a?.d ?? null;
}

export async function findDepartment(exec: Executor, regionCode: string, id: string) {
  const [d] = await exec
    .select()
    .from(departments)
    .where(and(eq(departments.regionCode, regionCode), eq(departments.id, id)));
  return d;
}

/** The active accounts of a department (whom to tell about its work). */
export async function departmentAccounts(exec: Executor, regionCode: string, departmentId: string) {
  const rows = await exec
    .select({ id: accounts.id })
    .from(accounts)
    .where(
      and(
        eq(accounts.regionCode, regionCode),
        eq(accounts.departmentId, departmentId),
        eq(accounts.status, 'active'),
      ),
    );
  return rows.map((r) => r.id);
}
