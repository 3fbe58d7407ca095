import { and, eq } from 'drizzle-orm';
import { appendAudit } from '../../kernel/audit/audit';
import type { Actor } from '../../kernel/auth/actor';
import type { AppContext } from '../../kernel/context';
import type { Executor } from '../../kernel/db/client';
import { visibleActivity } from '../activities/activities.photos';
import { activities, activityParticipants } from '../activities/activities.schema';
import { deputyOfAccount } from '../activities/activities.usecases';
import { type DraftInput, draft } from './drafting.usecases';
import { type LinkedSuggestion, linkedSuggestions } from './links';
import { suggestionCase } from './suggestions.case';
import { suggestionErrors } from './suggestions.errors';
import { suggestions } from './suggestions.schema';

/**
 * 视察/调研/执法检查转建议 (issue 5): the activity kinds whose findings a deputy may turn into a
 * suggestion — the codes of the default `activities.kinds` (视察, 专题调研, 执法检查). A congress
 * may rename them; a kind it adds under another code does not count (a reception or a meeting is
 * not an inspection finding; opinions collected there go through 民意转建议).
 */
export const INSPECTION_KINDS: readonly string[] = ['inspection', 'research', 'law_enforcement'];

type Activity = typeof activities.$inferSelect;
const _label = (s: string) => suggestionCase.states[s]?.label ?? s;

/** What stops this deputy from converting the activity, as an error (null: they may). */
async function conversionRefusal(exec: Executor, a: Activity, deputyId: string) {
  const [p] = await exec
    .select({ attendance: activityParticipants.attendance })
    .from(activityParticipants)
    .where(
      and(
        eq(activityParticipants.regionCode, a.regionCode),
        eq(activityParticipants.activityId, a.id),
        eq(activityParticipants.deputyId, deputyId),
      ),
    );
  // Someone who did not take part learns nothing about the activity.
  if (!p) return suggestionErrors.activity_not_found();
  if (!INSPECTION_KINDS.includes(a.kind)) return suggestionErrors.activity_not_inspection();
  if (a.status !== 'confirmed') return suggestionErrors.activity_not_confirmed();
  if (p.attendance !== 'present') return suggestionErrors.activity_not_attended();
  const [taken] = await exec
    .select({ id: suggestions.caseId })
    .from(suggestions)
    .where(
      and(
        eq(suggestions.regionCode, a.regionCode),
        eq(suggestions.sourceActivityId, a.id),
        eq(suggestions.deputyId, deputyId),
      ),
    );
  if (taken) return suggestionErrors.activity_converted({ suggestionId: taken.id });
  return null;
}

/**
 * A deputy who attended a confirmed inspection-like activity drafts a suggestion from it, addressed
 * to the activity's congress; once per deputy and activity (the activity row is locked, and a
 * unique index backs the check). Audited as `suggestions.open` (the case) and
 * `suggestions.from_activity` (the link).
 */
export async function draftFromActivity(
  ctx: AppContext,
  actor: Actor,
  activityId: string,
  input: Pick<DraftInput, 'title' | 'body' | 'category'>,
) {
  return ctx.database.db.transaction(async (tx) => {
    const deputyId = await deputyOfAccount(tx, actor);
    if (!deputyId) throw suggestionErrors.not_a_deputy();
    const [a] = await tx
      .select()
      .from(activities)
      .where(and(eq(activities.regionCode, actor.regionCode), eq(activities.id, activityId)))
      .for('update');
    if (!a) throw suggestionErrors.activity_not_found();
    const refusal = await conversionRefusal(tx, a, deputyId);
    if (refusal) throw refusal;
    const c = await draft(
      ctx,
      tx,
      actor,
      { ...input, congressCode: a.congressCode },
      { origin: 'inspection', sourceActivityId: a.id },
    );
    await appendAudit(tx, actor, ctx.clock.now(), {
      action: 'suggestions.from_activity',
      targetType: 'suggestions',
      targetId: c.id,
      jurisdictionCode: c.jurisdictionCode,
      details: { activityId: a.id, kind: a.kind, trackingNo: c.trackingNo },
    });
    return c;
  });
}

/**
 * From the activity (for whoever may see it): the suggestions drawn from it — details of those the
 * viewer may see as suggestions, a count of the others (drafts not counted) — and whether this
 * viewer may still convert it.
 */
export async function suggestionsOfActivity(
  ctx: AppContext,
  actor: Actor,
  activityId: string,
): Promise<{ items: LinkedSuggestion[]; hidden: number; convertible: boolean }> {
  const { db } = ctx.database;
  const deputyId = await deputyOfAccount(db, actor);
  const { a } = await visibleActivity(db, actor, activityId, deputyId).catch(() => {
    throw suggestionErrors.activity_not_found();
  });
  return {
    ...(await linkedSuggestions(db, actor, eq(suggestions.sourceActivityId, a.id))),
    convertible: !!deputyId && (await conversionRefusal(db, a, deputyId)) === null,
  };
}
