import { and, eq, isNull } from 'drizzle-orm';
import type { Actor } from '../../kernel/auth/actor';
import type { Executor } from '../../kernel/db/client';
import { authErrors } from '../../kernel/errors';
import { congresses } from '../congresses/congresses.schema';
import { deputyMandates } from '../deputies/deputies.schema';
import { findJurisdictions } from '../jurisdictions/jurisdictions.repository';
import { viewerOf } from './access';

export interface SuggestionCongress {
  code: string;
  name: string;
  term: number | null;
  /** The actor is congress staff over it (may record its sessions). */
  staff: boolean;
}

/**
 * The congresses whose suggestions an actor may count (statistics, sessions): staff and units the
 * congresses within their jurisdictions, a deputy the congresses they sit in. The broadest first
 * (the district before its townships), then by name.
 */
export async function suggestionCongresses(exec: Executor, actor: Actor): Promise<SuggestionCongress[]> {
  const rc = actor.regionCode;
  const all = await exec.select().from(congresses).where(eq(congresses.regionCode, rc));
  const places = await findJurisdictions(
    exec,
    all.map((c) => c.jurisdictionCode),
  );
  const v = await viewerOf(exec, actor);
  const seats = v.deputyId
    ? await exec
        .select({ code: deputyMandates.congressJurisdictionCode })
        .from(deputyMandates)
        .where(
          and(
            eq(deputyMandates.regionCode, rc),
            eq(deputyMandates.deputyId, v.deputyId),
            isNull(deputyMandates.endedOn),
          ),
        )
    : [];
  const scopes = actor.grants.filter((g) => g.role === 'congress_staff' || g.role === 'department_handler');
  const items = all.flatMap((c) => {
    const path = places.get(c.jurisdictionCode)?.path;
    if (!path) return [];
    const staff = actor.grants.some((g) => g.role === 'congress_staff' && path.startsWith(g.scopePath));
    const seen = staff || scopes.some((g) => path.startsWith(g.scopePath));
    if (!seen && !seats.some((s) => s.code === c.jurisdictionCode)) return [];
    return [{ code: c.jurisdictionCode, name: c.name, term: c.term, staff, depth: path.split('/').length }];
  });
  items.sort((a, b) => a.depth - b.depth || a.name.localeCompare(b.name, 'zh-CN'));
  return items.map(({ depth: _d, ...x }) => x);
}

/** One congress the actor may count: the one asked for, or the broadest of theirs. */
export async function congressFor(exec: Executor, actor: Actor, code?: string): Promise<SuggestionCongress> {
  const mine = await suggestionCongresses(exec, actor);
  const c = code ? mine.find((x) => x.code === code) : mine[0];
  if (!c) throw authErrors.out_of_scope();
  return c;
}
