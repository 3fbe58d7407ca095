import { and, eq } from 'drizzle-orm';
import { appendAudit } from '../../kernel/audit/audit';
import type { Actor } from '../../kernel/auth/actor';
import type { AppContext } from '../../kernel/context';
import type { Executor } from '../../kernel/db/client';
import { deputyOfAccount } from '../activities/activities.usecases';
import { findingForDeputy, findingSource } from '../mediation/mediation.usecases';
import { type DraftInput, draft } from './drafting.usecases';
import { type LinkedSuggestion, linkedSuggestions } from './links';
import { suggestionCase } from './suggestions.case';
import { suggestionErrors } from './suggestions.errors';
import { suggestions } from './suggestions.schema';

const _label = (s: string) => suggestionCase.states[s]?.label ?? s;

/** What stops this deputy from converting the finding, as an error (null: they may). */
async function conversionRefusal(exec: Executor, regionCode: string, findingId: string, deputyId: string) {
  const found = await findingForDeputy(exec, regionCode, findingId, deputyId);
  // Someone who did not mediate the case learns nothing about it.
  if (!found) return { refusal: suggestionErrors.finding_not_found(), found };
  if (found.c.state === 'rejected') return { refusal: suggestionErrors.finding_case_rejected(), found };
  const [taken] = await exec
    .select({ id: suggestions.caseId })
    .from(suggestions)
    .where(
      and(
        eq(suggestions.regionCode, regionCode),
        eq(suggestions.sourceMediationFindingId, findingId),
        eq(suggestions.deputyId, deputyId),
      ),
    );
  if (taken) return { refusal: suggestionErrors.finding_converted({ suggestionId: taken.id }), found };
  return { refusal: null, found };
}

/**
 * 调解转建议 (issue 5): a deputy who mediates a case turns a problem it brought to light into a
 * draft suggestion, once per deputy and finding (a unique index backs the check). Audited as
 * `suggestions.open` (the case) and `suggestions.from_mediation` (the link).
 */
export async function draftFromFinding(
  ctx: AppContext,
  actor: Actor,
  findingId: string,
  input: Pick<DraftInput, 'title' | 'body' | 'category'>,
) {
  return ctx.database.db.transaction(async (tx) => {
    const deputyId = await deputyOfAccount(tx, actor);
    if (!deputyId) throw suggestionErrors.not_a_deputy();
    const { refusal, found } = await conversionRefusal(tx, actor.regionCode, findingId, deputyId);
    if (refusal) throw refusal;
    const c = await draft(ctx, tx, actor, input, {
      origin: 'mediation',
      sourceMediationFindingId: findingId,
    });
    await appendAudit(tx, actor, ctx.clock.now(), {
      action: 'suggestions.from_mediation',
      targetType: 'suggestions',
      targetId: c.id,
      jurisdictionCode: c.jurisdictionCode,
      details: { findingId, mediationId: found!.c.id, trackingNo: c.trackingNo },
    });
    return c;
  });
}

/**
 * From the finding (only for who may see its case; others get finding_not_found): the suggestions
 * drawn from it (`linkedSuggestions`) and whether this viewer may still convert it.
 */
export async function suggestionsOfFinding(
  ctx: AppContext,
  actor: Actor,
  findingId: string,
): Promise<{ items: LinkedSuggestion[]; hidden: number; convertible: boolean }> {
  const { db } = ctx.database;
  if (!(await findingSource(db, actor, findingId))?.visible) throw suggestionErrors.finding_not_found();
  const deputyId = await deputyOfAccount(db, actor);
  return {
    ...(await linkedSuggestions(db, actor, eq(suggestions.sourceMediationFindingId, findingId))),
    convertible:
      !!deputyId && (await conversionRefusal(db, actor.regionCode, findingId, deputyId)).refusal === null,
  };
}
