import { and, eq, sql } from 'drizzle-orm';
import { type Actor, assertCan } from '../../kernel/auth/actor';
import { type CivilDay, toDateString } from '../../kernel/calendar/calendar';
import type { AppContext } from '../../kernel/context';
import { uuidv7 } from '../../kernel/ids';
import { resolveSetting } from '../../kernel/settings';
import { departmentOf } from '../congresses/departments.repository';
import { viewerOf } from './access';
import { armPromise, syncDue } from './deadlines';
import { armFollowUp } from './followup';
import { hasContact } from './handling.usecases';
import { armKeyReport } from './keyreports';
import { dataOf } from './suggestions.case';
import { suggestionErrors } from './suggestions.errors';
import { act, suggestionWhere, withSuggestion } from './suggestions.repository';
import {
  suggestionAnswers,
  suggestionAssignments,
  suggestionRatings,
  suggestionReports,
  suggestions,
} from './suggestions.schema';
import { answerCategories } from './suggestions.settings';

export interface AnswerInput {
  body: string;
  category: string;
  signerName: string;
  signerTitle: string;
  /** Required for a follow-up category (B): the date the unit promises it done. */
  promisedOn?: CivilDay;
}

/**
 * 答复: the lead unit answers (one answer per round), signed by its responsible leader, with a
 * category from the congress's set. An answer with no 面商 on record is flagged, not refused.
 */
export async function answerSuggestion(ctx: AppContext, actor: Actor, id: string, input: AnswerInput) {
  return withSuggestion(ctx, actor, id, async (tx, c, s) => {
    const mine = await departmentOf(tx, actor);
    if (!mine || mine !== s.leadDepartmentId) throw suggestionErrors.not_your_department();
    const cats = await resolveSetting(tx, c.regionCode, c.jurisdictionPath, answerCategories);
    const cat = cats.find((x) => x.code === input.category);
    if (!cat) throw suggestionErrors.unknown_category({ allowed: cats.map((x) => x.code) });
    const now = ctx.clock.now();
    if (cat.followUp && (!input.promisedOn || input.promisedOn <= toDateString(now)))
      throw suggestionErrors.promise_required();
    const noContact = !(await hasContact(tx, c));
    const onTime = !s.answerDueAt || now <= s.answerDueAt;
    const round = dataOf(c).round ?? 1;
    const next = await act(ctx, tx, c, 'answer', actor, {
      category: cat.code,
      followUp: cat.followUp,
      onTime,
      noContact,
    });
    await tx.insert(suggestionAnswers).values({
      regionCode: c.regionCode,
      id: uuidv7(now.getTime()),
      caseId: c.id,
      round,
      departmentId: mine,
      body: input.body,
      category: cat.code,
      signerName: input.signerName,
      signerTitle: input.signerTitle,
      promisedOn: cat.followUp ? input.promisedOn! : null,
      noContact,
      onTime,
      answeredBy: actor.accountId,
      answeredAt: now,
    });
    await tx
      .update(suggestionAssignments)
      .set({ status: 'done' })
      .where(
        and(
          eq(suggestionAssignments.regionCode, c.regionCode),
          eq(suggestionAssignments.caseId, c.id),
          eq(suggestionAssignments.status, 'assigned'),
        ),
      );
    await tx
      .update(suggestions)
      .set({
        answerCategory: cat.code,
        answeredAt: now,
        answerDueAt: null,
        promisedOn: cat.followUp ? input.promisedOn! : null,
      })
      .where(suggestionWhere(c));
    await armPromise(tx, ctx, next, cat.followUp ? input.promisedOn! : null);
    await armFollowUp(tx, ctx, next, cat.followUp ? toDateString(now) : null);
    return next;
  });
}

type Level = 'satisfied' | 'basically_satisfied' | 'dissatisfied';
export interface RatingInput {
  attitude: Level;
  result: Level;
  comment?: string;
}

/**
 * 测评: the lead deputy (or staff recording a rating given on paper) rates attitude and result.
 * Either one 不满意 sends it back to the lead unit for re-handling within `suggestions.rehandleMonths`.
 */
export async function rateSuggestion(ctx: AppContext, actor: Actor, id: string, input: RatingInput) {
  return withSuggestion(ctx, actor, id, async (tx, c, s) => {
    const v = await viewerOf(tx, actor);
    const staff = actor.grants.some(
      (g) => g.role === 'congress_staff' && c.jurisdictionPath.startsWith(g.scopePath),
    );
    if (!staff && v.deputyId !== s.deputyId) throw suggestionErrors.not_your_suggestion();
    const dissatisfied = input.attitude === 'dissatisfied' || input.result === 'dissatisfied';
    const action = dissatisfied ? 'rateDissatisfied' : dataOf(c).followUp ? 'rateFollowUp' : 'rate';
    const round = dataOf(c).round ?? 1;
    const next = await act(ctx, tx, c, action, actor, { attitude: input.attitude, result: input.result });
    await tx.insert(suggestionRatings).values({
      regionCode: c.regionCode,
      id: uuidv7(ctx.clock.now().getTime()),
      caseId: c.id,
      round,
      attitude: input.attitude,
      result: input.result,
      comment: input.comment ?? null,
      ratedBy: actor.accountId,
      ratedAt: ctx.clock.now(),
    });
    await tx
      .update(suggestions)
      .set({
        attitude: input.attitude,
        result: input.result,
        ...(dissatisfied ? { rehandled: sql`${suggestions.rehandled} + 1`, promisedOn: null } : {}),
      })
      .where(suggestionWhere(c));
    if (dissatisfied) {
      // The lead unit handles it again (its assignment is live again; joint units are done).
      await tx
        .update(suggestionAssignments)
        .set({ status: 'assigned' })
        .where(
          and(
            eq(suggestionAssignments.regionCode, c.regionCode),
            eq(suggestionAssignments.caseId, c.id),
            eq(suggestionAssignments.role, 'lead'),
            eq(suggestionAssignments.status, 'done'),
          ),
        );
      await syncDue(tx, ctx, next);
    }
    return next;
  });
}

/** 回头看: the promise is kept (the lead unit reports it, or staff confirm it). */
export async function completeFollowUp(ctx: AppContext, actor: Actor, id: string, note: string) {
  return withSuggestion(ctx, actor, id, async (tx, c, s) => {
    const staff = actor.grants.some(
      (g) => g.role === 'congress_staff' && c.jurisdictionPath.startsWith(g.scopePath),
    );
    if (!staff && (await departmentOf(tx, actor)) !== s.leadDepartmentId)
      throw suggestionErrors.not_your_department();
    const next = await act(ctx, tx, c, 'completeFollowUp', actor, { note });
    await tx.update(suggestions).set({ followUpDoneAt: ctx.clock.now() }).where(suggestionWhere(c));
    return next;
  });
}

/**
 * 进展报告: key-suggestion progress, or the mid-year / year-end follow-up report, by the lead unit.
 * A report counts for this year, or for last year when given (a year-end report filed in January).
 */
export async function reportProgress(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { kind: 'key' | 'midyear' | 'yearend'; body: string; year?: number },
) {
  return withSuggestion(ctx, actor, id, async (tx, c, s) => {
    if ((await departmentOf(tx, actor)) !== s.leadDepartmentId || !s.leadDepartmentId)
      throw suggestionErrors.not_your_department();
    const now = ctx.clock.now();
    const thisYear = Number(toDateString(now).slice(0, 4));
    const year = input.year ?? thisYear;
    if (year !== thisYear && year !== thisYear - 1) throw suggestionErrors.report_year_invalid();
    const next = await act(ctx, tx, c, 'report', actor, { kind: input.kind, year });
    await tx.insert(suggestionReports).values({
      regionCode: c.regionCode,
      id: uuidv7(now.getTime()),
      caseId: c.id,
      kind: input.kind,
      year,
      body: input.body,
      reportedBy: actor.accountId,
      reportedAt: now,
    });
    return next;
  });
}

/** 重点督办: the 主任会议 picks a key suggestion for a year, led by a named leader. */
export async function markKey(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { year: number; leader: string },
) {
  return withSuggestion(ctx, actor, id, async (tx, c) => {
    assertCan(actor, ['congress_staff'], c.jurisdictionPath);
    const next = await act(ctx, tx, c, 'markKey', actor, input);
    await tx
      .update(suggestions)
      .set({ keyYear: input.year, keyLeader: input.leader })
      .where(suggestionWhere(c));
    await armKeyReport(tx, ctx, next, toDateString(ctx.clock.now()));
    return next;
  });
}

export type PilStatus = 'handed' | 'accepted' | 'filed' | 'declined';

/** 公益诉讼衔接: handed to the procuratorate as a clue, then its status there (both sides see it). */
export async function updatePil(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { status: PilStatus; note?: string },
) {
  return withSuggestion(ctx, actor, id, async (tx, c) => {
    assertCan(actor, ['congress_staff'], c.jurisdictionPath);
    const next = await act(ctx, tx, c, 'pil', actor, {
      status: input.status,
      ...(input.note ? { note: input.note } : {}),
    });
    await tx
      .update(suggestions)
      .set({ pilStatus: input.status, pilNote: input.note ?? null })
      .where(suggestionWhere(c));
    return next;
  });
}

/** 公开: the handling result goes on the portal (Art. 51). */
export async function publishSuggestion(ctx: AppContext, actor: Actor, id: string) {
  return withSuggestion(ctx, actor, id, async (tx, c) => {
    assertCan(actor, ['congress_staff'], c.jurisdictionPath);
    const next = await act(ctx, tx, c, 'publish', actor);
    await tx.update(suggestions).set({ publishedAt: ctx.clock.now() }).where(suggestionWhere(c));
    return next;
  });
}
