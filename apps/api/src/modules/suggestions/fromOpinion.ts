import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../kernel/auth/actor';
import type { AppContext } from '../../kernel/context';
import { assertCanSee as canSeeOpinion, viewerOf as opinionViewer } from '../opinions/access';
import { loadOpinion } from '../opinions/opinions.repository';
import { type LinkedSuggestion, linkedSuggestions } from './links';
import { suggestionErrors } from './suggestions.errors';
import { suggestions } from './suggestions.schema';

/**
 * 民意转建议 from the opinion's side (for whoever may see the opinion): the suggestions drawn from
 * it — details of those the viewer may see, a count of the others (drafts not counted) — and
 * whether this viewer may convert it: the deputy the opinion was addressed to (我收到的民意), once
 * (`draftFromOpinion` makes the same checks).
 */
export async function suggestionsFromOpinion(
  ctx: AppContext,
  actor: Actor,
  opinionId: string,
): Promise<{ items: LinkedSuggestion[]; hidden: number; convertible: boolean }> {
  const { db } = ctx.database;
  const found = await loadOpinion(db, actor.regionCode, opinionId).catch(() => null);
  const v = await opinionViewer(db, actor);
  const seen =
    found &&
    (await canSeeOpinion(db, v, found.c, found.o).then(
      () => true,
      () => false,
    ));
  if (!found || !seen) throw suggestionErrors.opinion_not_found();
  const linked = await linkedSuggestions(db, actor, eq(suggestions.sourceOpinionId, opinionId));
  const [taken] = await db
    .select({ id: suggestions.caseId })
    .from(suggestions)
    .where(and(eq(suggestions.regionCode, actor.regionCode), eq(suggestions.sourceOpinionId, opinionId)))
    .limit(1);
  return {
    ...linked,
    convertible: !!v.deputyId && found.o.deputyId === v.deputyId && !taken,
  };
}
