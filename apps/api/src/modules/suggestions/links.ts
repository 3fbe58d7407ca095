import { and, asc, eq, isNotNull, ne, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../kernel/auth/actor';
import type { Executor } from '../../kernel/db/client';
import { cases } from '../../kernel/db/kernel.schema';
import { resolveSetting } from '../../kernel/settings';
import { stateLabeler } from '../../kernel/workflow/state-names';
import { visibleActivity } from '../activities/activities.photos';
import type { activities } from '../activities/activities.schema';
import { activityKinds } from '../activities/activities.settings';
import { deputyOfAccount } from '../activities/activities.usecases';
import { assertCanSee as canSeeOpinion, viewerOf as opinionViewer } from '../opinions/access';
import { loadOpinion } from '../opinions/opinions.repository';
import { viewerOf, visibleTo } from './access';
import { suggestionCase } from './suggestions.case';
import { suggestions } from './suggestions.schema';

/**
 * 民意转建议, 视察转建议 and 调解转建议, kept both ways. The source of a suggestion is stored on the
 * suggestion row as a source type (`origin`: deputy / opinion / procuratorate / inspection /
 * mediation) plus the source's id (`source_opinion_id`, `source_activity_id`,
 * `source_mediation_finding_id`). The activity side lists its suggestions in `inspection.ts`, the
 * mediation finding's side in `mediation.ts`.
 */
const join = and(eq(suggestions.regionCode, cases.regionCode), eq(suggestions.caseId, cases.id));
const label = (s: string) => suggestionCase.states[s]?.label ?? s;

export interface LinkedSuggestion {
  id: string;
  trackingNo: string;
  registerNo: string | null;
  title: string;
  state: string;
  stateLabel: string;
}

/**
 * The suggestions drawn from one source (`source`: a condition on the suggestion row, e.g. its
 * `source_opinion_id`): details of those the viewer may see as a suggestion; the others (drafts
 * excepted) only counted.
 */
export async function linkedSuggestions(
  exec: Executor,
  actor: Actor,
  source: SQL,
): Promise<{ items: LinkedSuggestion[]; hidden: number }> {
  const v = await viewerOf(exec, actor);
  const rows = await exec
    .select({
      id: cases.id,
      trackingNo: cases.trackingNo,
      registerNo: suggestions.registerNo,
      title: cases.title,
      state: cases.state,
      visible: sql<boolean>`(${visibleTo(v)})`,
    })
    .from(suggestions)
    .innerJoin(cases, join)
    .where(and(eq(suggestions.regionCode, actor.regionCode), source))
    .orderBy(asc(cases.openedAt));
  const seen = rows.filter((r) => r.visible === true);
  return {
    items: seen.map(({ visible: _v, ...r }) => ({ ...r, stateLabel: label(r.state) })),
    hidden: rows.filter((r) => r.visible !== true && r.state !== 'draft').length,
  };
}

/** From the opinion: the suggestions it became. */
export const suggestionsOfOpinion = (exec: Executor, actor: Actor, opinionId: string) =>
  linkedSuggestions(exec, actor, eq(suggestions.sourceOpinionId, opinionId));

/** For the citizen's follow page: that their opinion became a suggestion, its number and stage. */
export async function publicSuggestionsOfOpinion(exec: Executor, regionCode: string, opinionId: string) {
  const rows = await exec
    .select({
      registerNo: suggestions.registerNo,
      state: cases.state,
      publishedId: sql<string | null>`case when ${isNotNull(suggestions.publishedAt)} then ${cases.id} end`,
    })
    .from(suggestions)
    .innerJoin(cases, join)
    .where(
      and(
        eq(suggestions.regionCode, regionCode),
        eq(suggestions.sourceOpinionId, opinionId),
        ne(cases.state, 'draft'),
      ),
    )
    .orderBy(asc(cases.openedAt));
  return rows.map((r) => ({
    registerNo: r.registerNo,
    stateLabel: label(r.state),
    publishedId: r.publishedId,
  }));
}

export type SourceOpinion =
  | { visible: true; id: string; trackingNo: string; title: string; stateLabel: string }
  | { visible: false; id: null; trackingNo: null; title: null; stateLabel: null };

/** From the suggestion: its source opinion, with details only for who may see that opinion. */
export async function sourceOpinionOf(
  exec: Executor,
  actor: Actor,
  opinionId: string | null,
): Promise<SourceOpinion | null> {
  if (!opinionId) return null;
  const hidden = { visible: false, id: null, trackingNo: null, title: null, stateLabel: null } as const;
  const found = await loadOpinion(exec, actor.regionCode, opinionId).catch(() => null);
  if (!found) return hidden;
  const seen = await canSeeOpinion(exec, await opinionViewer(exec, actor), found.c, found.o).then(
    () => true,
    () => false,
  );
  if (!seen) return hidden;
  const { c } = found;
  return {
    visible: true,
    id: c.id,
    trackingNo: c.trackingNo,
    title: c.title,
    stateLabel: (await stateLabeler(exec, c.regionCode, 'opinions'))(c.state, c.jurisdictionPath),
  };
}

async function kindLabel(exec: Executor, a: typeof activities.$inferSelect) {
  const kinds = await resolveSetting(exec, a.regionCode, a.jurisdictionPath, activityKinds);
  return kinds.find((k) => k.code === a.kind)?.name ?? a.kind;
}

export type SourceActivity =
  | { visible: true; id: string; kind: string; kindLabel: string; title: string; day: string }
  | { visible: false; id: null; kind: null; kindLabel: null; title: null; day: null };

/** From the suggestion: its source activity, with details only for who may see that activity. */
export async function sourceActivityOf(
  exec: Executor,
  actor: Actor,
  activityId: string | null,
): Promise<SourceActivity | null> {
  if (!activityId) return null;
  const hidden = { visible: false, id: null, kind: null, kindLabel: null, title: null, day: null } as const;
  const seen = await visibleActivity(exec, actor, activityId, await deputyOfAccount(exec, actor)).catch(
    () => null,
  );
  if (!seen) return hidden;
  const { a } = seen;
  return {
    visible: true,
    id: a.id,
    kind: a.kind,
    kindLabel: await kindLabel(exec, a),
    title: a.title,
    day: a.day,
  };
}
