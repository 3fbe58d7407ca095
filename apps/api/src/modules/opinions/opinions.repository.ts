import { and, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../kernel/context';
import type { Executor } from '../../kernel/db/client';
import { cases } from '../../kernel/db/kernel.schema';
import { opinionErrors } from './opinions.errors';
import { opinionCategories, opinions } from './opinions.schema';

export type Opinion = typeof opinions.$inferSelect;
export type CaseRowT = typeof cases.$inferSelect;

/**
 * The follow-link secret is derived from the case id with the server's blind-index key, so a
 * retried submission gets the same link back; only its SHA-256 is stored.
 */
export function followSecret(ctx: AppContext, caseId: string): string {
  return ctx.vault.blindIndex(`opinion-follow:${caseId}`).slice(0, 24);
}

export async function loadOpinion(exec: Executor, regionCode: string, caseId: string) {
  const [row] = await exec
    .select({ c: cases, o: opinions })
    .from(cases)
    .innerJoin(opinions, and(eq(opinions.regionCode, cases.regionCode), eq(opinions.caseId, cases.id)))
    .where(and(eq(cases.regionCode, regionCode), eq(cases.id, caseId), eq(cases.caseType, 'opinions')));
  if (!row) throw opinionErrors.not_found();
  return row;
}

export { departmentOf, findDepartment } from '../congresses/departments.repository';

/** Categories of the congress nearest to a jurisdiction (a township may define its own tree). */
export async function categoryFor(exec: Executor, regionCode: string, path: string, code: string) {
  const rows = await exec
    .select()
    .from(opinionCategories)
    .where(
      and(
        eq(opinionCategories.regionCode, regionCode),
        eq(opinionCategories.code, code),
        eq(opinionCategories.active, true),
        sql`${path} like '%/' || ${opinionCategories.jurisdictionCode} || '/%'`,
      ),
    );
  return rows.sort((a, b) => b.jurisdictionCode.length - a.jurisdictionCode.length)[0];
}
