import { and, asc, eq, gte, isNull, lte } from 'drizzle-orm';
import { appendAudit } from '../../kernel/audit/audit';
import { type Actor, assertCan } from '../../kernel/auth/actor';
import { toDateString } from '../../kernel/calendar/calendar';
import type { AppContext } from '../../kernel/context';
import type { Tx } from '../../kernel/db/client';
import { cases } from '../../kernel/db/kernel.schema';
import { openCase } from '../../kernel/workflow/engine';
import { deputyMandates } from '../deputies/deputies.schema';
import { findJurisdiction } from '../jurisdictions/jurisdictions.repository';
import { loadOpinion } from '../opinions/opinions.repository';
import { viewerOf } from './access';
import { recommendationForDeputy } from './pil';
import { suggestionErrors } from './suggestions.errors';
import { act, suggestionWhere, withSuggestion } from './suggestions.repository';
import {
  procuratorateRecommendations,
  suggestionSessions,
  suggestionSigners,
  suggestions,
} from './suggestions.schema';

export interface DraftInput {
  title: string;
  body: string;
  category: string;
  /** The congress addressed (one of the deputy's mandates); default: the deputy's highest seat. */
  congressCode?: string;
  /** 检察建议 (公益诉讼) the deputy takes up as a suggestion: its reference. */
  procuratorateRef?: string;
}

async function requireDeputy(_ctx: AppContext, tx: Tx, actor: Actor): Promise<string> {
  const v = await viewerOf(tx, actor);
  if (!v.deputyId) throw suggestionErrors.not_a_deputy();
  return v.deputyId;
}

/** The deputy's current seat in the congress addressed (its term numbers the suggestion). */
async function mandateFor(tx: Tx, regionCode: string, deputyId: string, congressCode?: string) {
  const rows = await tx
    .select()
    .from(deputyMandates)
    .where(
      and(
        eq(deputyMandates.regionCode, regionCode),
        eq(deputyMandates.deputyId, deputyId),
        isNull(deputyMandates.endedOn),
      ),
    )
    .orderBy(asc(deputyMandates.congressJurisdictionCode));
  const m = congressCode ? rows.find((r) => r.congressJurisdictionCode === congressCode) : rows[0];
  if (!m) throw suggestionErrors.no_mandate();
  return m;
}

/** Opens the draft case and its row, the deputy as lead signer; the other paths add origin and source. */
export async function draft(
  ctx: AppContext,
  tx: Tx,
  actor: Actor,
  input: DraftInput,
  extra: Partial<typeof suggestions.$inferInsert>,
) {
  const deputyId = await requireDeputy(ctx, tx, actor);
  const m = await mandateFor(tx, actor.regionCode, deputyId, input.congressCode);
  const j = await findJurisdiction(tx, m.congressJurisdictionCode);
  if (!j) throw suggestionErrors.no_mandate();
  assertCan(actor, ['deputy'], j.path);
  const c = await openCase(ctx, tx, actor, {
    type: 'suggestions',
    jurisdictionCode: j.code,
    title: input.title,
    data: { deputyId, round: 1 },
  });
  const now = ctx.clock.now();
  await tx.insert(suggestions).values({
    regionCode: c.regionCode,
    caseId: c.id,
    congressCode: j.code,
    deputyId,
    body: input.body,
    category: input.category,
    term: m.term,
    ...(input.procuratorateRef
      ? {
          origin: 'procuratorate' as const,
          pilStatus: 'from_procuratorate' as const,
          pilNote: input.procuratorateRef,
        }
      : {}),
    ...extra,
    createdAt: now,
  });
  await tx
    .insert(suggestionSigners)
    .values({ regionCode: c.regionCode, caseId: c.id, deputyId, role: 'lead', signedAt: now });
  return c;
}

/** 起草: a deputy drafts a suggestion (then invites co-signers and submits). */
export async function draftSuggestion(ctx: AppContext, actor: Actor, input: DraftInput) {
  return ctx.database.db.transaction((tx) => draft(ctx, tx, actor, input, {}));
}

/**
 * 民意转建议: the deputy an opinion was addressed to turns it into a suggestion; the suggestion
 * keeps the opinion's case id (and the opinion finds its suggestion by that id).
 */
export async function draftFromOpinion(
  ctx: AppContext,
  actor: Actor,
  opinionId: string,
  input: Omit<DraftInput, 'procuratorateRef'>,
) {
  return ctx.database.db.transaction(async (tx) => {
    const deputyId = await requireDeputy(ctx, tx, actor);
    const { o } = await loadOpinion(tx, actor.regionCode, opinionId).catch(() => {
      throw suggestionErrors.opinion_not_found();
    });
    if (o.deputyId !== deputyId) throw suggestionErrors.opinion_not_found();
    const [taken] = await tx
      .select({ id: suggestions.caseId })
      .from(suggestions)
      .where(and(eq(suggestions.regionCode, actor.regionCode), eq(suggestions.sourceOpinionId, opinionId)));
    if (taken) throw suggestionErrors.already_converted({ suggestionId: taken.id });
    const c = await draft(ctx, tx, actor, input, { origin: 'opinion', sourceOpinionId: opinionId });
    await appendAudit(tx, actor, ctx.clock.now(), {
      action: 'suggestions.from_opinion',
      targetType: 'suggestions',
      targetId: c.id,
      jurisdictionCode: c.jurisdictionCode,
      details: { opinionId, trackingNo: c.trackingNo },
    });
    return c;
  });
}

/**
 * 检察建议转建议: a deputy of the congress a procuratorate's recommendation is addressed to takes
 * it up as a draft (title and text default to the recommendation's); once only. The procuratorate
 * then sees the suggestion (once submitted) and its handling.
 */
export async function draftFromRecommendation(
  ctx: AppContext,
  actor: Actor,
  recommendationId: string,
  input: { title?: string; body?: string; category: string },
) {
  return ctx.database.db.transaction(async (tx) => {
    const deputyId = await requireDeputy(ctx, tx, actor);
    const r = await recommendationForDeputy(tx, actor, deputyId, recommendationId);
    const c = await draft(
      ctx,
      tx,
      actor,
      {
        title: input.title ?? r.title,
        body: input.body ?? r.body,
        category: input.category,
        congressCode: r.jurisdictionCode,
      },
      { origin: 'procuratorate', pilStatus: 'from_procuratorate', pilNote: r.reference },
    );
    await tx
      .update(procuratorateRecommendations)
      .set({ suggestionId: c.id, convertedAt: ctx.clock.now() })
      .where(
        and(
          eq(procuratorateRecommendations.regionCode, r.regionCode),
          eq(procuratorateRecommendations.id, r.id),
        ),
      );
    return c;
  });
}

/** The lead deputy's own draft only. */
async function requireLeadDeputy(tx: Tx, ctx: AppContext, actor: Actor, s: typeof suggestions.$inferSelect) {
  const me = await requireDeputy(ctx, tx, actor);
  if (me !== s.deputyId) throw suggestionErrors.not_your_suggestion();
  return me;
}

export async function editDraft(ctx: AppContext, actor: Actor, id: string, input: Partial<DraftInput>) {
  return withSuggestion(ctx, actor, id, async (tx, c, s) => {
    await requireLeadDeputy(tx, ctx, actor, s);
    const next = await act(ctx, tx, c, 'edit', actor);
    await tx
      .update(suggestions)
      .set({
        ...(input.body ? { body: input.body } : {}),
        ...(input.category ? { category: input.category } : {}),
      })
      .where(suggestionWhere(c));
    if (input.title) {
      await tx
        .update(cases)
        .set({ title: input.title })
        .where(and(eq(cases.regionCode, c.regionCode), eq(cases.id, c.id)));
    }
    return next;
  });
}

/** 联名: another deputy of the same congress co-signs (once), while the draft or submission is open. */
export async function cosignSuggestion(ctx: AppContext, actor: Actor, id: string) {
  return withSuggestion(ctx, actor, id, async (tx, c, s) => {
    const me = await requireDeputy(ctx, tx, actor);
    await mandateFor(tx, c.regionCode, me, s.congressCode);
    const [already] = await tx
      .select()
      .from(suggestionSigners)
      .where(
        and(
          eq(suggestionSigners.regionCode, c.regionCode),
          eq(suggestionSigners.caseId, c.id),
          eq(suggestionSigners.deputyId, me),
        ),
      );
    if (already) throw suggestionErrors.already_signed();
    await tx.insert(suggestionSigners).values({
      regionCode: c.regionCode,
      caseId: c.id,
      deputyId: me,
      role: 'co',
      signedAt: ctx.clock.now(),
    });
    return act(ctx, tx, c, 'cosign', actor);
  });
}

/** The congress session in progress on a day, if any. */
export async function sessionOn(tx: Tx, regionCode: string, congressCode: string, day: string) {
  const [row] = await tx
    .select()
    .from(suggestionSessions)
    .where(
      and(
        eq(suggestionSessions.regionCode, regionCode),
        eq(suggestionSessions.congressCode, congressCode),
        lte(suggestionSessions.startsOn, day),
        gte(suggestionSessions.endsOn, day),
      ),
    );
  return row;
}

/** 提交: the lead deputy submits; during a session it counts as 会议期间, otherwise 闭会期间. */
export async function submitSuggestion(ctx: AppContext, actor: Actor, id: string) {
  return withSuggestion(ctx, actor, id, async (tx, c, s) => {
    await requireLeadDeputy(tx, ctx, actor, s);
    const now = ctx.clock.now();
    const session = await sessionOn(tx, c.regionCode, s.congressCode, toDateString(now));
    const next = await act(ctx, tx, c, 'submit', actor);
    await tx
      .update(suggestions)
      .set({
        submittedAt: now,
        period: session ? 'session' : 'interim',
        sessionId: session?.id ?? null,
        term: session?.term ?? s.term,
        sessionNo: session?.session ?? null,
      })
      .where(suggestionWhere(c));
    return next;
  });
}
