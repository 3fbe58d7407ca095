import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Actor } from '../../kernel/auth/actor';
import { computeDeadline, loadCalendar } from '../../kernel/calendar/service';
import type { AppContext } from '../../kernel/context';
import type { Tx } from '../../kernel/db/client';
import { cases, timers } from '../../kernel/db/kernel.schema';
import { uuidv7 } from '../../kernel/ids';
import { resolveSetting } from '../../kernel/settings';
import { transition } from '../../kernel/workflow/engine';
import { maxReturns, returnWindowDays } from '../congresses/congress-settings';
import { departments } from '../congresses/congresses.schema';
import { pathCodes } from '../jurisdictions/jurisdictions.repository';
import { syncDue } from './deadlines';
import { dataOf } from './opinions.case';
import { opinionErrors } from './opinions.errors';
import { categoryFor, departmentOf, findDepartment, type Opinion } from './opinions.repository';
import {
  opinionAssignments,
  opinionAttachments,
  opinionExtensions,
  opinionProgressReports,
  opinionReplies,
  opinionRoutingRules,
  opinions,
} from './opinions.schema';
import { explanationMinChars, maxPhotoBytes } from './opinions.settings';
import { cleanReplyFile, decodeUpload, MAX_REPLY_FILES, storePhoto } from './photos';
import { syncMergedRating } from './rating.usecases';

type CaseRow = typeof cases.$inferSelect;

/** Locks the case and its opinion for a command, in one transaction with the transition. */
export async function withCase<T>(
  ctx: AppContext,
  actor: Actor,
  id: string,
  fn: (tx: Tx, c: CaseRow, o: Opinion) => Promise<T>,
): Promise<T> {
  return ctx.database.db.transaction(async (tx) => {
    const [c] = await tx
      .select()
      .from(cases)
      .where(and(eq(cases.regionCode, actor.regionCode), eq(cases.id, id), eq(cases.caseType, 'opinions')))
      .for('update');
    if (!c) throw opinionErrors.not_found();
    const [o] = await tx
      .select()
      .from(opinions)
      .where(and(eq(opinions.regionCode, c.regionCode), eq(opinions.caseId, c.id)));
    if (!o) throw opinionErrors.not_found();
    return fn(tx, c, o);
  });
}

const act = (
  ctx: AppContext,
  tx: Tx,
  c: CaseRow,
  action: string,
  actor: Actor,
  payload: Record<string, unknown> = {},
) => transition(ctx, { regionCode: c.regionCode, id: c.id }, action, actor, payload, { exec: tx });

const opinionWhere = (c: CaseRow) => and(eq(opinions.regionCode, c.regionCode), eq(opinions.caseId, c.id));

/** The category (of the congress nearest the case) and whether it is a complex matter. */
async function ensureCategory(tx: Tx, c: CaseRow, code: string) {
  const cat = await categoryFor(tx, c.regionCode, c.jurisdictionPath, code);
  if (!cat) throw opinionErrors.unknown_category();
  return { categoryCode: code, complex: cat.complexity === 'complex' };
}

/** 受理 (optionally classifying at the same time). */
export async function acceptOpinion(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { categoryCode?: string },
) {
  return withCase(ctx, actor, id, async (tx, c) => {
    if (input.categoryCode) {
      await act(ctx, tx, c, 'classify', actor, await ensureCategory(tx, c, input.categoryCode));
      await tx.update(opinions).set({ categoryCode: input.categoryCode }).where(opinionWhere(c));
    }
    return act(ctx, tx, c, 'accept', actor);
  });
}

export async function rejectOpinion(ctx: AppContext, actor: Actor, id: string, reason: string) {
  return withCase(ctx, actor, id, (tx, c) => act(ctx, tx, c, 'reject', actor, { reason }));
}

export async function classifyOpinion(ctx: AppContext, actor: Actor, id: string, categoryCode: string) {
  return withCase(ctx, actor, id, async (tx, c) => {
    const next = await act(ctx, tx, c, 'classify', actor, await ensureCategory(tx, c, categoryCode));
    await tx.update(opinions).set({ categoryCode }).where(opinionWhere(c));
    return next;
  });
}

/**
 * The unit the routing rules give for a case: rules whose category is the case's category or an
 * ancestor of it, and whose jurisdiction contains the case; the most specific area wins, then the
 * most specific category, then the lowest priority.
 */
export async function suggestDepartment(tx: Tx, c: CaseRow, categoryCode: string | null) {
  if (!categoryCode) return null;
  const rows = await tx
    .select({ r: opinionRoutingRules, name: departments.name })
    .from(opinionRoutingRules)
    .innerJoin(
      departments,
      and(
        eq(departments.regionCode, opinionRoutingRules.regionCode),
        eq(departments.id, opinionRoutingRules.departmentId),
      ),
    )
    .where(
      and(
        eq(opinionRoutingRules.regionCode, c.regionCode),
        eq(opinionRoutingRules.active, true),
        inArray(opinionRoutingRules.jurisdictionCode, pathCodes(c.jurisdictionPath)),
        sql`${categoryCode} like ${opinionRoutingRules.categoryCode} || '%'`,
      ),
    )
    .orderBy(
      desc(sql`length(${opinionRoutingRules.jurisdictionCode})`),
      desc(sql`length(${opinionRoutingRules.categoryCode})`),
      asc(opinionRoutingRules.priority),
    )
    .limit(1);
  const best = rows[0];
  return best ? { departmentId: best.r.departmentId, name: best.name, ruleId: best.r.id } : null;
}

async function addAssignment(
  tx: Tx,
  ctx: AppContext,
  actor: Actor,
  c: CaseRow,
  departmentId: string,
  role: 'lead' | 'joint',
  extra: { reason?: string | null; suggested?: string | null },
) {
  await tx.insert(opinionAssignments).values({
    regionCode: c.regionCode,
    id: uuidv7(ctx.clock.now().getTime()),
    caseId: c.id,
    departmentId,
    role,
    reason: extra.reason ?? null,
    suggestedDepartmentId: extra.suggested ?? null,
    assignedBy: actor.accountId,
    assignedAt: ctx.clock.now(),
  });
}

/** Closes the live assignments of a case (when it is returned, re-routed or answered). */
async function closeAssignments(tx: Tx, c: CaseRow, status: 'returned' | 'rerouted' | 'done', extra = {}) {
  await tx
    .update(opinionAssignments)
    .set({ status, ...extra })
    .where(
      and(
        eq(opinionAssignments.regionCode, c.regionCode),
        eq(opinionAssignments.caseId, c.id),
        inArray(opinionAssignments.status, ['assigned', 'signed']),
      ),
    );
}

export interface AssignInput {
  departmentId?: string;
  jointDepartmentIds?: string[];
  reason?: string;
}

/**
 * 交办: to the unit the staff choose, or the one the routing rules suggest. Choosing another unit
 * than the rules' needs a reason, recorded with the assignment and in the history.
 */
export async function assignOpinion(ctx: AppContext, actor: Actor, id: string, input: AssignInput) {
  return withCase(ctx, actor, id, async (tx, c, o) => {
    const suggestion = await suggestDepartment(tx, c, o.categoryCode);
    const departmentId = input.departmentId ?? suggestion?.departmentId;
    if (!departmentId || !(await findDepartment(tx, c.regionCode, departmentId)))
      throw opinionErrors.unknown_department();
    const overrides = suggestion && suggestion.departmentId !== departmentId;
    if (overrides && !input.reason?.trim()) throw opinionErrors.reason_required();
    const joint = [...new Set(input.jointDepartmentIds ?? [])].filter((d) => d !== departmentId);
    for (const d of joint)
      if (!(await findDepartment(tx, c.regionCode, d))) throw opinionErrors.unknown_department();
    const next = await act(ctx, tx, c, 'assign', actor, {
      departmentId,
      ...(joint.length ? { jointDepartmentIds: joint } : {}),
      ...(input.reason ? { reason: input.reason } : {}),
    });
    await addAssignment(tx, ctx, actor, c, departmentId, 'lead', {
      reason: input.reason,
      suggested: suggestion?.departmentId,
    });
    for (const d of joint) await addAssignment(tx, ctx, actor, c, d, 'joint', {});
    await tx.update(opinions).set({ departmentId }).where(opinionWhere(c));
    await syncDue(tx, ctx, next);
    return next;
  });
}

/** 改派: staff move a case to another unit, always with a reason. */
export async function rerouteOpinion(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { departmentId: string; reason: string },
) {
  return withCase(ctx, actor, id, async (tx, c) => {
    if (!(await findDepartment(tx, c.regionCode, input.departmentId)))
      throw opinionErrors.unknown_department();
    const next = await act(ctx, tx, c, 'reroute', actor, input);
    await closeAssignments(tx, c, 'rerouted');
    await lapseExtensions(tx, ctx, c, '已改派，原延期申请失效');
    await addAssignment(tx, ctx, actor, c, input.departmentId, 'lead', { reason: input.reason });
    await tx
      .update(opinions)
      .set({ departmentId: input.departmentId, supervisionLevel: 0 })
      .where(opinionWhere(c));
    await syncDue(tx, ctx, next);
    return next;
  });
}

/** The open reply deadline of a case, if any (none once it has passed and 督办 began). */
async function openReplyDue(tx: Tx, c: CaseRow) {
  return tx
    .select()
    .from(timers)
    .where(
      and(
        eq(timers.regionCode, c.regionCode),
        eq(timers.caseId, c.id),
        eq(timers.kind, 'reply_due'),
        eq(timers.status, 'open'),
      ),
    );
}

/** A pending extension lapses when its unit no longer handles the case (改派, 退回) or has answered. */
async function lapseExtensions(tx: Tx, ctx: AppContext, c: CaseRow, why: string) {
  await tx
    .update(opinionExtensions)
    .set({ status: 'refused', decidedAt: ctx.clock.now(), decisionNote: why })
    .where(
      and(
        eq(opinionExtensions.regionCode, c.regionCode),
        eq(opinionExtensions.caseId, c.id),
        eq(opinionExtensions.status, 'pending'),
      ),
    );
}

/** The handler's own unit must lead the case. */
async function requireLead(tx: Tx, actor: Actor, o: Opinion): Promise<string> {
  const mine = await departmentOf(tx, actor);
  if (!mine || mine !== o.departmentId) throw opinionErrors.not_your_department();
  return mine;
}

function liveLead(c: CaseRow) {
  return and(
    eq(opinionAssignments.regionCode, c.regionCode),
    eq(opinionAssignments.caseId, c.id),
    eq(opinionAssignments.role, 'lead'),
    inArray(opinionAssignments.status, ['assigned', 'signed']),
  );
}

/** 签收. */
export async function signOpinion(ctx: AppContext, actor: Actor, id: string) {
  return withCase(ctx, actor, id, async (tx, c, o) => {
    await requireLead(tx, actor, o);
    const next = await act(ctx, tx, c, 'sign', actor);
    await tx
      .update(opinionAssignments)
      .set({ status: 'signed', signedAt: ctx.clock.now(), signedBy: actor.accountId })
      .where(liveLead(c));
    return next;
  });
}

/**
 * 退回: a unit that is not responsible sends the case back, with a reason, within the return
 * window (working days from its assignment) and only while the case's returns are under the cap.
 */
export async function returnOpinion(ctx: AppContext, actor: Actor, id: string, reason: string) {
  return withCase(ctx, actor, id, async (tx, c, o) => {
    await requireLead(tx, actor, o);
    const [lead] = await tx.select().from(opinionAssignments).where(liveLead(c));
    const windowDays = await resolveSetting(tx, c.regionCode, c.jurisdictionPath, returnWindowDays);
    const cap = await resolveSetting(tx, c.regionCode, c.jurisdictionPath, maxReturns);
    if ((dataOf(c).returns ?? 0) >= cap) throw opinionErrors.return_cap_reached({ cap });
    if (lead) {
      const until = computeDeadline(await loadCalendar(tx), lead.assignedAt, { workingDays: windowDays });
      if (ctx.clock.now() > until.dueAt) throw opinionErrors.return_window_passed({ until: until.day });
    }
    const next = await act(ctx, tx, c, 'return', actor, { reason });
    await closeAssignments(tx, c, 'returned', { returnedAt: ctx.clock.now(), returnReason: reason });
    await lapseExtensions(tx, ctx, c, '已退回，原延期申请失效');
    await tx
      .update(opinions)
      .set({
        departmentId: null,
        returnCount: sql`${opinions.returnCount} + 1`,
        supervisionLevel: 0,
        replyDueAt: null,
      })
      .where(opinionWhere(c));
    return next;
  });
}

/** 申请延期. */
export async function requestExtension(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { days: number; reason: string },
) {
  return withCase(ctx, actor, id, async (tx, c, o) => {
    const departmentId = await requireLead(tx, actor, o);
    if (dataOf(c).extensionPending) throw opinionErrors.extension_pending();
    // An extension is asked for before the deadline; once it has passed the case is under 督办.
    if ((await openReplyDue(tx, c)).length === 0) throw opinionErrors.extension_after_due();
    const next = await act(ctx, tx, c, 'requestExtension', actor, input);
    await tx.insert(opinionExtensions).values({
      regionCode: c.regionCode,
      id: uuidv7(ctx.clock.now().getTime()),
      caseId: c.id,
      departmentId,
      days: input.days,
      reason: input.reason,
      requestedBy: actor.accountId,
      requestedAt: ctx.clock.now(),
    });
    return next;
  });
}

/** Congress staff approve (the reply deadline moves by the days asked) or refuse an extension. */
export async function decideExtension(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { approve: boolean; note?: string },
) {
  return withCase(ctx, actor, id, async (tx, c, o) => {
    const [ext] = await tx
      .select()
      .from(opinionExtensions)
      .where(
        and(
          eq(opinionExtensions.regionCode, c.regionCode),
          eq(opinionExtensions.caseId, c.id),
          eq(opinionExtensions.status, 'pending'),
          eq(opinionExtensions.departmentId, o.departmentId ?? '00000000-0000-0000-0000-000000000000'),
        ),
      )
      .orderBy(desc(opinionExtensions.requestedAt))
      .limit(1);
    if (!ext) throw opinionErrors.extension_not_found();
    const open = await openReplyDue(tx, c);
    if (input.approve && open.length === 0) throw opinionErrors.extension_after_due();
    const next = await act(ctx, tx, c, input.approve ? 'approveExtension' : 'refuseExtension', actor, {
      ...(input.note ? { note: input.note } : {}),
    });
    await tx
      .update(opinionExtensions)
      .set({
        status: input.approve ? 'approved' : 'refused',
        decidedBy: actor.accountId,
        decidedAt: ctx.clock.now(),
        decisionNote: input.note ?? null,
      })
      .where(and(eq(opinionExtensions.regionCode, c.regionCode), eq(opinionExtensions.id, ext.id)));
    if (input.approve) {
      const calendar = await loadCalendar(tx);
      for (const t of open) {
        const d = computeDeadline(calendar, t.dueAt, { workingDays: ext.days });
        await tx
          .update(timers)
          .set({ dueAt: d.dueAt, payload: { ...(t.payload as object), day: d.day } })
          .where(and(eq(timers.regionCode, t.regionCode), eq(timers.id, t.id)));
      }
      await syncDue(tx, ctx, next);
    }
    return next;
  });
}

export interface ReplyInput {
  body: string;
  outcome: 'solved' | 'in_progress' | 'explained';
  /** Base64 files: photos (sniffed, EXIF stripped) or PDF letters. */
  attachments?: string[];
}

/**
 * 答复: the lead unit answers the citizen (one reply per handling round), with photos or PDF
 * letters. A matter that cannot be solved (已解释说明) closes only with a written explanation of
 * at least `opinions.explanationMinChars` characters.
 */
export async function replyOpinion(ctx: AppContext, actor: Actor, id: string, input: ReplyInput) {
  const files = input.attachments ?? [];
  if (files.length > MAX_REPLY_FILES) throw opinionErrors.too_many_files({ max: MAX_REPLY_FILES });
  const maxBytes = await resolveSetting(
    ctx.database.db,
    actor.regionCode,
    `/${actor.regionCode}/`,
    maxPhotoBytes,
  );
  const clean = files.map((f) => cleanReplyFile(decodeUpload(f), maxBytes * 2));
  const stored = await Promise.all(clean.map((f) => storePhoto(ctx.config.dataDir, actor.regionCode, f)));
  return withCase(ctx, actor, id, async (tx, c, o) => {
    const departmentId = await requireLead(tx, actor, o);
    if (input.outcome === 'explained') {
      const min = await resolveSetting(tx, c.regionCode, c.jurisdictionPath, explanationMinChars);
      if ([...input.body.trim()].length < min) throw opinionErrors.explanation_too_short({ min });
    }
    const round = dataOf(c).round ?? 1;
    const next = await act(ctx, tx, c, 'reply', actor, {
      body: input.body,
      outcome: input.outcome,
      ...(clean.length ? { attachments: clean.length } : {}),
    });
    if (clean.length > 0)
      await tx.insert(opinionAttachments).values(
        clean.map((f, i) => ({
          regionCode: c.regionCode,
          id: uuidv7(ctx.clock.now().getTime()),
          caseId: c.id,
          stage: 'reply' as const,
          round,
          mime: f.mime,
          bytes: f.data.length,
          sha256: f.sha256,
          storagePath: stored[i]!,
          uploadedBy: actor.accountId,
          createdAt: ctx.clock.now(),
        })),
      );
    await tx.insert(opinionReplies).values({
      regionCode: c.regionCode,
      id: uuidv7(ctx.clock.now().getTime()),
      caseId: c.id,
      round,
      departmentId,
      body: input.body,
      outcome: input.outcome,
      repliedBy: actor.accountId,
      repliedAt: ctx.clock.now(),
    });
    await closeAssignments(tx, c, 'done');
    await lapseExtensions(tx, ctx, c, '已答复，延期申请不再需要');
    await tx.update(opinions).set({ replyDueAt: null }).where(opinionWhere(c));
    // 并单: each merged citizen gets the same period to rate this answer.
    await syncMergedRating(tx, ctx, next, 'rearm');
    return next;
  });
}

/** 报送办理进度: the lead unit tells the citizen where a (complex) case stands; re-arms the monthly timer. */
export async function reportProgress(ctx: AppContext, actor: Actor, id: string, body: string) {
  return withCase(ctx, actor, id, async (tx, c, o) => {
    const departmentId = await requireLead(tx, actor, o);
    const next = await act(ctx, tx, c, 'reportProgress', actor, { body });
    await tx.insert(opinionProgressReports).values({
      regionCode: c.regionCode,
      id: uuidv7(ctx.clock.now().getTime()),
      caseId: c.id,
      departmentId,
      body,
      reportedBy: actor.accountId,
      reportedAt: ctx.clock.now(),
    });
    return next;
  });
}

/** 会办意见: a joint unit sends its opinion to the lead unit (once per assignment; a later one replaces it). */
export async function giveJointOpinion(ctx: AppContext, actor: Actor, id: string, body: string) {
  return withCase(ctx, actor, id, async (tx, c) => {
    const mine = await departmentOf(tx, actor);
    const live = and(
      eq(opinionAssignments.regionCode, c.regionCode),
      eq(opinionAssignments.caseId, c.id),
      eq(opinionAssignments.role, 'joint'),
      eq(opinionAssignments.departmentId, mine ?? '00000000-0000-0000-0000-000000000000'),
      inArray(opinionAssignments.status, ['assigned', 'signed']),
    );
    const [assignment] = await tx.select().from(opinionAssignments).where(live);
    if (!assignment) throw opinionErrors.not_joint_unit();
    const next = await act(ctx, tx, c, 'jointOpinion', actor, { body, departmentId: mine });
    await tx
      .update(opinionAssignments)
      .set({ opinion: body, opinionAt: ctx.clock.now(), opinionBy: actor.accountId, status: 'signed' })
      .where(and(eq(opinionAssignments.regionCode, c.regionCode), eq(opinionAssignments.id, assignment.id)));
    return next;
  });
}
