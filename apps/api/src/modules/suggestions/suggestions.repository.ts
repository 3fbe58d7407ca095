import { and, asc, eq } from 'drizzle-orm';
import type { Actor } from '../../kernel/auth/actor';
import type { AppContext } from '../../kernel/context';
import type { Tx } from '../../kernel/db/client';
import { cases } from '../../kernel/db/kernel.schema';
import { transition } from '../../kernel/workflow/engine';
import type { CaseRow, SuggestionRow } from './access';
import { suggestionErrors } from './suggestions.errors';
import { suggestionSigners, suggestions } from './suggestions.schema';

export const suggestionWhere = (c: { regionCode: string; id: string }) =>
  and(eq(suggestions.regionCode, c.regionCode), eq(suggestions.caseId, c.id));

/** Locks the case and its suggestion for a command, in one transaction with the transition. */
export async function withSuggestion<T>(
  ctx: AppContext,
  actor: Actor,
  id: string,
  fn: (tx: Tx, c: CaseRow, s: SuggestionRow) => Promise<T>,
  exec?: Tx,
): Promise<T> {
  const run = async (tx: Tx) => {
    const [c] = await tx
      .select()
      .from(cases)
      .where(and(eq(cases.regionCode, actor.regionCode), eq(cases.id, id), eq(cases.caseType, 'suggestions')))
      .for('update');
    if (!c) throw suggestionErrors.not_found();
    const [s] = await tx.select().from(suggestions).where(suggestionWhere(c));
    if (!s) throw suggestionErrors.not_found();
    return fn(tx, c, s);
  };
  return exec ? run(exec) : ctx.database.db.transaction(run);
}

/** The deputies of a suggestion: the lead first, then co-signers in signing order. */
export async function deputyIdsOf(tx: Tx, c: CaseRow): Promise<string[]> {
  const rows = await tx
    .select({ d: suggestionSigners.deputyId, role: suggestionSigners.role })
    .from(suggestionSigners)
    .where(and(eq(suggestionSigners.regionCode, c.regionCode), eq(suggestionSigners.caseId, c.id)))
    .orderBy(asc(suggestionSigners.signedAt));
  return [...rows.filter((r) => r.role === 'lead'), ...rows.filter((r) => r.role === 'co')].map((r) => r.d);
}

/** A transition whose event names the suggestion's deputies (for points and archives). */
export async function act(
  ctx: AppContext,
  tx: Tx,
  c: CaseRow,
  action: string,
  actor: Actor,
  payload: Record<string, unknown> = {},
) {
  const deputyIds = await deputyIdsOf(tx, c);
  return transition(
    ctx,
    { regionCode: c.regionCode, id: c.id },
    action,
    actor,
    { ...payload, deputyIds },
    { exec: tx },
  );
}
