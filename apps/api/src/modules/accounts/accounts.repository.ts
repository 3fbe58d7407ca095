import type { Role } from '@lianxin/contracts';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../kernel/db/client';
import { jurisdictions } from '../jurisdictions/jurisdictions.schema';
import { accounts, roleGrants } from './accounts.schema';

/**
 * Active accounts holding one of `roles` over a jurisdiction that contains `path` (the path itself
 * or one of its ancestors): who is responsible for something located there, e.g. the congress
 * staff to notify about an overdue case.
 */
export async function accountsCovering(
  exec: Executor,
  regionCode: string,
  roles: readonly Role[],
  path: string,
): Promise<string[]> {
  const rows = await exec
    .selectDistinct({ id: roleGrants.accountId })
    .from(roleGrants)
    .innerJoin(jurisdictions, eq(jurisdictions.code, roleGrants.scopeCode))
    .innerJoin(
      accounts,
      and(eq(accounts.regionCode, roleGrants.regionCode), eq(accounts.id, roleGrants.accountId)),
    )
    .where(
      and(
        eq(roleGrants.regionCode, regionCode),
        inArray(roleGrants.role, [...roles]),
        sql`${path} like ${jurisdictions.path} || '%'`,
        eq(accounts.status, 'active'),
      ),
    );
  return rows.map((r) => r.id);
}
