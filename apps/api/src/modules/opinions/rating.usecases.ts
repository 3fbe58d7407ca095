import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Actor } from '../../kernel/auth/actor';
import { computeDeadline, loadCalendar } from '../../kernel/calendar/service';
import type { AppContext } from '../../kernel/context';
import type { Executor, Tx } from '../../kernel/db/client';
import { cases, timers } from '../../kernel/db/kernel.schema';
import { uuidv7 } from '../../kernel/ids';
import { resolveSetting } from '../../kernel/settings';
import { transition, workflowErrors } from '../../kernel/workflow/engine';
import { syncDue } from './deadlines';
import { withCase } from './handling.usecases';
import { dataOf } from './opinions.case';
import type { Opinion } from './opinions.repository';
import { opinionAssignments, opinionRatings, opinionReplies, opinions } from './opinions.schema';
import { autoCloseDays } from './opinions.settings';

type CaseRow = typeof cases.$inferSelect;
export type Rating = 'satisfied' | 'basically_satisfied' | 'dissatisfied';

/** The same unit handles the case again (重办): a fresh lead assignment it must sign for. */
async function reassignForRehandling(tx: Tx, ctx: AppContext, actor: Actor, c: CaseRow, reason: string) {
  const departmentId = dataOf(c).departmentId;
  if (!departmentId) return;
  await tx.insert(opinionAssignments).values({
    regionCode: c.regionCode,
    id: uuidv7(ctx.clock.now().getTime()),
    caseId: c.id,
    departmentId,
    role: 'lead',
    reason,
    assignedBy: actor.accountId,
    assignedAt: ctx.clock.now(),
  });
  await tx
    .update(opinions)
    .set({ reopenCount: sql`${opinions.reopenCount} + 1`, supervisionLevel: 0 })
    .where(and(eq(opinions.regionCode, c.regionCode), eq(opinions.caseId, c.id)));
}

/** The rating row of one reply round (unique per case and round). */
async function recordRating(
  tx: Tx,
  ctx: AppContext,
  actor: Actor,
  c: CaseRow,
  round: number,
  input: { rating: Rating; comment?: string },
) {
  await tx.insert(opinionRatings).values({
    regionCode: c.regionCode,
    id: uuidv7(ctx.clock.now().getTime()),
    caseId: c.id,
    round,
    rating: input.rating,
    comment: input.comment ?? null,
    ratedBy: actor.accountId,
    ratedAt: ctx.clock.now(),
  });
}

/**
 * 满意度测评 by the citizen who raised the case (or staff recording a phone follow-up): 满意/基本满意
 * close it; the first 不满意 sends it back to the same unit (重办); a second goes to congress staff.
 */
export async function rateOpinion(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { rating: Rating; comment?: string },
) {
  return withCase(ctx, actor, id, async (tx, c, o) => {
    if (c.state === 'merged' && o.mergedInto) return rateMerged(ctx, tx, actor, c, o.mergedInto, input);
    const reopens = dataOf(c).reopens ?? 0;
    const action = input.rating !== 'dissatisfied' ? 'rate' : reopens < 1 ? 'rateReopen' : 'rateReview';
    const payload = { rating: input.rating, ...(input.comment ? { comment: input.comment } : {}) };
    const next = await transition(ctx, { regionCode: c.regionCode, id: c.id }, action, actor, payload, {
      exec: tx,
    });
    await recordRating(tx, ctx, actor, c, dataOf(c).round ?? 1, input);
    if (action === 'rateReopen') {
      await reassignForRehandling(tx, ctx, actor, next, '群众不满意，重办');
      await syncDue(tx, ctx, next);
      await syncMergedRating(tx, ctx, next, 'cancel');
    }
    return next;
  });
}

/**
 * The main case's answer a merged case's citizen may rate now: the latest reply, once the main
 * case is past handling (answered, under review or closed) — not while it is being handled again —
 * and only a round this merged case has not rated yet. Null when there is nothing to rate.
 */
export async function mergedRatingDue(exec: Executor, regionCode: string, caseId: string, mainId: string) {
  const [main] = await exec
    .select({ trackingNo: cases.trackingNo, phase: cases.phase })
    .from(cases)
    .where(and(eq(cases.regionCode, regionCode), eq(cases.id, mainId)));
  if (!main || (main.phase !== 'feedback' && main.phase !== 'closed')) return null;
  const [last] = await exec
    .select({ round: opinionReplies.round })
    .from(opinionReplies)
    .where(and(eq(opinionReplies.regionCode, regionCode), eq(opinionReplies.caseId, mainId)))
    .orderBy(desc(opinionReplies.round))
    .limit(1);
  if (!last) return null;
  const [rated] = await exec
    .select({ id: opinionRatings.id })
    .from(opinionRatings)
    .where(
      and(
        eq(opinionRatings.regionCode, regionCode),
        eq(opinionRatings.caseId, caseId),
        eq(opinionRatings.round, last.round),
      ),
    );
  return rated ? null : { round: last.round, mainTrackingNo: main.trackingNo };
}

/**
 * 并单: a merged case's citizen rates the main case's answer. The rating is recorded against their
 * own (merged) case for the main case's reply round, so each citizen counts once in the statistics
 * and the main case keeps its own citizen's rating; it does not close, reopen or send the main case
 * to review (that stays with the main case's citizen). A 不满意 is shown to the congress staff, who
 * are told (opinions.subscribers.ts).
 */
async function rateMerged(
  ctx: AppContext,
  tx: Tx,
  actor: Actor,
  c: CaseRow,
  mainId: string,
  input: { rating: Rating; comment?: string },
) {
  const due = await mergedRatingDue(tx, c.regionCode, c.id, mainId);
  if (!due)
    throw workflowErrors.not_allowed(
      { action: 'rateMerged', state: c.state },
      '主办事项尚未答复，或您已评价过该次答复',
    );
  const payload = {
    rating: input.rating,
    ...(input.comment ? { comment: input.comment } : {}),
    round: due.round,
    mainTrackingNo: due.mainTrackingNo,
  };
  const next = await transition(ctx, { regionCode: c.regionCode, id: c.id }, 'rateMerged', actor, payload, {
    exec: tx,
  });
  await recordRating(tx, ctx, actor, c, due.round, input);
  return next;
}

/** After a second 不满意, congress staff decide: handle it again, or close it with a written reason. */
export async function reviewOpinion(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { decision: 'reopen' | 'close'; reason: string },
) {
  return withCase(ctx, actor, id, async (tx, c) => {
    const action = input.decision === 'reopen' ? 'reviewReopen' : 'reviewClose';
    const next = await transition(
      ctx,
      { regionCode: c.regionCode, id: c.id },
      action,
      actor,
      { reason: input.reason },
      { exec: tx },
    );
    if (action === 'reviewReopen') {
      await reassignForRehandling(tx, ctx, actor, next, `人大审核后重办：${input.reason}`);
      await syncDue(tx, ctx, next);
      await syncMergedRating(tx, ctx, next, 'cancel');
    }
    return next;
  });
}

/** A case closed unrated (timer) gets an `auto` rating row, so ledgers show it was not rated. */
export async function recordAutoClose(tx: Tx, ctx: AppContext, c: CaseRow) {
  await tx
    .insert(opinionRatings)
    .values({
      regionCode: c.regionCode,
      id: uuidv7(ctx.clock.now().getTime()),
      caseId: c.id,
      round: dataOf(c).round ?? 1,
      rating: null,
      auto: true,
      ratedAt: ctx.clock.now(),
    })
    .onConflictDoNothing();
}

/**
 * 并单: the merged citizens' rating periods of the main case's answer, as `rate_due` timers on their
 * own cases that fire `autoCloseMerged` after `opinions.autoCloseDays` working days — the period
 * the main case's citizen has. `rearm` (the main case answered: a new round for everyone), `fill`
 * (a case merged into an answered case: only those without a period yet), `cancel` (the main case
 * is handled again: the answer can no longer be rated). Only cases whose citizen has not rated the
 * round get one. The merged cases are locked, so a rating and this never cross.
 */
export async function syncMergedRating(
  tx: Tx,
  ctx: AppContext,
  main: CaseRow,
  mode: 'rearm' | 'fill' | 'cancel',
): Promise<void> {
  const merged = await tx
    .select({ c: cases })
    .from(cases)
    .innerJoin(opinions, and(eq(opinions.regionCode, cases.regionCode), eq(opinions.caseId, cases.id)))
    .where(
      and(
        eq(opinions.regionCode, main.regionCode),
        eq(opinions.mergedInto, main.id),
        eq(cases.state, 'merged'),
      ),
    )
    .orderBy(asc(cases.id))
    .for('update', { of: cases });
  if (merged.length === 0) return;
  const now = ctx.clock.now();
  const openRate = and(
    eq(timers.regionCode, main.regionCode),
    inArray(
      timers.caseId,
      merged.map((m) => m.c.id),
    ),
    eq(timers.kind, 'rate_due'),
    eq(timers.status, 'open'),
  );
  const armed = new Set(
    mode === 'fill'
      ? (await tx.select({ caseId: timers.caseId }).from(timers).where(openRate)).map((t) => t.caseId)
      : [],
  );
  if (mode !== 'fill') await tx.update(timers).set({ status: 'cancelled', cancelledAt: now }).where(openRate);
  if (mode === 'cancel') return;
  const calendar = await loadCalendar(tx);
  for (const { c } of merged) {
    if (armed.has(c.id)) continue;
    const due = await mergedRatingDue(tx, c.regionCode, c.id, main.id);
    if (!due) continue;
    const days = await resolveSetting(tx, c.regionCode, c.jurisdictionPath, autoCloseDays);
    const d = computeDeadline(calendar, now, { workingDays: days });
    await tx.insert(timers).values({
      regionCode: c.regionCode,
      id: uuidv7(now.getTime()),
      caseId: c.id,
      kind: 'rate_due',
      dueAt: d.dueAt,
      payload: { onDue: 'autoCloseMerged', day: d.day, round: due.round },
      provisional: d.provisional ? 1 : 0,
      createdAt: now,
    });
  }
}

/**
 * A merged citizen's period ran out unrated (`autoCloseMerged`): their case gets the `auto` rating
 * row of the main case's round, as the main case does on auto-close (ledgers: 逾期未评价). Nothing
 * when the answer is no longer rateable (the main case is being handled again) or was rated.
 */
export async function recordMergedAutoClose(tx: Tx, ctx: AppContext, c: CaseRow, o: Opinion) {
  if (!o.mergedInto) return;
  const due = await mergedRatingDue(tx, c.regionCode, c.id, o.mergedInto);
  if (!due) return;
  await tx
    .insert(opinionRatings)
    .values({
      regionCode: c.regionCode,
      id: uuidv7(ctx.clock.now().getTime()),
      caseId: c.id,
      round: due.round,
      rating: null,
      auto: true,
      ratedAt: ctx.clock.now(),
    })
    .onConflictDoNothing();
}
